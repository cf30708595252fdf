import { InjectionToken } from '@angular/core';

/**
 * Time and timers of the console's countdowns and watches (idle agents,
 * offers, wrap-up): the browser's in the console, a fake in tests (advanced
 * by hand).
 */
export interface ConsoleClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const CONSOLE_CLOCK = new InjectionToken<ConsoleClock>('CONSOLE_CLOCK', {
  providedIn: 'root',
  factory: () => ({
    now: () => Date.now(),
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }),
});
