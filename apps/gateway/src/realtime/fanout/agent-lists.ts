import type { AgentList, ListChange, ListItem } from '@switchboard/contracts';
import { canSeeQueuedSession, type AgentInfo, type Settings } from '@switchboard/domain';

/**
 * Which of the agent's lists shows the session, if any: My Chats when it owns
 * it (R3.1), Transferred when it is the transfer target (R5.1), Queue when
 * its Queue tab lists it (R2: online, its queue, its company with the filter on).
 */
export function listOf(item: ListItem, agent: AgentInfo | undefined, agentId: string, settings: Settings): AgentList | undefined {
  if (item.status === 'ASSIGNED' && item.ownerAgentId === agentId) return 'myChats';
  if (item.status === 'PENDING_TRANSFER' && item.transferTargetAgentId === agentId) return 'transferred';
  if (agent && canSeeQueuedSession(agent, item, settings)) return 'queue';
  return undefined;
}

export interface HeldItem {
  list: AgentList | undefined;
  version: number;
  /** The fields a list row shows; a change of version alone (a message) is not pushed. */
  signature: string;
}

export function signatureOf(item: ListItem): string {
  return `${item.status}|${item.queue}|${item.ownerAgentId ?? ''}|${item.transferTargetAgentId ?? ''}|${item.cancelledByUser}|${item.userLeft}|${item.companyId}`;
}

/**
 * The changes that bring what the agent was told (`held`) to the session's
 * new place (`now`, undefined when in none of its lists). Empty when nothing
 * it sees changed.
 */
export function listChanges(sessionId: string, held: HeldItem | undefined, now: AgentList | undefined, item: ListItem | undefined, version: number): ListChange[] {
  if (held && version < held.version) return [];
  const changes: ListChange[] = [];
  if (held?.list && held.list !== now) changes.push({ op: 'remove', list: held.list, sessionId, version });
  if (now && item && (held?.list !== now || held.signature !== signatureOf(item))) changes.push({ op: 'upsert', list: now, item });
  return changes;
}
