import { computed, Injectable, signal } from '@angular/core';
import type { LoginResponse, Principal } from '@switchboard/contracts';

const STORAGE_KEY = 'switchboard.admin.session';

interface StoredSession {
  readonly token: string;
  readonly expiresAt: string;
  readonly principal: Principal;
}

function readStored(): StoredSession | null {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as StoredSession;
    return Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

/**
 * The signed-in administrator: the gateway's bearer token and who it speaks
 * for. Kept in localStorage so a reload or a second tab stays signed in until
 * the token expires.
 */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly session = signal<StoredSession | null>(readStored());

  readonly principal = computed(() => this.session()?.principal ?? null);
  readonly isAdmin = computed(() => this.principal()?.role === 'admin');

  token(): string | null {
    const session = this.session();
    if (session && Date.parse(session.expiresAt) <= Date.now()) {
      this.signOut();
      return null;
    }
    return session?.token ?? null;
  }

  signIn(response: LoginResponse): void {
    const session: StoredSession = { token: response.token, expiresAt: response.expiresAt, principal: response.principal };
    this.session.set(session);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(session));
    } catch {
      // Private mode: the session lasts as long as the page.
    }
  }

  signOut(): void {
    this.session.set(null);
    try {
      globalThis.localStorage?.removeItem(STORAGE_KEY);
    } catch {
      // Nothing stored.
    }
  }
}
