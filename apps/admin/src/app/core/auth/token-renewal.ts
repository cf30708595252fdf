import type { LoginResponse } from '@switchboard/contracts';

/** Renew this long before the access token lapses, so no call leaves with a token about to expire. */
export const RENEW_BEFORE_MS = 60_000;
/** After a failed attempt (gateway unreachable), the next one waits this long. */
export const RETRY_AFTER_MS = 10_000;

/** What the console holds of a sign-in: the access token, its expiry, and the refresh token when the gateway gave one. */
export interface HeldTokens {
  readonly token: string;
  readonly expiresAt: string;
  readonly refreshToken?: string;
  readonly refreshExpiresAt?: string;
}

/** How `POST /api/auth/refresh` answered: a new pair, a refusal (the sessions were ended), or no answer. */
export type RefreshAnswer = { readonly kind: 'renewed'; readonly session: LoginResponse } | { readonly kind: 'refused' } | { readonly kind: 'unreachable' };

export interface TokenRenewalDeps {
  readonly now: () => number;
  readonly read: () => HeldTokens | null;
  readonly refresh: (refreshToken: string) => Promise<RefreshAnswer>;
  /** Keep the new pair. */
  readonly renewed: (session: LoginResponse) => void;
  /** The sign-in cannot be kept (refused, or lapsed without a renewal): drop it and ask to sign in again. */
  readonly ended: () => void;
  readonly setTimer: (run: () => void, delayMs: number) => unknown;
  readonly clearTimer: (timer: unknown) => void;
}

/**
 * Keeps the admin console's short-lived access token fresh with the refresh
 * token: `token()` renews when the token is within a minute of lapsing (or
 * has lapsed while the refresh token still holds), one renewal at a time;
 * `schedule()` arms a timer for that minute so an idle console stays signed
 * in. A refused renewal ends the sign-in at once; an unanswered one is tried
 * again until the access token lapses.
 */
export class TokenRenewal {
  private inFlight: Promise<string | null> | undefined;
  private timer: unknown;

  constructor(private readonly deps: TokenRenewalDeps) {}

  /** The access token to send now, renewed first when due; null when signed out or the sign-in ended. */
  token(): Promise<string | null> {
    const held = this.deps.read();
    if (!held) return Promise.resolve(null);
    const now = this.deps.now();
    const accessLeft = Date.parse(held.expiresAt) - now;
    if (accessLeft > RENEW_BEFORE_MS) return Promise.resolve(held.token);
    const refreshable = held.refreshToken !== undefined && (held.refreshExpiresAt === undefined || Date.parse(held.refreshExpiresAt) > now);
    if (!refreshable) return Promise.resolve(accessLeft > 0 ? held.token : this.end());
    this.inFlight ??= this.renew(held.refreshToken!).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Arms the timer for the next renewal of the held token (replacing any armed one). */
  schedule(): void {
    this.cancel();
    const held = this.deps.read();
    if (!held?.refreshToken) return;
    const due = Math.max(0, Date.parse(held.expiresAt) - RENEW_BEFORE_MS - this.deps.now());
    this.timer = this.deps.setTimer(() => {
      this.timer = undefined;
      void this.token();
    }, due);
  }

  cancel(): void {
    if (this.timer !== undefined) this.deps.clearTimer(this.timer);
    this.timer = undefined;
  }

  private async renew(refreshToken: string): Promise<string | null> {
    const answer = await this.deps.refresh(refreshToken).catch((): RefreshAnswer => ({ kind: 'unreachable' }));
    if (answer.kind === 'renewed') {
      this.deps.renewed(answer.session);
      this.schedule();
      return answer.session.token;
    }
    if (answer.kind === 'refused') return this.end();
    const held = this.deps.read();
    if (!held || Date.parse(held.expiresAt) <= this.deps.now()) return this.end();
    this.cancel();
    this.timer = this.deps.setTimer(() => {
      this.timer = undefined;
      void this.token();
    }, RETRY_AFTER_MS);
    return held.token;
  }

  private end(): null {
    this.cancel();
    this.deps.ended();
    return null;
  }
}
