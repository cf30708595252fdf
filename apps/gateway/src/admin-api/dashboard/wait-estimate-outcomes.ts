import { WAIT_ESTIMATE_WINDOW_HOURS } from '@switchboard/contracts';

/** Estimates of chats still waiting that are remembered (the oldest forgotten first). */
export const MAX_OPEN_ESTIMATES = 10_000;
/** Outcomes kept for the window (the oldest dropped first, even inside the window). */
export const MAX_OUTCOMES = 100_000;

type Outcome = 'within' | 'shorter' | 'longer';

/**
 * Issue 15, the dashboard's figure: how often the real wait fell inside the
 * range the end user was shown. From the chat events: a `WaitEstimated`
 * names the range of a stay in the queue; the next `SessionAssigned` of that
 * session ends the stay, and its wait (assignment time less `queuedAt`) is
 * inside the range, shorter or longer. Counted once per stay, over the last
 * WAIT_ESTIMATE_WINDOW_HOURS; bounded by MAX_OPEN_ESTIMATES and MAX_OUTCOMES.
 */
export class WaitEstimateOutcomes {
  private readonly open = new Map<string, { queuedAt: number; minSeconds: number; maxSeconds: number }>();
  private readonly outcomes = new Map<string, { at: number; outcome: Outcome }>();

  estimated(sessionId: string, queuedAt: string, minSeconds: number, maxSeconds: number): void {
    const at = Date.parse(queuedAt);
    if (Number.isNaN(at)) return;
    this.open.delete(sessionId);
    this.open.set(sessionId, { queuedAt: at, minSeconds, maxSeconds });
    if (this.open.size > MAX_OPEN_ESTIMATES) this.open.delete(this.open.keys().next().value!);
  }

  /** The chat was taken by an agent at `at` (`key`: the event, so a redelivery counts once). */
  assigned(sessionId: string, key: string, at: number): void {
    const estimate = this.open.get(sessionId);
    if (!estimate || Number.isNaN(at)) return;
    this.open.delete(sessionId);
    const waited = Math.max(0, Math.round((at - estimate.queuedAt) / 1000));
    const outcome: Outcome = waited < estimate.minSeconds ? 'shorter' : waited > estimate.maxSeconds ? 'longer' : 'within';
    this.outcomes.set(key, { at, outcome });
    if (this.outcomes.size > MAX_OUTCOMES) this.outcomes.delete(this.outcomes.keys().next().value!);
  }

  /** The chat left the queue another way (cancelled, closed): its stay has no wait to compare. */
  left(sessionId: string): void {
    this.open.delete(sessionId);
  }

  figures(now: number): { measured: number; within: number; shorter: number; longer: number } {
    const from = now - WAIT_ESTIMATE_WINDOW_HOURS * 3_600_000;
    const counts = { measured: 0, within: 0, shorter: 0, longer: 0 };
    for (const [key, o] of this.outcomes) {
      if (o.at < from) {
        this.outcomes.delete(key);
        continue;
      }
      counts.measured++;
      counts[o.outcome]++;
    }
    return counts;
  }
}
