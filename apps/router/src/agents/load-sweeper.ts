import type { AgentLiveState } from '@switchboard/agent-state';

/** A session counted against an agent, to check against the session itself. */
export interface CountedSession {
  readonly agentId: string;
  readonly sessionId: string;
  /** How long it has been counted. */
  readonly ageMs: number;
  /** Counted before its commit, decided from this session version (AgentLiveState.decidedFrom). */
  readonly decidedFrom?: number;
}

/** What the sweep knows of a session: its stored state, rolled forward through its commits. */
export interface SweptSession {
  readonly status: string;
  readonly version: number;
  readonly ownerAgentId?: string;
  readonly offer?: { readonly agentId: string };
}

/**
 * Counted sessions old enough to check: a reservation younger than
 * `minAgeMs` may still be on its way to being committed.
 */
export function countedSessionsToCheck(states: ReadonlyMap<string, AgentLiveState>, now: number, minAgeMs: number): CountedSession[] {
  const out: CountedSession[] = [];
  for (const [agentId, state] of states) {
    for (const [sessionId, since] of Object.entries(state.sessions)) {
      const ageMs = now - Date.parse(since);
      const decidedFrom = state.decidedFrom?.[sessionId];
      if (ageMs >= minAgeMs) out.push({ agentId, sessionId, ageMs, ...(decidedFrom === undefined ? {} : { decidedFrom }) });
    }
  }
  return out;
}

/** A counted session is confirmed while the session is ASSIGNED to that agent, or offered to it (issue 14: a pending offer counts). */
export function isConfirmed(counted: CountedSession, session: SweptSession | undefined): boolean {
  if (session?.status === 'ASSIGNED') return session.ownerAgentId === counted.agentId;
  return session?.status === 'QUEUED' && session.offer?.agentId === counted.agentId;
}

/**
 * Whether the sweep drops a count. A confirmed count stays. A count made
 * before its commit stays while the session is still at the version the
 * assignment was decided from, however long its commit takes (issue 18: a
 * partition held a commit past the minimum age, the sweep dropped its count,
 * and the agent was given a chat above the cap), unless it is older than
 * `stuckAgeMs`: a chat actor that died before committing, on a session
 * nothing has changed since. Once the session moved past that version the
 * commit either landed and was undone, or lost: the count goes.
 */
export function shouldDrop(counted: CountedSession, session: SweptSession | undefined, stuckAgeMs: number): boolean {
  if (isConfirmed(counted, session)) return false;
  if (counted.decidedFrom === undefined || session === undefined) return true;
  return session.version > counted.decidedFrom || counted.ageMs >= stuckAgeMs;
}
