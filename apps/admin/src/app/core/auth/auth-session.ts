import { computed, DestroyRef, inject, Injectable, InjectionToken, signal } from '@angular/core';
import { Router } from '@angular/router';
import { ConsoleSession, type HeldSession, type SignInMethod } from '@switchboard/client/session';
import type { LoginResponse } from '@switchboard/contracts';

export type { SignInMethod };

/** How the console reaches the gateway's sign-in endpoints (straight to the network, not through the interceptor); tests give a stub. */
export const AUTH_FETCH = new InjectionToken<typeof fetch>('AUTH_FETCH', { providedIn: 'root', factory: () => (input, init) => globalThis.fetch(input, init) });

/**
 * The signed-in administrator, on the consoles' shared ConsoleSession: the
 * short-lived access token in memory only, renewed a minute before it lapses
 * (on a timer and before each call) with the refresh token, which is an
 * HttpOnly cookie no script can read. A reload restores the sign-in from the
 * cookie (`restore()`, awaited by the guard); a renewal the gateway refuses
 * (the sign-in was ended) sends the administrator to sign-in.
 */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly router = inject(Router);
  private readonly core = new ConsoleSession({
    baseUrl: '',
    console: 'admin',
    fetchFn: inject(AUTH_FETCH),
    timers: { set: (run, delayMs) => setTimeout(run, delayMs), clear: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>) },
  });
  private readonly held = signal<HeldSession | undefined>(undefined);
  private restoring: Promise<void> | undefined;

  readonly principal = computed(() => this.held()?.principal ?? null);
  readonly isAdmin = computed(() => this.principal()?.role === 'admin');

  constructor() {
    this.core.onChange((held, end) => {
      this.held.set(held);
      if (end === 'expired') void this.router.navigate(['/login'], { queryParams: { returnUrl: this.router.url, reason: 'expired' } });
    });
    inject(DestroyRef).onDestroy(() => this.core.forget());
  }

  /** Once per page: the sign-in the browser's cookie holds, if any. */
  restore(): Promise<void> {
    this.restoring ??= this.core.restore().then(
      () => undefined,
      () => undefined,
    );
    return this.restoring;
  }

  /** The access token as held now, null once it has lapsed (see `freshToken()` to renew it first). */
  token(): string | null {
    const held = this.held();
    if (!held || Date.parse(held.expiresAt) <= Date.now()) return null;
    return held.token;
  }

  /** The access token to send, renewed first when it is about to lapse; null when signed out or the sign-in ended. */
  async freshToken(): Promise<string | null> {
    await this.restore();
    return (await this.core.token()) || null;
  }

  /** Keeps the answer of `POST /api/auth/login` (the gateway set the refresh cookie with it). */
  signIn(response: LoginResponse, method: SignInMethod = 'password'): void {
    this.restoring ??= Promise.resolve();
    this.core.adopt({ ...response, method: response.method ?? method });
  }

  /** Ends this sign-in (at the gateway, which clears the cookie, and here); other devices stay signed in. */
  signOut(): void {
    void this.core.signOut();
    this.held.set(undefined);
  }

  /**
   * Signs out (this sign-in only, `POST /api/auth/sign-out`; with `everywhere`,
   * every sign-in of this administrator on every device). Gives the
   * provider's sign-out address when the sign-in came through the company's
   * provider, else null.
   */
  async endSession(loginPath: string, options: { everywhere?: boolean } = {}): Promise<string | null> {
    const method = this.held()?.method;
    await (options.everywhere ? this.core.signOutEverywhere() : this.core.signOut());
    this.held.set(undefined);
    return method === 'oidc' ? `/api/auth/oidc/logout?returnTo=${encodeURIComponent(loginPath)}` : null;
  }
}
