import { inject, Injectable, signal } from '@angular/core';
import { describeFailure, watchSocket } from '@switchboard/client';
import { ConsoleSignIn } from '@switchboard/chat-ui';
import { ChatsStore } from '../chat/chats-store';
import { DraftsStore } from '../chat/drafts-store';
import { ListsStore } from '../lists/lists-store';
import { OffersStore } from '../offers/offers-store';
import { InvitesStore } from '../invites/invites-store';
import { IdleAway } from '../presence/idle-away';
import { PresenceStore } from '../presence/presence-store';
import { WrapUpStore } from '../wrap-up/wrap-up-store';
import { SupervisionStore } from '../supervision/supervision-store';
import { AgentSocket } from './agent-socket';
import { CLIENT_FACTORY, CONSOLE_SESSION } from './client-factory';

/**
 * The agent's sign-in (the consoles' shared ConsoleSignIn: token in memory,
 * restored from the cookie on load) and the WebSocket it opens: the lists,
 * chats and presence follow each new connection, the idle watch the
 * settings it hears (hello, agent.settings); signing out or an expired
 * sign-in drops what they hold.
 */
@Injectable({ providedIn: 'root' })
export class AgentConnection extends ConsoleSignIn {
  private readonly createClient = inject(CLIENT_FACTORY);
  private readonly socket = inject(AgentSocket);
  private readonly lists = inject(ListsStore);
  private readonly chats = inject(ChatsStore);
  private readonly drafts = inject(DraftsStore);
  private readonly presence = inject(PresenceStore);
  private readonly offers = inject(OffersStore);
  private readonly invites = inject(InvitesStore);
  private readonly idle = inject(IdleAway);
  private readonly wrapUp = inject(WrapUpStore);
  private readonly supervision = inject(SupervisionStore);

  readonly signedIn = signal(false);
  readonly connecting = signal(false);
  readonly reconnecting = signal(false);
  readonly me = signal<{ id: string; name: string } | undefined>(undefined);

  constructor() {
    super(inject(CONSOLE_SESSION));
  }

  protected async connect(): Promise<void> {
    this.socket.client?.close();
    this.connecting.set(true);
    // Before each connect (a reconnect after the token expired too), a fresh token: renewed when about to expire.
    const client = this.createClient(() => this.session.token());
    this.socket.client = client;
    watchSocket(this.session, client);
    // The lists first: the chats' listener reads them after a change.
    this.lists.follow(client);
    this.chats.follow(client);
    this.wrapUp.follow(client);
    this.offers.follow(client);
    this.invites.follow(client);
    this.supervision.follow(client);
    client.on('hello', (hello) => {
      // A reconnect: the presence, a wrap-up and offers may have changed meanwhile (the first connect reads them below).
      if (this.reconnecting()) void this.offers.reload(client);
      // Issue 16: invitations may have come or gone meanwhile.
      if (this.reconnecting()) void this.invites.load(client, hello.principal.id);
      this.reconnecting.set(false);
      // A reconnect's hello carries the settings as they are now (changes while away were not pushed).
      this.idle.configure(hello.agentSettings?.agentIdleMinutes ?? 0);
    });
    client.on('agent.settings', ({ settings }) => this.idle.configure(settings.agentIdleMinutes));
    client.on('disconnected', ({ willReconnect }) => {
      if (willReconnect) this.reconnecting.set(true);
    });
    try {
      const hello = await client.connect();
      this.me.set({ id: hello.principal.id, name: hello.principal.name });
      this.signedIn.set(true);
      // Issue 14: offers waiting for this agent (a reload during an offer) are shown again.
      const [snapshot] = await Promise.all([this.presence.load(client), this.lists.loadTopics(client)]);
      this.offers.restore(snapshot.offers);
      void this.invites.load(client, hello.principal.id);
      // Issue 16: a supervisor's board (an agent who supervises nothing has none).
      await this.supervision.load(client);
      this.idle.start(hello.agentSettings?.agentIdleMinutes ?? 0);
    } catch (error) {
      if (!this.session.endedBy(error)) this.error.set(describeFailure(error));
    } finally {
      this.connecting.set(false);
    }
  }

  protected reset(): void {
    this.socket.client?.close();
    this.socket.client = undefined;
    this.lists.clear();
    this.chats.clear();
    this.wrapUp.clear();
    this.offers.clear();
    this.invites.clear();
    this.supervision.clear();
    this.drafts.clear();
    this.idle.stop();
    this.presence.clear();
    this.signedIn.set(false);
  }
}
