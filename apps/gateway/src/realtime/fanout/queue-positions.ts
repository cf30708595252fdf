import type { ListItem } from '@switchboard/contracts';

export interface QueuePlace {
  sessionId: string;
  endUserId: string;
  queue: string;
  /** 1 for the session served next (R4.1: highest priority, then oldest waiting first). */
  position: number;
}

/** The waiting sessions of one queue in the order R4.1 serves them, with their places. */
export function queuePlaces(items: Iterable<ListItem>, queue: string): QueuePlace[] {
  const waiting: ListItem[] = [];
  for (const item of items) if (item.status === 'QUEUED' && item.queue === queue) waiting.push(item);
  waiting.sort(byServiceOrder);
  return waiting.map((item, i) => ({ sessionId: item.sessionId, endUserId: item.endUserId, queue, position: i + 1 }));
}

/**
 * The queues in which an event may have moved places: a session joined or
 * left a queue's waiting line, or was put back at a different time. A
 * message or a side note moves nobody, so it costs nothing.
 */
export function queuesMoved(before: ListItem | undefined, after: ListItem | undefined): string[] {
  const was = before?.status === 'QUEUED' ? before : undefined;
  const is = after?.status === 'QUEUED' ? after : undefined;
  if (was && is && was.queue === is.queue && was.queuedAt === is.queuedAt && (was.priority ?? 0) === (is.priority ?? 0)) return [];
  return [...new Set([was?.queue, is?.queue].filter((q): q is string => q !== undefined))];
}

/** Issue 15 (R4.1 extended): the order the router serves a queue in: higher priority first, then oldest first. */
export function byServiceOrder(a: ListItem, b: ListItem): number {
  const d = (b.priority ?? 0) - (a.priority ?? 0);
  return d !== 0 ? d : byQueuedTime(a, b);
}

/** Oldest first, by the time the session (re)entered the queue; the id breaks ties so every gateway agrees. */
export function byQueuedTime(a: ListItem, b: ListItem): number {
  const ta = a.queuedAt ?? a.createdAt ?? '';
  const tb = b.queuedAt ?? b.createdAt ?? '';
  return ta < tb ? -1 : ta > tb ? 1 : a.sessionId < b.sessionId ? -1 : 1;
}
