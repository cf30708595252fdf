import { InjectionToken } from '@angular/core';
import type { IdleClock } from '../presence/idle-clock';

/** Time and timers of the offer countdown: the browser's in the console, a fake in tests (advanced by hand). */
export type OfferClock = IdleClock;

export const OFFER_CLOCK = new InjectionToken<OfferClock>('OFFER_CLOCK', {
  providedIn: 'root',
  factory: () => ({
    now: () => Date.now(),
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }),
});
