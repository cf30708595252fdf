import {
  BOARD_MAX_AGENTS_PER_QUEUE,
  BOARD_MAX_CHATS_PER_QUEUE,
  BOARD_MAX_QUEUES,
  BOARD_MAX_WAITING_PER_QUEUE,
  type Board,
  type BoardAgent,
  type BoardChat,
  type BoardQueue,
  type ListItem,
} from '@switchboard/contracts';
import { effectiveQueue, GENERAL_QUEUE, type AgentInfo, type Settings } from '@switchboard/domain';
import type { ChatActivity } from '../sessions/open-sessions.projection';
import { byServiceOrder } from '../fanout/queue-positions';

/** What the board is built from: the gateway's projection of the open chats and its agent directory. */
export interface BoardSources {
  readonly chats: Iterable<ListItem>;
  offerOf(sessionId: string): { agentId: string; expiresAt: string } | undefined;
  activityOf(sessionId: string): ChatActivity | undefined;
  readonly agents: readonly AgentInfo[];
  readonly settings: Settings;
  readonly now: Date;
}

/**
 * Issue 16 (ADR 25): the monitoring board of a supervisor, bounded: their
 * first BOARD_MAX_QUEUES supervised queues by name; per queue, the waiting
 * chats in the order they are served, the chats in progress (help flags
 * first, then the oldest) and the agents, each up to its bound, with totals.
 * A chat belongs to its queue as routing reads it (`General` for all while
 * Support Queues is off), the same rule as `supervises`, so a board shows
 * nothing of a queue its supervisor does not supervise.
 */
export function buildBoard(supervisedQueues: readonly string[], sources: BoardSources): Board {
  const names = [...new Set(supervisedQueues)].sort();
  const shown = names.slice(0, BOARD_MAX_QUEUES);
  const byQueue = new Map<string, { waiting: ListItem[]; chats: ListItem[] }>(shown.map((q) => [q, { waiting: [], chats: [] }]));
  for (const item of sources.chats) {
    const line = byQueue.get(effectiveQueue(item.queue, sources.settings));
    if (!line) continue;
    if (item.status === 'QUEUED') line.waiting.push(item);
    else if (item.status === 'ASSIGNED' || item.status === 'PENDING_TRANSFER') line.chats.push(item);
  }
  const queues: BoardQueue[] = [];
  for (const queue of shown) {
    const { waiting, chats } = byQueue.get(queue)!;
    waiting.sort(byServiceOrder);
    const flagged = (item: ListItem) => (sources.activityOf(item.sessionId)?.helpFlag ? 0 : 1);
    chats.sort((a, b) => flagged(a) - flagged(b) || byAssignedTime(a, b));
    const owners = new Set(chats.flatMap((c) => [c.ownerAgentId, c.transferTargetAgentId]).filter((id): id is string => id !== undefined));
    const agents = sources.agents.filter((a) => owners.has(a.id) || queue === GENERAL_QUEUE || a.queues.includes(queue));
    agents.sort((a, b) => rank(a, owners) - rank(b, owners) || a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
    const offers = waiting.filter((w) => sources.offerOf(w.sessionId) !== undefined).length;
    const helpFlags = chats.filter((c) => sources.activityOf(c.sessionId)?.helpFlag !== undefined).length;
    queues.push({
      queue,
      waiting: waiting.slice(0, BOARD_MAX_WAITING_PER_QUEUE).map((item) => chatOf(item, sources)),
      chats: chats.slice(0, BOARD_MAX_CHATS_PER_QUEUE).map((item) => chatOf(item, sources)),
      agents: agents.slice(0, BOARD_MAX_AGENTS_PER_QUEUE).map(agentOf),
      totals: { waiting: waiting.length, chats: chats.length, agents: agents.length, offers, helpFlags },
    });
  }
  return { now: sources.now.toISOString(), queues, truncated: names.length > shown.length };
}

/** The queues a chat event can change on a board: the chat's queue before and after it, as routing reads them. */
export function boardQueuesOf(items: ReadonlyArray<ListItem | undefined>, settings: Settings): Set<string> {
  return new Set(items.filter((i): i is ListItem => i !== undefined).map((i) => effectiveQueue(i.queue, settings)));
}

function chatOf(item: ListItem, sources: BoardSources): BoardChat {
  const offer = item.status === 'QUEUED' ? sources.offerOf(item.sessionId) : undefined;
  const activity = sources.activityOf(item.sessionId);
  return {
    sessionId: item.sessionId,
    status: item.status,
    queue: item.queue,
    ...(item.priority ? { priority: item.priority } : {}),
    ...(item.queuedAt ? { queuedAt: item.queuedAt } : {}),
    ...(item.createdAt ? { createdAt: item.createdAt } : {}),
    ...(item.endUserName ? { endUserName: item.endUserName } : {}),
    ...(item.ownerAgentId ? { ownerAgentId: item.ownerAgentId } : {}),
    ...(item.transferTargetAgentId ? { transferTargetAgentId: item.transferTargetAgentId } : {}),
    ...(offer ? { offer: { agentId: offer.agentId, expiresAt: offer.expiresAt } } : {}),
    ...(activity?.helpFlag ? { helpFlag: { ...activity.helpFlag } } : {}),
    ...(activity?.lastEndUserMessageAt ? { lastEndUserMessageAt: activity.lastEndUserMessageAt } : {}),
    ...(activity?.lastAgentMessageAt ? { lastAgentMessageAt: activity.lastAgentMessageAt } : {}),
  };
}

function agentOf(agent: AgentInfo): BoardAgent {
  return { agentId: agent.id, name: agent.displayName, presence: agent.presence, load: agent.load };
}

/** Agents with a chat of the queue first, then the others present, then the offline ones. */
function rank(agent: AgentInfo, owners: ReadonlySet<string>): number {
  if (owners.has(agent.id)) return 0;
  return agent.presence === 'offline' ? 2 : 1;
}

/** In progress: the oldest chat first (by its start; the id breaks ties so every gateway agrees). */
function byAssignedTime(a: ListItem, b: ListItem): number {
  const ta = a.createdAt ?? '';
  const tb = b.createdAt ?? '';
  return ta < tb ? -1 : ta > tb ? 1 : a.sessionId < b.sessionId ? -1 : 1;
}
