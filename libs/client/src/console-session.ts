import type { LoginResponse, Principal, PrincipalRole } from '@switchboard/contracts';
import { companySignInUrl, signInMethods } from './company-sign-in';
import { errorCodeOf } from './error-messages';
import { login } from './login';
import { CommandError } from './command-error';
import { parseLoginResponse } from './login-response';

/** The consoles; each has its own sign-in cookie at the gateway. */
export type ConsoleName = 'admin' | 'agent' | 'widget';

/** The header by which a console asks the gateway for its sign-in in an HttpOnly cookie (and says which console it is). */
export const CONSOLE_HEADER = 'X-Switchboard-Console';

/** Renew this long before the access token lapses, so no call or connect leaves with a token about to expire. */
export const RENEW_BEFORE_MS = 60_000;
/** After a renewal the gateway did not answer, the next attempt (with timers) waits this long. */
export const RETRY_AFTER_MS = 10_000;

export type SignInMethod = 'password' | 'oidc';

/** What a console holds of its sign-in, in memory only: the access token, its expiry, who it speaks for. */
export interface HeldSession {
  readonly token: string;
  readonly expiresAt: string;
  readonly principal: Principal;
  readonly method: SignInMethod;
}

/** Why the sign-in is gone: the person signed out, or the gateway refused to renew it (ended elsewhere, lapsed, disabled). */
export type SessionEnd = 'signedOut' | 'expired';

export interface ConsoleSessionOptions {
  /** The gateway's origin (the consoles are served by it: the cookie is same-site). */
  readonly baseUrl: string;
  readonly console: ConsoleName;
  /** The roles this console serves; a sign-in of another role is signed out again and refused with `wrongRole`. */
  readonly roles?: readonly PrincipalRole[];
  readonly wrongRole?: string;
  readonly fetchFn?: typeof fetch;
  readonly now?: () => number;
  /** With timers, the token is renewed a minute before it lapses even while the console is idle; without, on demand. */
  readonly timers?: { set(run: () => void, delayMs: number): unknown; clear(timer: unknown): void };
}

type RefreshAnswer = { kind: 'renewed'; session: LoginResponse } | { kind: 'refused' } | { kind: 'unreachable' };

/**
 * One console's sign-in, shared by the admin console, the agent console and
 * the widget. The access token (15 minutes) lives in memory only; the refresh
 * token is an HttpOnly, SameSite=Strict cookie the gateway sets on the
 * refresh and sign-out paths, which no script can read. So:
 *
 * - `restore()` on page load buys an access token with the cookie
 *   (`POST /api/auth/refresh`): a reload keeps the person signed in;
 * - `signIn()` (or `adopt()` of a login answer) keeps the token;
 * - `token()` gives the token to send, renewed first when within a minute of
 *   lapsing (one renewal at a time); a refused renewal ends the sign-in
 *   (`onChange(undefined, 'expired')`), an unanswered one keeps the token
 *   while it holds;
 * - `signOut()` ends this sign-in at the gateway (`POST /api/auth/sign-out`,
 *   other devices stay signed in), `signOutEverywhere()` every one;
 * - `watchSocket(session, client)` (console-socket.ts): the WebSocket close
 *   codes after which the sign-in is over end it here.
 *
 * No run-time import of the contracts here (only types): the admin console
 * uses this without loading the contracts' schemas up front.
 */
export class ConsoleSession {
  private held: HeldSession | undefined;
  private inFlight: Promise<string> | undefined;
  private timer: unknown;
  private readonly listeners = new Set<(session: HeldSession | undefined, end?: SessionEnd) => void>();
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: ConsoleSessionOptions) {
    this.fetchFn = options.fetchFn ?? ((input, init) => globalThis.fetch(input, init));
    this.now = options.now ?? (() => Date.now());
  }

  current(): HeldSession | undefined {
    return this.held;
  }

  /** Called on every change: a sign-in kept or renewed, or gone (with why). */
  onChange(listener: (session: HeldSession | undefined, end?: SessionEnd) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Page load: the sign-in the browser's cookie holds, if any. Resolves with
   * who is signed in, or undefined (no cookie, ended, gateway unreachable);
   * rejects with `WRONG_ROLE` for a sign-in this console does not serve.
   */
  async restore(): Promise<Principal | undefined> {
    const answer = await this.refresh();
    if (answer.kind !== 'renewed') return undefined;
    await this.keepIfServed(answer.session);
    return answer.session.principal;
  }

  /** Password sign-in; rejects with the CommandError of `login()`, or `WRONG_ROLE`. */
  async signIn(username: string, password: string): Promise<Principal> {
    const answer = await login(this.options.baseUrl, username, password, this.fetchFn, this.options.console);
    await this.keepIfServed(answer);
    return answer.principal;
  }

  /** Which sign-in the page offers: the password form where the gateway takes passwords, the company sign-in (back to `returnTo`) where it has a provider. */
  async offered(returnTo: string): Promise<{ password: boolean; companySignInUrl?: string }> {
    const methods = await signInMethods(this.options.baseUrl, this.fetchFn);
    return { password: methods.password, ...(methods.oidc ? { companySignInUrl: companySignInUrl(this.options.baseUrl, returnTo) } : {}) };
  }

  /** A refusal that means the sign-in is over (`UNAUTHORIZED`) ends it here; true when it did. */
  endedBy(error: unknown): boolean {
    if (errorCodeOf(error) !== 'UNAUTHORIZED') return false;
    this.expire();
    return true;
  }

  /** Keeps a login answer obtained elsewhere (the admin console signs in through its HTTP client). */
  adopt(answer: LoginResponse): void {
    this.keep(answer);
  }

  /** The access token to send now, renewed first when due; empty when signed out or the sign-in ended. */
  token(): Promise<string> {
    const held = this.held;
    if (!held) return Promise.resolve('');
    const left = Date.parse(held.expiresAt) - this.now();
    if (left > RENEW_BEFORE_MS) return Promise.resolve(held.token);
    this.inFlight ??= this.renew().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Ends this sign-in at the gateway (this device only) and here; never rejects (signing out here stands). */
  async signOut(): Promise<void> {
    await this.post('/api/auth/sign-out').catch(() => undefined);
    this.drop('signedOut');
  }

  /** Ends every sign-in of this person on every device (their tokens are refused and sockets closed on every gateway), then here. */
  async signOutEverywhere(): Promise<void> {
    const token = await this.token();
    if (token) await this.post('/api/auth/sign-out-everywhere', token).catch(() => undefined);
    this.drop('signedOut');
  }

  /** The gateway said the sign-in is over (a close code, an UNAUTHORIZED answer): forget it. */
  expire(): void {
    this.drop('expired');
  }

  /** Forgets the sign-in here only (no call to the gateway). */
  forget(): void {
    this.drop('signedOut');
  }

  private async keepIfServed(answer: LoginResponse): Promise<void> {
    const roles = this.options.roles;
    if (roles && !roles.includes(answer.principal.role)) {
      // Not this console's: the cookie the gateway just set is ended again.
      await this.post('/api/auth/sign-out').catch(() => undefined);
      this.drop('signedOut');
      const sentence = this.options.wrongRole ?? 'This account cannot use this console.';
      throw new CommandError('WRONG_ROLE', sentence, { sentence });
    }
    this.keep(answer);
  }

  private keep(answer: LoginResponse): void {
    this.held = { token: answer.token, expiresAt: answer.expiresAt, principal: answer.principal, method: answer.method ?? 'password' };
    this.schedule(Date.parse(answer.expiresAt) - RENEW_BEFORE_MS - this.now());
    this.emit(this.held);
  }

  private drop(end: SessionEnd): void {
    this.cancelTimer();
    const had = this.held !== undefined;
    this.held = undefined;
    if (had) this.emit(undefined, end);
  }

  private emit(session: HeldSession | undefined, end?: SessionEnd): void {
    for (const listener of this.listeners) listener(session, end);
  }

  private async renew(): Promise<string> {
    const answer = await this.refresh();
    if (answer.kind === 'renewed') {
      this.keep(answer.session);
      return answer.session.token;
    }
    if (answer.kind === 'refused') {
      this.expire();
      return '';
    }
    const held = this.held;
    if (!held || Date.parse(held.expiresAt) <= this.now()) {
      this.expire();
      return '';
    }
    this.schedule(RETRY_AFTER_MS);
    return held.token;
  }

  /** `POST /api/auth/refresh` with the cookie: a new pair, a refusal (no sign-in, or it ended), or no answer. */
  private async refresh(): Promise<RefreshAnswer> {
    let response: Response;
    try {
      response = await this.post('/api/auth/refresh');
    } catch {
      return { kind: 'unreachable' };
    }
    if (response.status === 401 || response.status === 403) return { kind: 'refused' };
    if (!response.ok) return { kind: 'unreachable' };
    const session = parseLoginResponse(await response.json().catch(() => null));
    return session ? { kind: 'renewed', session } : { kind: 'unreachable' };
  }

  private async post(path: string, bearer?: string): Promise<Response> {
    return this.fetchFn(`${this.options.baseUrl}${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { [CONSOLE_HEADER]: this.options.console, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    });
  }

  private schedule(delayMs: number): void {
    this.cancelTimer();
    const timers = this.options.timers;
    if (!timers || !this.held) return;
    this.timer = timers.set(() => {
      this.timer = undefined;
      void this.token();
    }, Math.max(0, delayMs));
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.options.timers?.clear(this.timer);
    this.timer = undefined;
  }
}
