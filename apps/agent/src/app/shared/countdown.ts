import { inject, signal } from '@angular/core';
import { CONSOLE_CLOCK } from './console-clock';

/** How often a countdown is redrawn. */
const TICK_MS = 1000;

/**
 * A countdown to deadlines on the console clock (offers, wrap-up), redrawn
 * at each whole second left. Made in an injection context (a store's field).
 */
export class Countdown {
  private readonly clock = inject(CONSOLE_CLOCK);
  private timer?: unknown;
  /** The clock as the countdown last read it. */
  readonly now = signal(this.clock.now());

  /** The clock's time now (a deadline set from an event is this plus the time the gateway gave). */
  read(): number {
    return this.clock.now();
  }

  /** Whole seconds left until `dueAt` (0 once due). */
  secondsLeft(dueAt: number): number {
    return Math.max(0, Math.ceil((dueAt - this.now()) / 1000));
  }

  /**
   * Reads the clock and calls `step` with it; `step` returns the next
   * deadline to count down to, or undefined when there is none left. Runs
   * again at each whole second until then.
   */
  run(step: (now: number) => number | undefined): void {
    this.stop();
    const now = this.clock.now();
    this.now.set(now);
    const dueAt = step(now);
    if (dueAt === undefined || dueAt <= now) return;
    const untilNextSecond = (dueAt - now) % TICK_MS || TICK_MS;
    this.timer = this.clock.setTimeout(() => this.run(step), untilNextSecond);
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
