import { loginResponseSchema, type LoginResponse } from '@switchboard/contracts';

/** Where a console keeps its session (localStorage in the browser). */
export interface SessionStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Renew this long before the access token expires, so a reconnect never sends one about to lapse. */
const RENEW_BEFORE_MS = 60_000;

/**
 * A console's sign-in that outlives its short-lived access token: the access
 * token under `key` (as before), and the refresh token with the access
 * token's expiry under `key.refresh`. `token()` gives the token to connect
 * with, buying a new pair at `POST /api/auth/refresh` when the access token
 * is about to expire; the WebSocket client calls it before every connect, so
 * a socket closed at expiry (4403) comes back with a fresh token.
 */
export class RenewingSession {
  constructor(
    private readonly baseUrl: string,
    private readonly key: string,
    private readonly storage: SessionStorageLike,
    private readonly fetchFn?: typeof fetch,
    private readonly now: () => number = () => Date.now(),
  ) {}

  save(session: LoginResponse): void {
    this.storage.setItem(this.key, session.token);
    if (session.refreshToken) this.storage.setItem(`${this.key}.refresh`, JSON.stringify({ refreshToken: session.refreshToken, expiresAt: session.expiresAt }));
    else this.storage.removeItem(`${this.key}.refresh`);
  }

  clear(): void {
    this.storage.removeItem(this.key);
    this.storage.removeItem(`${this.key}.refresh`);
  }

  /** The access token to use now; refreshed first when it is about to expire and a refresh token is held. Empty when signed out. */
  async token(): Promise<string> {
    const access = this.storage.getItem(this.key) ?? '';
    const held = this.refreshHeld();
    if (!held || Date.parse(held.expiresAt) - this.now() > RENEW_BEFORE_MS) return access;
    try {
      const response = await (this.fetchFn ?? globalThis.fetch)(`${this.baseUrl}/api/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: held.refreshToken }),
      });
      if (response.status === 401) {
        // The sessions were ended (sign-out everywhere, account removed): the old token will be refused too.
        this.storage.removeItem(`${this.key}.refresh`);
        return access;
      }
      if (!response.ok) return access;
      const renewed = loginResponseSchema.parse(await response.json());
      this.save(renewed);
      return renewed.token;
    } catch {
      return access;
    }
  }

  private refreshHeld(): { refreshToken: string; expiresAt: string } | undefined {
    try {
      const held = JSON.parse(this.storage.getItem(`${this.key}.refresh`) ?? 'null') as { refreshToken?: unknown; expiresAt?: unknown } | null;
      return held && typeof held.refreshToken === 'string' && typeof held.expiresAt === 'string' ? { refreshToken: held.refreshToken, expiresAt: held.expiresAt } : undefined;
    } catch {
      return undefined;
    }
  }
}
