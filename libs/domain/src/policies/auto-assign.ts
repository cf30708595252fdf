import type { AgentInfo } from '../session/context';
import type { IsoTime } from '../session/types';
import type { Settings } from '../settings/settings';
import { isEligibleAgent, isOnline, type RoutableSession } from './eligibility';

/** The cap that applies to the agent: its own if set, else the setting; 0 = no limit. */
export function effectiveCap(agent: AgentInfo, settings: Settings): number {
  return agent.cap !== undefined && agent.cap > 0 ? agent.cap : settings.maxConcurrentChatsPerAgent;
}

/**
 * R4.1: below the cap. `reservedForThis` says the agent's load already counts
 * the session being assigned (the router reserved the slot, A6).
 */
export function hasCapacity(agent: AgentInfo, settings: Settings, reservedForThis = false): boolean {
  const cap = effectiveCap(agent, settings);
  if (cap <= 0) return true;
  const otherLoad = reservedForThis ? agent.load - 1 : agent.load;
  return otherLoad < cap;
}

/** What blocks an automatic assignment to this agent, or undefined if nothing does. */
export function autoAssignProblem(
  agent: AgentInfo,
  session: RoutableSession,
  settings: Settings,
  reservedForThis = false,
): 'offline' | 'notEligible' | 'atCapacity' | undefined {
  if (!isOnline(agent)) return 'offline';
  if (!isEligibleAgent(agent, session, settings)) return 'notEligible';
  if (!hasCapacity(agent, settings, reservedForThis)) return 'atCapacity';
  return undefined;
}

/**
 * R4.1: the agent to assign a QUEUED session to: eligible (R2), online, below
 * the cap; lowest load first; ties to the agent idle longest (earliest
 * `idleSince`, absent = idle forever); last tie by id so the choice is
 * deterministic. Undefined when nobody is available: the session waits.
 * Agents who declined the session or let its offer lapse (issue 14) come
 * only when no one else is available.
 */
export function pickAgentForAutoAssign(
  session: RoutableSession,
  agents: readonly AgentInfo[],
  settings: Settings,
): AgentInfo | undefined {
  let best: AgentInfo | undefined;
  let passedOverBest: AgentInfo | undefined;
  const passedOver = new Set(session.passedOverAgentIds ?? []);
  for (const a of agents) {
    if (autoAssignProblem(a, session, settings) !== undefined) continue;
    if (passedOver.has(a.id)) {
      if (passedOverBest === undefined || compareForAssignment(a, passedOverBest) < 0) passedOverBest = a;
    } else if (best === undefined || compareForAssignment(a, best) < 0) best = a;
  }
  return best ?? passedOverBest;
}

function compareForAssignment(a: AgentInfo, b: AgentInfo): number {
  if (a.load !== b.load) return a.load - b.load;
  const ia = idleKey(a.idleSince);
  const ib = idleKey(b.idleSince);
  if (ia !== ib) return ia - ib;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function idleKey(t: IsoTime | undefined): number {
  if (t === undefined) return Number.NEGATIVE_INFINITY;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/**
 * Issue 15: the live capacity of a session's queue for the wait estimate:
 * the chat slots of the online agents who may take it (their caps) and how
 * many are free; `unlimited` when one of them has no cap.
 */
export function liveCapacity(session: RoutableSession, agents: readonly AgentInfo[], settings: Settings): { slots: number; free: number; unlimited: boolean } {
  let slots = 0;
  let free = 0;
  let unlimited = false;
  for (const a of agents) {
    if (!isOnline(a) || !isEligibleAgent(a, session, settings)) continue;
    const cap = effectiveCap(a, settings);
    if (cap <= 0) unlimited = true;
    else {
      slots += cap;
      free += Math.max(0, cap - a.load);
    }
  }
  return { slots, free, unlimited };
}

/** The fields `orderWaitingSessions` sorts on. */
export interface WaitingSession {
  readonly sessionId: string;
  readonly queuedAt?: IsoTime;
  readonly createdAt: IsoTime;
  /** Issue 15: 0..3, absent = 0. */
  readonly priority?: number;
}

/**
 * R4.1 extended by issue 15: waiting sessions are served highest priority
 * first, then oldest first by the time they (last) entered the queue; ties
 * by session id. Returns a new array.
 */
export function orderWaitingSessions<T extends WaitingSession>(sessions: readonly T[]): T[] {
  // Keys parsed once per session, not once per comparison (routers sort thousands).
  const keyed = sessions.map((s) => ({ s, priority: s.priority ?? 0, key: Date.parse(s.queuedAt ?? s.createdAt) }));
  keyed.sort((a, b) => {
    if (a.priority !== b.priority) return b.priority - a.priority;
    const d = a.key - b.key;
    if (d !== 0 && !Number.isNaN(d)) return d;
    return a.s.sessionId < b.s.sessionId ? -1 : a.s.sessionId > b.s.sessionId ? 1 : 0;
  });
  return keyed.map((k) => k.s);
}

/**
 * Issue 15: how many of `waiting` are served before `session` by
 * `orderWaitingSessions` (same queue is the caller's filter): those of
 * higher priority, and those of the same priority that entered earlier.
 */
export function servedBefore<T extends WaitingSession>(session: T, waiting: readonly T[]): number {
  const key = (w: WaitingSession) => Date.parse(w.queuedAt ?? w.createdAt);
  const p = session.priority ?? 0;
  const k = key(session);
  let count = 0;
  for (const w of waiting) {
    if (w.sessionId === session.sessionId) continue;
    const wp = w.priority ?? 0;
    const wk = key(w);
    if (wp > p || (wp === p && (wk < k || (wk === k && w.sessionId < session.sessionId)))) count++;
  }
  return count;
}
