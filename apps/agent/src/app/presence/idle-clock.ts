import { InjectionToken } from '@angular/core';

/** Time and timers of the idle watch: the browser's in the console, a fake in tests (advanced by hand). */
export interface IdleClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const IDLE_CLOCK = new InjectionToken<IdleClock>('IDLE_CLOCK', {
  providedIn: 'root',
  factory: () => ({
    now: () => Date.now(),
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }),
});
