/** Failed sign-ins one username may have at once before it has to wait. */
export const FAILURES_ALLOWED = 5;
/** One more attempt comes back this often. */
export const REFILL_MS = 30_000;
/** After this long without a failure every attempt is back: nothing needs keeping longer. */
export const FULL_REFILL_MS = FAILURES_ALLOWED * REFILL_MS;

/** Attempts left for one username, as of `at` (ms since the epoch). */
export interface Attempts {
  left: number;
  at: number;
}

/**
 * The policy against password guessing on one account: each failed sign-in
 * uses up one of `FAILURES_ALLOWED` attempts, one comes back every
 * `REFILL_MS`, and with none left every sign-in of that username is refused
 * until one is back, right password or not. A success costs nothing.
 */
export function attemptsAt(known: Attempts | undefined, now: number): Attempts {
  if (!known) return { left: FAILURES_ALLOWED, at: now };
  return { left: Math.min(FAILURES_ALLOWED, known.left + Math.max(0, now - known.at) / REFILL_MS), at: now };
}

/** 0 when the username may try now, else how long it must wait (ms). */
export function waitMs(attempts: Attempts): number {
  return attempts.left >= 1 ? 0 : Math.ceil((1 - attempts.left) * REFILL_MS);
}

export function afterFailure(attempts: Attempts): Attempts {
  return { left: Math.max(0, attempts.left - 1), at: attempts.at };
}

/** The same account however it is typed. */
export const throttleKey = (username: string) => username.trim().toLowerCase();

/** Usernames remembered at most by the in-memory throttle (the oldest goes first). */
const MAX_TRACKED = 10_000;

/** The policy in this process's memory: the fallback while the shared store does not answer. */
export class LocalSignInThrottle {
  private readonly buckets = new Map<string, Attempts>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  waitFor(username: string): number {
    return waitMs(attemptsAt(this.buckets.get(throttleKey(username)), this.now()));
  }

  failed(username: string): void {
    const key = throttleKey(username);
    const next = afterFailure(attemptsAt(this.buckets.get(key), this.now()));
    this.buckets.delete(key);
    this.buckets.set(key, next);
    if (this.buckets.size > MAX_TRACKED) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
