import {
  AGENT_LIST_MAX_ITEMS,
  AGENT_LISTS,
  LIST_DESCRIPTION_PREVIEW,
  LISTS_FRAME_MAX_BYTES,
  type AgentList,
  type AgentLists,
  type ListChange,
  type ListItem,
} from '@switchboard/contracts';
import { canSeeQueuedSession, guestOf, type AgentInfo, type Settings } from '@switchboard/domain';

/**
 * Which of the agent's lists shows the session, if any: My Chats when it owns
 * it (R3.1) or is in it besides its owner (issue 16), Transferred when it is the transfer target (R5.1), Queue when
 * its Queue tab lists it (R2: online, its queue, its company with the filter on).
 */
export function listOf(item: ListItem, agent: AgentInfo | undefined, agentId: string, settings: Settings): AgentList | undefined {
  if (item.status === 'ASSIGNED' && item.ownerAgentId === agentId) return 'myChats';
  // Issue 16 (ADR 24): a chat the agent is in besides its owner is among their chats too (the row says whose it is).
  if (item.status === 'ASSIGNED' && guestOf(item, agentId)) return 'myChats';
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
  return `${item.status}|${item.queue}|${item.ownerAgentId ?? ''}|${item.transferTargetAgentId ?? ''}|${item.cancelledByUser}|${item.userLeft}|${item.companyId}|${item.priority ?? 0}|${(item.guests ?? []).map((g) => g.agentId).join(',')}|${(item.invites ?? []).map((i) => i.agentId).join(',')}`;
}

/**
 * The changes that bring what the agent was told (`held`) to the session's
 * new place (`now`, undefined when in none of its lists). Empty when nothing
 * it sees changed.
 */
export function listChanges(
  sessionId: string,
  held: HeldItem | undefined,
  now: AgentList | undefined,
  item: ListItem | undefined,
  version: number,
  /** The agent's list has the session but its last snapshot left it out (past the bound): only leaving that list is told. */
  hidden = false,
): ListChange[] {
  if (held && version < held.version) return [];
  if (hidden && held?.list === now) return [];
  const changes: ListChange[] = [];
  if (held?.list && held.list !== now) changes.push({ op: 'remove', list: held.list, sessionId, version });
  if (now && item && (held?.list !== now || held.signature !== signatureOf(item))) changes.push({ op: 'upsert', list: now, item });
  return changes;
}

/**
 * A list row's description: control characters as spaces, at most
 * LIST_DESCRIPTION_PREVIEW characters (the last one an ellipsis when cut),
 * never half a surrogate pair.
 */
export function descriptionPreview(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  if (flat.length <= LIST_DESCRIPTION_PREVIEW) return flat;
  let end = LIST_DESCRIPTION_PREVIEW - 1;
  const last = flat.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${flat.slice(0, end)}…`;
}

/** Room kept in a lists frame for everything but the rows (type, totals, brackets). */
const FRAME_OVERHEAD_BYTES = 1024;

/**
 * The rows a lists frame carries of the agent's whole lists (each sorted,
 * oldest waiting first): from `offset`, at most AGENT_LIST_MAX_ITEMS per list,
 * and then, while the rows are over LISTS_FRAME_MAX_BYTES, the last row of the
 * list that has most is left out. `shown` names the sessions it carries.
 */
export function boundedLists(all: Readonly<Record<AgentList, readonly ListItem[]>>, offset = 0): { lists: AgentLists; shown: Set<string> } {
  const rows: Record<AgentList, Array<{ item: ListItem; bytes: number }>> = { queue: [], transferred: [], myChats: [] };
  let bytes = FRAME_OVERHEAD_BYTES;
  for (const list of AGENT_LISTS) {
    rows[list] = all[list].slice(offset, offset + AGENT_LIST_MAX_ITEMS).map((item) => ({ item, bytes: Buffer.byteLength(JSON.stringify(item)) + 1 }));
    for (const row of rows[list]) bytes += row.bytes;
  }
  while (bytes > LISTS_FRAME_MAX_BYTES) {
    const longest = AGENT_LISTS.reduce((a, b) => (rows[b].length > rows[a].length ? b : a));
    bytes -= rows[longest].pop()!.bytes;
  }
  const shown = new Set<string>();
  const take = (list: AgentList) =>
    rows[list].map((r) => {
      shown.add(r.item.sessionId);
      return r.item;
    });
  const lists: AgentLists = {
    queue: take('queue'),
    transferred: take('transferred'),
    myChats: take('myChats'),
    totals: { queue: all.queue.length, transferred: all.transferred.length, myChats: all.myChats.length },
    truncated: AGENT_LISTS.some((list) => offset + rows[list].length < all[list].length),
  };
  return { lists, shown };
}
