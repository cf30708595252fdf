import type { AgentLiveState } from '@switchboard/agent-state';

/** A session counted against an agent that the session itself does not confirm. */
export interface StaleLoad {
  readonly agentId: string;
  readonly sessionId: string;
}

/**
 * Counted sessions old enough to check: a reservation younger than
 * `minAgeMs` may still be on its way to being committed.
 */
export function countedSessionsToCheck(states: ReadonlyMap<string, AgentLiveState>, now: number, minAgeMs: number): StaleLoad[] {
  const out: StaleLoad[] = [];
  for (const [agentId, state] of states) {
    for (const [sessionId, since] of Object.entries(state.sessions)) {
      if (now - Date.parse(since) >= minAgeMs) out.push({ agentId, sessionId });
    }
  }
  return out;
}

/** A counted session is confirmed while the session is ASSIGNED to that agent, or offered to it (issue 14: a pending offer counts). */
export function isConfirmed(load: StaleLoad, session: { status: string; ownerAgentId?: string; offer?: { agentId: string } } | undefined): boolean {
  if (session?.status === 'ASSIGNED') return session.ownerAgentId === load.agentId;
  return session?.status === 'QUEUED' && session.offer?.agentId === load.agentId;
}
