import type { AgentInfo } from '../session/context';
import type { Settings } from '../settings/settings';
import { effectiveQueue } from './eligibility';

/**
 * Issue 16 (R19 extended): a supervisor sees and acts only within their
 * queues. The session's queue is read as routing reads it (`General` for
 * every chat while Support Queues is off), so a supervisor of `General`
 * then supervises every chat. The queues come from the agent profile
 * (`supervisedQueues`, at most MAX_SUPERVISED_QUEUES by its contract).
 */
export function supervises(agent: Pick<AgentInfo, 'supervisedQueues'> | undefined, session: { readonly queue: string }, settings: Settings): boolean {
  if (agent?.supervisedQueues === undefined || agent.supervisedQueues.length === 0) return false;
  return agent.supervisedQueues.includes(effectiveQueue(session.queue, settings));
}
