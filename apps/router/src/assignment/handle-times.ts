import { MAX_HANDLE_SAMPLES } from '@switchboard/domain';

/** Assignments followed at once (the oldest forgotten first): bounds the map of open assignments. */
export const MAX_TRACKED_ASSIGNMENTS = 50_000;
/** Queues whose handle times are kept (the least recently fed forgotten first). */
export const MAX_TRACKED_QUEUES = 1_000;

/**
 * Issue 15: the recent handle times of each queue, for the wait estimate:
 * how long each chat held an agent's slot, from its assignment to leaving
 * the agent (ended, abandoned, released, transferred, taken back), as the
 * chat events tell. In memory and bounded: at most MAX_HANDLE_SAMPLES per
 * queue, MAX_TRACKED_QUEUES queues, MAX_TRACKED_ASSIGNMENTS open
 * assignments. A new router starts empty (the estimator then assumes its
 * default handle time until chats end).
 */
export class HandleTimes {
  private readonly open = new Map<string, { queue: string; since: number }>();
  private readonly perQueue = new Map<string, number[]>();

  assigned(sessionId: string, queue: string, at: number): void {
    if (!Number.isFinite(at)) return;
    this.open.delete(sessionId);
    this.open.set(sessionId, { queue, since: at });
    if (this.open.size > MAX_TRACKED_ASSIGNMENTS) this.open.delete(this.open.keys().next().value!);
  }

  /** The session left its agent at `at`: its handle time counts for the queue it was assigned from. */
  left(sessionId: string, at: number): void {
    const entry = this.open.get(sessionId);
    if (!entry) return;
    this.open.delete(sessionId);
    const seconds = (at - entry.since) / 1000;
    if (!(seconds >= 0)) return;
    const list = this.perQueue.get(entry.queue) ?? [];
    this.perQueue.delete(entry.queue);
    list.push(seconds);
    if (list.length > MAX_HANDLE_SAMPLES) list.shift();
    this.perQueue.set(entry.queue, list);
    if (this.perQueue.size > MAX_TRACKED_QUEUES) this.perQueue.delete(this.perQueue.keys().next().value!);
  }

  isOpen(sessionId: string): boolean {
    return this.open.has(sessionId);
  }

  of(queue: string): readonly number[] {
    return this.perQueue.get(queue) ?? [];
  }
}
