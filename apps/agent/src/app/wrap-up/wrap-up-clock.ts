import { InjectionToken } from '@angular/core';
import type { IdleClock } from '../presence/idle-clock';

/** Time and timers of the wrap-up countdown: the browser's in the console, a fake in tests (advanced by hand). */
export type WrapUpClock = IdleClock;

export const WRAP_UP_CLOCK = new InjectionToken<WrapUpClock>('WRAP_UP_CLOCK', {
  providedIn: 'root',
  factory: () => ({
    now: () => Date.now(),
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }),
});
