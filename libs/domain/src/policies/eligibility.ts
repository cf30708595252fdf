import type { AgentInfo } from '../session/context';
import type { SessionStatus } from '../session/types';
import { GENERAL_QUEUE, type Settings } from '../settings/settings';
import { receivesNewChats } from './presence';

/** The part of a session the routing policies look at. */
export interface RoutableSession {
  readonly queue: string;
  readonly companyId: string;
  /** Agents the session never goes back to (no first reply in time, issue 14). */
  readonly excludedAgentIds?: readonly string[];
  /** Agents who declined it or let its offer lapse: chosen only when no one else is (issue 14). */
  readonly passedOverAgentIds?: readonly string[];
}

/**
 * With Support Queues off every session is in `General` (Settings table). The
 * stored queue is kept, but routing reads it through this function, so turning
 * the setting off takes effect at once, also for sessions already waiting.
 */
export function effectiveQueue(queue: string, settings: Settings): string {
  return settings.supportQueues ? queue : GENERAL_QUEUE;
}

/** Every agent serves `General`; other queues only their members. */
export function servesQueue(agent: AgentInfo, queue: string, settings: Settings): boolean {
  const q = effectiveQueue(queue, settings);
  return q === GENERAL_QUEUE || agent.queues.includes(q);
}

/** Company filter on: only the end user's company's agents (R2, R6). */
export function servesCompany(agent: AgentInfo, companyId: string, settings: Settings): boolean {
  return !settings.companyFilter || agent.companies.includes(companyId);
}

/** Queue and company membership, regardless of presence; never an agent the session excludes. */
export function isEligibleAgent(agent: AgentInfo, session: RoutableSession, settings: Settings): boolean {
  return (
    servesQueue(agent, session.queue, settings) &&
    servesCompany(agent, session.companyId, settings) &&
    !(session.excludedAgentIds?.includes(agent.id) ?? false)
  );
}

/** R18: only online agents get offers, transfers and automatic assignments. */
export function isOnline(agent: AgentInfo): boolean {
  return receivesNewChats(agent.presence);
}

/**
 * R2: a QUEUED session is listed in the Queue tab of every online agent of its
 * queue (`General`: every online agent), with Company filter on only of agents
 * of the end user's company.
 */
export function canSeeQueuedSession(
  agent: AgentInfo,
  session: RoutableSession & { readonly status: SessionStatus },
  settings: Settings,
): boolean {
  return session.status === 'QUEUED' && isOnline(agent) && isEligibleAgent(agent, session, settings);
}
