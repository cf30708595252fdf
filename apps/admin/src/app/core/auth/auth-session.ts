import { HttpBackend, HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { LoginResponse, Principal } from '@switchboard/contracts';
import { firstValueFrom } from 'rxjs';
import { TokenRenewal, type RefreshAnswer } from './token-renewal';

const STORAGE_KEY = 'switchboard.admin.session';

/** How the administrator signed in: signing out of a provider sign-in signs out at the provider too. */
export type SignInMethod = 'password' | 'oidc';

interface StoredSession {
  readonly token: string;
  readonly expiresAt: string;
  readonly refreshToken?: string;
  readonly refreshExpiresAt?: string;
  readonly principal: Principal;
  readonly method?: SignInMethod;
}

/** A stored sign-in is still worth keeping while its access token or its refresh token holds. */
function usable(session: StoredSession, now: number): boolean {
  if (Date.parse(session.expiresAt) > now) return true;
  return session.refreshToken !== undefined && (session.refreshExpiresAt === undefined || Date.parse(session.refreshExpiresAt) > now);
}

function readStored(): StoredSession | null {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as StoredSession;
    return usable(session, Date.now()) ? session : null;
  } catch {
    return null;
  }
}

/**
 * The signed-in administrator: the gateway's short-lived bearer token, the
 * refresh token that renews it before it lapses, and who they speak for.
 * Kept in localStorage so a reload or a second tab stays signed in. A
 * renewal the gateway refuses (the sessions were ended) sends the
 * administrator to sign-in.
 */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly session = signal<StoredSession | null>(readStored());
  private readonly router = inject(Router);
  /** Straight to the network: the refresh and sign-out calls must not pass through the interceptor that waits for a fresh token. */
  private readonly http = new HttpClient(inject(HttpBackend));
  private readonly renewal = new TokenRenewal({
    now: () => Date.now(),
    read: () => this.session(),
    refresh: (refreshToken) => this.refresh(refreshToken),
    renewed: (renewed) => this.store({ ...this.fromResponse(renewed), method: this.session()?.method }),
    ended: () => {
      this.signOut();
      void this.router.navigate(['/login'], { queryParams: { returnUrl: this.router.url, reason: 'expired' } });
    },
    setTimer: (run, delayMs) => setTimeout(run, delayMs),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  });

  readonly principal = computed(() => this.session()?.principal ?? null);
  readonly isAdmin = computed(() => this.principal()?.role === 'admin');

  constructor() {
    this.renewal.schedule();
    inject(DestroyRef).onDestroy(() => this.renewal.cancel());
  }

  /** The access token as held now, null once it has lapsed (see `freshToken()` to renew it first). */
  token(): string | null {
    const session = this.session();
    if (!session || Date.parse(session.expiresAt) <= Date.now()) return null;
    return session.token;
  }

  /** The access token to send, renewed first when it is about to lapse; null when signed out or the sign-in ended. */
  freshToken(): Promise<string | null> {
    return this.renewal.token();
  }

  signIn(response: LoginResponse, method: SignInMethod = 'password'): void {
    this.store({ ...this.fromResponse(response), method });
    this.renewal.schedule();
  }

  /** Drops the sign-in in this browser (every tab). */
  signOut(): void {
    this.renewal.cancel();
    this.session.set(null);
    try {
      globalThis.localStorage?.removeItem(STORAGE_KEY);
    } catch {
      // Nothing stored.
    }
  }

  /**
   * Signs out at the gateway (`POST /api/auth/sign-out-everywhere`: the tokens
   * are refused and this administrator's sessions end on every gateway), then
   * here. Gives the provider's sign-out address when the sign-in came through
   * the company's provider, else null.
   */
  async endSession(loginPath: string): Promise<string | null> {
    const token = this.token();
    const method = this.session()?.method;
    if (token) {
      await firstValueFrom(this.http.post('/api/auth/sign-out-everywhere', null, { headers: { Authorization: `Bearer ${token}` } })).catch(
        // Unreachable or already ended: signing out here still stands.
        () => undefined,
      );
    }
    this.signOut();
    return method === 'oidc' ? `/api/auth/oidc/logout?returnTo=${encodeURIComponent(loginPath)}` : null;
  }

  private async refresh(refreshToken: string): Promise<RefreshAnswer> {
    try {
      const body = await firstValueFrom(this.http.post<Partial<LoginResponse> | null>('/api/auth/refresh', { refreshToken }));
      // The console's own gateway answers; a body without the pair is treated like no answer.
      return typeof body?.token === 'string' && typeof body.expiresAt === 'string' && body.principal
        ? { kind: 'renewed', session: body as LoginResponse }
        : { kind: 'unreachable' };
    } catch (error) {
      return error instanceof HttpErrorResponse && (error.status === 401 || error.status === 400) ? { kind: 'refused' } : { kind: 'unreachable' };
    }
  }

  private fromResponse(response: LoginResponse): StoredSession {
    return {
      token: response.token,
      expiresAt: response.expiresAt,
      principal: response.principal,
      ...(response.refreshToken ? { refreshToken: response.refreshToken, refreshExpiresAt: response.refreshExpiresAt } : {}),
    };
  }

  private store(session: StoredSession): void {
    this.session.set(session);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(session));
    } catch {
      // Private mode: the session lasts as long as the page.
    }
  }
}
