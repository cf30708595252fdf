/**
 * Issue 15 (ADR 21): the wait a chat entering its queue is shown, as a range.
 *
 * Model: the queue's agents have `slots` chat slots in all (each online
 * agent serving the queue: its cap), `free` of them free now. A chat waits
 * for the `ahead` chats served before it (higher priority, then longer wait)
 * and itself: it needs k = ahead + 1 - free slots to come free. Busy slots
 * come free at the rate slots / mean handle time, so the wait is about a
 * Gamma(k, mean / slots) time (the k-th event of a Poisson process); the
 * range is its LOW_QUANTILE..HIGH_QUANTILE, widened by the uncertainty of the
 * mean of few handle times, then rounded outwards to what the end user is
 * shown (whole minutes). Pure: the caller brings the live figures.
 */

/** How many of the most recent handle times an estimate looks at (callers keep at most this many). */
export const MAX_HANDLE_SAMPLES = 50;
/** The handle time assumed while a queue has no recent one (5 minutes). */
export const DEFAULT_HANDLE_SECONDS = 300;
/** The longest wait an estimate names (the contract's `MAX_ESTIMATE_SECONDS`). */
export const MAX_ESTIMATE_SECONDS = 86_400;
/** A chat a free slot takes at once is assigned within this (router pass, offer, retries). */
export const IMMEDIATE_SECONDS = 60;

const LOW_QUANTILE_Z = -1.2816; // 10 %
const HIGH_QUANTILE_Z = 1.2816; // 90 %

export interface WaitEstimateInput {
  /** Chats of the queue that are served before this one. */
  readonly ahead: number;
  /** Chat slots of the online agents serving the queue (sum of their caps). */
  readonly slots: number;
  /** Slots free now. */
  readonly free: number;
  /** True when some online agent of the queue has no cap: a chat is taken at once. */
  readonly unlimited?: boolean;
  /** Recent handle times of the queue's chats, in seconds (the last MAX_HANDLE_SAMPLES are used). */
  readonly handleTimes: readonly number[];
}

export interface WaitRange {
  readonly minSeconds: number;
  readonly maxSeconds: number;
}

/** The range of the wait, or undefined when nobody serves the queue now (no slot at all). */
export function estimateWait(input: WaitEstimateInput): WaitRange | undefined {
  const ahead = Math.max(0, Math.floor(input.ahead));
  if (input.unlimited === true && input.slots >= 0) return { minSeconds: 0, maxSeconds: IMMEDIATE_SECONDS };
  const slots = Math.max(0, Math.floor(input.slots));
  if (slots === 0) return undefined;
  const k = ahead + 1 - Math.max(0, Math.min(slots, Math.floor(input.free)));
  if (k <= 0) return { minSeconds: 0, maxSeconds: IMMEDIATE_SECONDS };

  const samples = input.handleTimes.slice(-MAX_HANDLE_SAMPLES).filter((h) => Number.isFinite(h) && h > 0);
  const n = samples.length;
  const mean = n > 0 ? samples.reduce((a, b) => a + b, 0) / n : DEFAULT_HANDLE_SECONDS;
  // The mean of n handle times is known to about 1/sqrt(n) of itself (none: a guess, +-50 %).
  const spread = n > 0 ? Math.min(0.5, 1 / Math.sqrt(n)) : 0.5;
  const theta = mean / slots;
  const low = gammaQuantile(k, theta, LOW_QUANTILE_Z) * (1 - spread / 2);
  const high = gammaQuantile(k, theta, HIGH_QUANTILE_Z) * (1 + spread / 2);
  return rounded(low, high);
}

/**
 * The Wilson-Hilferty approximation of a Gamma(k, theta) quantile for the
 * standard normal quantile z (exact enough from k = 1 on for a shown range).
 */
function gammaQuantile(k: number, theta: number, z: number): number {
  const c = 1 / (9 * k);
  const cube = 1 - c + z * Math.sqrt(c);
  return Math.max(0, k * theta * cube * cube * cube);
}

/** Outwards to whole minutes (the end user is shown minutes), at most MAX_ESTIMATE_SECONDS. */
function rounded(low: number, high: number): WaitRange {
  const minMinutes = Math.floor(low / 60);
  const maxMinutes = Math.max(minMinutes + 1, Math.ceil(high / 60));
  return { minSeconds: Math.min(minMinutes * 60, MAX_ESTIMATE_SECONDS), maxSeconds: Math.min(maxMinutes * 60, MAX_ESTIMATE_SECONDS) };
}

/** What the end user reads, e.g. "about 2 to 4 minutes". */
export function waitText(minSeconds: number, maxSeconds: number): string {
  if (maxSeconds <= 60) return 'Estimated wait: less than a minute.';
  const lo = Math.floor(minSeconds / 60);
  const hi = Math.ceil(maxSeconds / 60);
  if (hi > 120) {
    const loH = Math.floor(lo / 60);
    const hiH = Math.ceil(hi / 60);
    return loH === 0 ? `Estimated wait: up to ${hiH} hours.` : `Estimated wait: about ${loH} to ${hiH} hours.`;
  }
  if (lo === 0) return `Estimated wait: up to ${hi} minutes.`;
  return `Estimated wait: about ${lo} to ${hi} minutes.`;
}
