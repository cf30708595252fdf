/**
 * An agent's live state: presence (R18) and the sessions ASSIGNED to the
 * agent, whose count is the agent's load (R4.1). It lives apart from the
 * agent's profile (name, queues, companies, cap in MongoDB) because it changes
 * with every assignment and must be changed atomically: one JetStream KV key
 * per agent, every change a compare-and-set on the key's revision (A6).
 *
 * Pure functions only; a change that changes nothing returns the same object,
 * so callers skip the write.
 */
export type AgentPresence = 'online' | 'away' | 'notResponding' | 'offline';

export interface AgentLiveState {
  readonly presence: AgentPresence;
  readonly presenceSince: string;
  /** Sessions assigned to the agent: session id -> when it was counted. */
  readonly sessions: Readonly<Record<string, string>>;
  /**
   * Counts made before their commit (an automatic assignment's reservation,
   * an accepted transfer): session id -> the session version the assignment
   * was decided from. Its commit can land only while the session is still at
   * that version, so the load sweep keeps such a count until the session has
   * moved past it, however slow the commit (issue 18).
   */
  readonly decidedFrom?: Readonly<Record<string, number>>;
  /** When the agent last got a session (R4.1: ties go to the agent idle longest). */
  readonly lastAssignedAt?: string;
  /**
   * Wrap-up after ending or abandoning a chat (issue 14): no new chat until
   * `until`, or, when the queue requires a disposition, until the agent
   * records one for `sessionId`.
   */
  readonly wrapUp?: WrapUp;
}

export interface WrapUp {
  readonly sessionId: string;
  readonly until: string;
  readonly dispositionRequired: boolean;
}

/**
 * The presence that routing goes by: `wrapUp` while an online agent's
 * wrap-up lasts (its time not up, or a disposition still required), else
 * the presence the agent has. Time-based, so no timer has to end a wrap-up.
 */
export function effectivePresence(state: AgentLiveState | undefined, now: number): AgentPresence | 'wrapUp' {
  if (!state) return 'offline';
  if (state.presence === 'online' && isWrappingUp(state, now)) return 'wrapUp';
  return state.presence;
}

export function isWrappingUp(state: AgentLiveState, now: number): boolean {
  const w = state.wrapUp;
  return w !== undefined && (w.dispositionRequired || Date.parse(w.until) > now);
}

export function withWrapUp(state: AgentLiveState, wrapUp: WrapUp): AgentLiveState {
  return { ...state, wrapUp };
}

/** Ends the wrap-up of `sessionId` (a disposition recorded); another session's wrap-up stays. */
export function withoutWrapUp(state: AgentLiveState, sessionId: string): AgentLiveState {
  if (state.wrapUp?.sessionId !== sessionId) return state;
  const copy: { -readonly [K in keyof AgentLiveState]: AgentLiveState[K] } = { ...state };
  delete copy.wrapUp;
  return copy;
}

/** What a never-seen agent is: offline, no sessions. */
export function initialLiveState(now: Date): AgentLiveState {
  return { presence: 'offline', presenceSince: now.toISOString(), sessions: {} };
}

export function loadOf(state: AgentLiveState): number {
  return Object.keys(state.sessions).length;
}

export function withPresence(state: AgentLiveState, presence: AgentPresence, now: Date): AgentLiveState {
  if (state.presence === presence) return state;
  return { ...state, presence, presenceSince: now.toISOString() };
}

/** Counts `sessionId`; `decidedFrom` when counted before its commit (the session version the assignment was decided from). */
export function withSession(state: AgentLiveState, sessionId: string, now: Date, decidedFrom?: number): AgentLiveState {
  if (sessionId in state.sessions) return state;
  const at = now.toISOString();
  const counted: AgentLiveState = { ...state, sessions: { ...state.sessions, [sessionId]: at }, lastAssignedAt: at };
  return decidedFrom === undefined ? counted : { ...counted, decidedFrom: { ...state.decidedFrom, [sessionId]: decidedFrom } };
}

/**
 * Stops counting `sessionId`. `countedBefore`: the session version of the
 * change that takes it off (the last seq of its commit); a count decided from
 * that version or a later one belongs to a newer assignment and stays (issue
 * 18: an outbox retry of a release, late after a NATS node's kill, took off
 * the count of the same agent's next assignment of the chat, and the agent
 * was given chats above the cap for two minutes).
 */
export function withoutSession(state: AgentLiveState, sessionId: string, countedBefore?: number): AgentLiveState {
  if (!(sessionId in state.sessions)) return state;
  const decidedFrom = state.decidedFrom?.[sessionId];
  if (countedBefore !== undefined && decidedFrom !== undefined && decidedFrom >= countedBefore) return state;
  const sessions = { ...state.sessions };
  delete sessions[sessionId];
  if (decidedFrom === undefined) return { ...state, sessions };
  const left = { ...state.decidedFrom };
  delete left[sessionId];
  return { ...state, sessions, decidedFrom: left };
}

/** Agent ids are free text; KV keys allow `[-/_=.a-zA-Z0-9]` only. */
const PLAIN_KEY = /^[-_a-zA-Z0-9]+$/;

export function agentKey(agentId: string): string {
  return PLAIN_KEY.test(agentId) ? agentId : `b64.${Buffer.from(agentId, 'utf8').toString('base64url')}`;
}

export function agentIdOfKey(key: string): string {
  return key.startsWith('b64.') ? Buffer.from(key.slice(4), 'base64url').toString('utf8') : key;
}
