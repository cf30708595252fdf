/** A bucket of sign-in attempts: `allowed` failures at once, one back every `refillMs`. */
export interface AttemptPolicy {
  allowed: number;
  refillMs: number;
}

/**
 * Failed sign-ins of one username from one address (issue 13): a stranger
 * guessing from elsewhere only locks themselves out, never the account's
 * owner.
 */
export const PER_ACCOUNT_AND_ADDRESS: AttemptPolicy = { allowed: 5, refillMs: 30_000 };
/**
 * Failed sign-ins from one address over all usernames: one address trying
 * many usernames waits too (20 at once, then one every 7.5 s, 8 a minute).
 */
export const PER_ADDRESS: AttemptPolicy = { allowed: 20, refillMs: 7_500 };

/** Kept for the policy's first figures (R19). */
export const FAILURES_ALLOWED = PER_ACCOUNT_AND_ADDRESS.allowed;
export const REFILL_MS = PER_ACCOUNT_AND_ADDRESS.refillMs;
/** After this long without a failure every attempt of every bucket is back: nothing needs keeping longer. */
export const FULL_REFILL_MS = Math.max(...[PER_ACCOUNT_AND_ADDRESS, PER_ADDRESS].map((p) => p.allowed * p.refillMs));

/** Attempts left in one bucket, as of `at` (ms since the epoch). */
export interface Attempts {
  left: number;
  at: number;
}

/**
 * Each failed sign-in uses up one attempt of its bucket, one comes back every
 * `refillMs`, and with none left every sign-in that bucket covers is refused
 * until one is back, right password or not. A success costs nothing.
 */
export function attemptsAt(known: Attempts | undefined, now: number, policy: AttemptPolicy = PER_ACCOUNT_AND_ADDRESS): Attempts {
  if (!known) return { left: policy.allowed, at: now };
  return { left: Math.min(policy.allowed, known.left + Math.max(0, now - known.at) / policy.refillMs), at: now };
}

/** 0 when the bucket allows an attempt now, else how long it must wait (ms). */
export function waitMs(attempts: Attempts, policy: AttemptPolicy = PER_ACCOUNT_AND_ADDRESS): number {
  return attempts.left >= 1 ? 0 : Math.ceil((1 - attempts.left) * policy.refillMs);
}

export function afterFailure(attempts: Attempts): Attempts {
  return { left: Math.max(0, attempts.left - 1), at: attempts.at };
}

/** Where a sign-in came from; requests without one share a bucket. */
export type SignInAddress = string | undefined;

/** The buckets one sign-in attempt counts against, with their keys. */
export function bucketsOf(username: string, address: SignInAddress): Array<{ key: string; policy: AttemptPolicy }> {
  const from = address ?? 'unknown';
  return [
    { key: `account:${username.trim().toLowerCase()}@${from}`, policy: PER_ACCOUNT_AND_ADDRESS },
    { key: `address:${from}`, policy: PER_ADDRESS },
  ];
}

/** Buckets remembered at most by the in-memory throttle (the oldest goes first). */
const MAX_TRACKED = 10_000;

/** The policy in this process's memory: the fallback while the shared store does not answer. */
export class LocalSignInThrottle {
  private readonly buckets = new Map<string, Attempts>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  waitFor(username: string, address: SignInAddress): number {
    const now = this.now();
    return Math.max(...bucketsOf(username, address).map(({ key, policy }) => waitMs(attemptsAt(this.buckets.get(key), now, policy), policy)));
  }

  failed(username: string, address: SignInAddress): void {
    const now = this.now();
    for (const { key, policy } of bucketsOf(username, address)) {
      const next = afterFailure(attemptsAt(this.buckets.get(key), now, policy));
      this.buckets.delete(key);
      this.buckets.set(key, next);
    }
    while (this.buckets.size > MAX_TRACKED) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
