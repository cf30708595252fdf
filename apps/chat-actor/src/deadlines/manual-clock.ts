import type { Clock } from './clock';

/** A clock that moves only when told (tests): timers run, in order, as time passes them. */
export class ManualClock implements Clock {
  private time: number;
  private readonly timers = new Map<number, { at: number; run: () => void }>();
  private nextId = 1;

  constructor(start = Date.parse('2026-01-05T09:00:00.000Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), run });
    return id;
  }

  clearTimer(timer: unknown): void {
    this.timers.delete(timer as number);
  }

  /** Moves time forward by `ms`, running every timer due on the way (timers set by those included). */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].run();
    }
    this.time = until;
  }

  /** Timers waiting (tests). */
  get pending(): number {
    return this.timers.size;
  }
}
