/** Failed sign-ins one username may have at once before it has to wait. */
export const FAILURES_ALLOWED = 5;
/** One more attempt comes back this often. */
export const REFILL_MS = 30_000;
/** Usernames remembered at most (the oldest goes first): a flood of made-up names cannot fill memory. */
const MAX_TRACKED = 10_000;

/**
 * Slows password guessing on one account: each failed sign-in uses up one of
 * `FAILURES_ALLOWED` attempts, one comes back every `REFILL_MS`, and with
 * none left every sign-in of that username is refused until one is back,
 * right password or not. A success costs nothing. Per gateway instance.
 */
export class SignInThrottle {
  /** username -> attempts left and when that was computed. */
  private readonly buckets = new Map<string, { left: number; at: number }>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** 0 when the username may try now, else how long it must wait (ms). */
  waitFor(username: string): number {
    const bucket = this.current(username);
    return bucket.left >= 1 ? 0 : Math.ceil((1 - bucket.left) * REFILL_MS);
  }

  failed(username: string): void {
    const bucket = this.current(username);
    bucket.left = Math.max(0, bucket.left - 1);
    this.buckets.delete(key(username));
    this.buckets.set(key(username), bucket);
    if (this.buckets.size > MAX_TRACKED) this.buckets.delete(this.buckets.keys().next().value!);
  }

  private current(username: string): { left: number; at: number } {
    const t = this.now();
    const known = this.buckets.get(key(username));
    if (!known) return { left: FAILURES_ALLOWED, at: t };
    known.left = Math.min(FAILURES_ALLOWED, known.left + (t - known.at) / REFILL_MS);
    known.at = t;
    if (known.left >= FAILURES_ALLOWED) this.buckets.delete(key(username));
    return known;
  }
}

const key = (username: string) => username.trim().toLowerCase();
