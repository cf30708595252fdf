const MINUTE_MS = 60_000;

/**
 * Assignments per minute over the last `minutes` minutes. Events are counted
 * once by key (a replayed or redelivered event counts once); old ones fall out.
 */
export class AssignmentRate {
  private readonly seen = new Map<string, number>();

  constructor(private readonly minutes: number) {}

  windowMs(): number {
    return this.minutes * MINUTE_MS;
  }

  add(key: string, at: number): void {
    if (Number.isNaN(at)) return;
    this.seen.set(key, at);
  }

  /** Oldest minute first, the current (partial) minute last. */
  perMinute(now: number): Array<{ minute: string; count: number }> {
    const current = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const first = current - (this.minutes - 1) * MINUTE_MS;
    const counts = new Array<number>(this.minutes).fill(0);
    for (const [key, at] of this.seen) {
      if (at < first) {
        this.seen.delete(key);
        continue;
      }
      const index = Math.min(this.minutes - 1, Math.floor((at - first) / MINUTE_MS));
      counts[index]!++;
    }
    return counts.map((count, i) => ({ minute: new Date(first + i * MINUTE_MS).toISOString(), count }));
  }
}
