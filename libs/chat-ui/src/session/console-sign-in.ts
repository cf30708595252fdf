import { signal } from '@angular/core';
import { describeFailure, type ConsoleSession } from '@switchboard/client';

export const SIGN_IN_EXPIRED = 'Your sign-in has expired. Please sign in again.';

/**
 * The sign-in half of the agent console's and the widget's stores, once: the
 * offered ways of signing in, restore on page load, password sign-in, sign-out
 * (this sign-in only), and "expired" when the gateway ends the sign-in (a
 * refused renewal, a 4401 close). The token itself is the ConsoleSession's
 * (`@switchboard/client`): in memory only, the refresh token an HttpOnly cookie.
 * A console's store extends it with what it does once signed in (connect) and
 * when the sign-in is gone (reset).
 */
export abstract class ConsoleSignIn {
  /** The password form, where the gateway takes passwords. */
  readonly passwordSignIn = signal(true);
  /** The company sign-in (OpenID Connect), where the gateway has a provider. */
  readonly companySignInUrl = signal<string | undefined>(undefined);
  /** A sign-in is on its way. */
  readonly busy = signal(false);
  /** The last failure, in words. */
  readonly error = signal<string | undefined>(undefined);

  constructor(protected readonly session: ConsoleSession) {
    session.onChange((_held, end) => {
      if (end !== 'expired') return;
      this.reset();
      this.error.set(SIGN_IN_EXPIRED);
    });
  }

  /** Opens the console's WebSocket (with `() => session.token()` and `watchSocket`) once signed in. */
  protected abstract connect(): Promise<void>;
  /** Drops what the console shows (lists, chats, socket) when the sign-in is gone. */
  protected abstract reset(): void;

  /** Page load: the ways offered, and the sign-in the browser's cookie holds, if any (a reload stays signed in; no token is kept by the page). */
  async restore(returnTo = window.location.pathname): Promise<void> {
    void this.session.offered(returnTo).then((offered) => {
      this.passwordSignIn.set(offered.password);
      this.companySignInUrl.set(offered.companySignInUrl);
    });
    try {
      if (await this.session.restore()) await this.connect();
    } catch (error) {
      this.error.set(describeFailure(error));
    }
  }

  async signIn(username: string, password: string): Promise<void> {
    this.error.set(undefined);
    this.busy.set(true);
    try {
      await this.session.signIn(username, password);
      await this.connect();
    } catch (error) {
      this.error.set(describeFailure(error));
    } finally {
      this.busy.set(false);
    }
  }

  /** Signs this console out: this sign-in only, the person's other devices stay signed in. */
  signOut(): void {
    void this.session.signOut();
    this.reset();
  }
}
