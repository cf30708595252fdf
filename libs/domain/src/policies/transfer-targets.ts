import type { AgentInfo } from '../session/context';
import type { Settings } from '../settings/settings';
import { isEligibleAgent, isOnline, type RoutableSession } from './eligibility';

/**
 * R6: who can be a transfer target. Online agents only, never the initiator:
 *
 * | session queue | Company filter | list |
 * |---|---|---|
 * | General | off | all online agents |
 * | General | on  | online agents of the end user's company |
 * | other   | off | online agents of the session's queue, any company |
 * | other   | on  | online agents of the session's queue and of the end user's company |
 *
 * The four rows are exactly "eligible (queue + company) and online".
 */
export function transferTargets(
  session: RoutableSession,
  initiatorAgentId: string,
  agents: readonly AgentInfo[],
  settings: Settings,
): AgentInfo[] {
  return agents.filter((a) => a.id !== initiatorAgentId && isOnline(a) && isEligibleAgent(a, session, settings));
}

/**
 * R5.3: why `targetAgentId` is not a valid target for a transfer by
 * `initiatorAgentId`, or undefined when it is. `agents` holds what the caller
 * knows of the target (an agent missing from it does not exist).
 */
export function transferTargetProblem(
  session: RoutableSession,
  initiatorAgentId: string,
  targetAgentId: string,
  agents: readonly AgentInfo[],
  settings: Settings,
): 'self' | 'unknown' | 'offline' | 'notEligible' | undefined {
  if (targetAgentId === initiatorAgentId) return 'self';
  const target = agents.find((a) => a.id === targetAgentId);
  if (target === undefined) return 'unknown';
  if (!isOnline(target)) return 'offline';
  if (!isEligibleAgent(target, session, settings)) return 'notEligible';
  return undefined;
}
