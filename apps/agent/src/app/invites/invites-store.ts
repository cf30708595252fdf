import { computed, inject, Injectable, signal } from '@angular/core';
import type { SwitchboardClient } from '@switchboard/client';
import type { InvitationView, SessionEventFrame } from '@switchboard/contracts';
import { ChatsStore } from '../chat/chats-store';
import { AgentSocket } from '../session/agent-socket';

/**
 * Issue 16 (ADR 24): the invitations into colleagues' chats waiting for this
 * agent (the Invites tab). Read with `invites.list` on each connect, kept live
 * from the events addressed to the agent: `AgentInvited` (notice INVITED)
 * adds one; the invitation goes when it ends (`InviteEnded`), when the agent
 * joins, or when the chat's summary no longer lists it (the chat left its owner).
 */
@Injectable({ providedIn: 'root' })
export class InvitesStore {
  private readonly socket = inject(AgentSocket);
  private readonly chats = inject(ChatsStore);
  private me?: string;

  readonly invites = signal<InvitationView[]>([]);
  readonly count = computed(() => this.invites().length);

  follow(client: SwitchboardClient): void {
    client.on('session.event', (frame) => this.onEvent(frame));
  }

  clear(): void {
    this.invites.set([]);
  }

  /** The invitations waiting now for agent `me`, replacing what was held (after each connect). */
  async load(client: SwitchboardClient, me: string): Promise<void> {
    this.me = me;
    try {
      this.invites.set((await client.invites()).invites);
    } catch {
      // No connection: the next connect reads them.
    }
  }

  /** Joins the chat: it opens as an accepted chat does. Rejects with the client's refusal. */
  async accept(sessionId: string): Promise<void> {
    const data = await this.socket.need().acceptInvite(sessionId);
    this.remove(sessionId);
    this.chats.accepted(sessionId, data);
  }

  async decline(sessionId: string): Promise<void> {
    await this.socket.need().declineInvite(sessionId);
    this.remove(sessionId);
  }

  private onEvent(frame: SessionEventFrame): void {
    const { event, sessionId, session } = frame;
    const codes = frame.notices.map((n) => n.code);
    if (event.type === 'AgentInvited' && codes.includes('INVITED')) {
      const invite = session.invites?.find((i) => i.agentId === event['agentId']);
      if (!invite) return;
      const row: InvitationView = { sessionId, queue: session.queue, invite };
      this.invites.update((all) => [...all.filter((i) => i.sessionId !== sessionId), row]);
      return;
    }
    if (!this.invites().some((i) => i.sessionId === sessionId)) return;
    const stillInvited = this.me !== undefined && (session.invites ?? []).some((i) => i.agentId === this.me);
    if (!stillInvited) this.remove(sessionId);
  }

  private remove(sessionId: string): void {
    this.invites.update((all) => all.filter((i) => i.sessionId !== sessionId));
  }
}
