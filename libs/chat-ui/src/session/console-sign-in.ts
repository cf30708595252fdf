import { signal, type WritableSignal } from '@angular/core';
import { describeFailure, type ConsoleSession } from '@switchboard/client';

/** What a console store gives the sign-in flow: its connect and reset, and where busy and failures show. */
export interface ConsoleSignInHost {
  /** Opens the console's WebSocket (with `() => session.token()` and `watchSocket`) once signed in. */
  connect(): Promise<void>;
  /** Drops what the console shows (lists, chats, socket) when the sign-in is gone. */
  reset(): void;
  readonly busy: WritableSignal<boolean>;
  readonly error: WritableSignal<string | undefined>;
}

export const SIGN_IN_EXPIRED = 'Your sign-in has expired. Please sign in again.';

/**
 * The sign-in half of the agent console's and the widget's stores, once: the
 * offered ways of signing in, restore on page load, password sign-in, sign-out
 * (this sign-in only), and "expired" when the gateway ends the sign-in (a
 * refused renewal, a 4401 close). The token itself is the ConsoleSession's
 * (`@switchboard/client`): in memory only, the refresh token an HttpOnly cookie.
 */
export class ConsoleSignIn {
  /** The password form, where the gateway takes passwords. */
  readonly passwordSignIn = signal(true);
  /** The company sign-in (OpenID Connect), where the gateway has a provider. */
  readonly companySignInUrl = signal<string | undefined>(undefined);

  constructor(
    private readonly session: ConsoleSession,
    private readonly host: ConsoleSignInHost,
  ) {
    session.onChange((_held, end) => {
      if (end !== 'expired') return;
      host.reset();
      host.error.set(SIGN_IN_EXPIRED);
    });
  }

  /** Page load: the ways offered, and the sign-in the browser's cookie holds, if any (a reload stays signed in). */
  async restore(returnTo: string): Promise<void> {
    void this.session.offered(returnTo).then((offered) => {
      this.passwordSignIn.set(offered.password);
      this.companySignInUrl.set(offered.companySignInUrl);
    });
    try {
      if (await this.session.restore()) await this.host.connect();
    } catch (error) {
      this.host.error.set(describeFailure(error));
    }
  }

  async signIn(username: string, password: string): Promise<void> {
    this.host.error.set(undefined);
    this.host.busy.set(true);
    try {
      await this.session.signIn(username, password);
      await this.host.connect();
    } catch (error) {
      this.host.error.set(describeFailure(error));
    } finally {
      this.host.busy.set(false);
    }
  }

  /** Signs this console out: this sign-in only, the person's other devices stay signed in. */
  signOut(): void {
    void this.session.signOut();
    this.host.reset();
  }
}
