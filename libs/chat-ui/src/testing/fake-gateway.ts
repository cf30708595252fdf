import { ConsoleSession, type ConsoleSessionOptions } from '@switchboard/client';
import type { LoginResponse, Principal } from '@switchboard/contracts';

type Answer = { status: number; body?: unknown } | 'down';

/**
 * Stands in for the gateway's sign-in endpoints in unit tests of the
 * consoles: `answers` per path (`/api/auth/refresh`, `/api/auth/login`,
 * `/api/auth/sign-out`...), `calls` records the paths asked, `signedIn(p)`
 * makes refresh (the cookie a browser would hold) and login answer for `p`.
 */
export class FakeGateway {
  readonly calls: string[] = [];
  answers: Record<string, Answer | (() => Answer)> = {};

  /** A browser holding the sign-in cookie of `principal`: restore and login answer with a token for them. */
  signedIn(principal: Principal, token = `token-of-${principal.id}`): this {
    const pair: LoginResponse = { token, expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(), principal, method: 'password' };
    this.answers['/api/auth/refresh'] = { status: 200, body: pair };
    this.answers['/api/auth/login'] = { status: 200, body: pair };
    return this;
  }

  /** A browser without the cookie: restore finds no sign-in. */
  signedOut(): this {
    this.answers['/api/auth/refresh'] = { status: 401, body: { code: 'NO_REFRESH_TOKEN', message: 'Not signed in.' } };
    return this;
  }

  readonly fetch = (async (url: string) => {
    const path = new URL(url, 'http://gateway').pathname;
    this.calls.push(path);
    const entry = this.answers[path] ?? { status: 204 };
    const answer = typeof entry === 'function' ? entry() : entry;
    if (answer === 'down') throw new TypeError('fetch failed');
    // What the consoles read of a fetch answer (jsdom has no Response).
    return { status: answer.status, ok: answer.status >= 200 && answer.status < 300, json: async () => answer.body ?? null };
  }) as unknown as typeof fetch;

  /** A console session talking to this fake gateway. */
  session(options: Omit<ConsoleSessionOptions, 'baseUrl' | 'fetchFn'>): ConsoleSession {
    return new ConsoleSession({ ...options, baseUrl: '', fetchFn: this.fetch });
  }
}
