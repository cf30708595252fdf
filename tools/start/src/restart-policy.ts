/**
 * When `npm start` starts a service again after it died: exponential backoff
 * (0.5 s, 1 s, 2 s, ... capped at 30 s), back to the first step once a
 * process had run stably (a minute by default) before it died.
 *
 * The `exponential-backoff` package retries a promise until it resolves; a
 * service process is not a call that succeeds once, its success is staying
 * up, so this small policy counts deaths and stable runs itself.
 */
export interface RestartPolicyOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** A process that ran at least this long before dying starts the backoff afresh. */
  stableAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  factor: 2,
  stableAfterMs: 60_000,
};

export class RestartBackoff {
  private quickDeaths = 0;
  private readonly options: RestartPolicyOptions;

  constructor(options: Partial<RestartPolicyOptions> = {}) {
    this.options = { ...DEFAULT_RESTART_POLICY, ...options };
  }

  /** The wait before the next start, given how long the process that just died had run. */
  nextDelay(ranForMs: number): number {
    const { initialDelayMs, maxDelayMs, factor, stableAfterMs } = this.options;
    if (ranForMs >= stableAfterMs) this.quickDeaths = 0;
    const delay = Math.min(maxDelayMs, initialDelayMs * factor ** this.quickDeaths);
    this.quickDeaths += 1;
    return delay;
  }

  /** Deaths since the last stable run, including the latest. */
  get consecutiveDeaths(): number {
    return this.quickDeaths;
  }
}
