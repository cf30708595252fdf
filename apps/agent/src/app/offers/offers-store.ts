import { computed, inject, Injectable, signal } from '@angular/core';
import type { SwitchboardClient } from '@switchboard/client';
import type { ListItem, PendingOfferView, SessionEventFrame } from '@switchboard/contracts';
import { ChatsStore } from '../chat/chats-store';
import { PresenceStore } from '../presence/presence-store';
import { AgentSocket } from '../session/agent-socket';
import { Countdown } from '../shared/countdown';

/** A chat offered to this agent (issue 14), waiting for Accept or Decline. */
export interface PendingOffer {
  sessionId: string;
  /** The gateway's deadline, as the ChatOffered event said it. */
  expiresAt: string;
  /**
   * The same deadline on this browser's clock: the time the offer arrived
   * plus the time the gateway gave (`expiresAt` minus the event's `at`), so
   * a browser clock that is off does not shorten or lengthen the countdown.
   */
  dueAt: number;
  /** The chat as the offer's event (or, after a connect, `presence.get`) described it. */
  summary: ListItem;
}

/**
 * Offers (issue 14): the chats offered to this agent, from the `ChatOffered`
 * events addressed to them (notice CHAT_OFFERED), with a countdown to each
 * offer's deadline. An offer goes when it is accepted, declined, withdrawn
 * (OFFER_WITHDRAWN, or the chat's summary no longer names this offer) or
 * when its time is up; a lapse (OfferLapsed) makes the agent Not
 * responding, read again from the gateway (presence.get). A console that
 * connects while offers wait (a reload, a reconnect) shows them again from
 * presence.get's `offers`.
 */
@Injectable({ providedIn: 'root' })
export class OffersStore {
  private readonly socket = inject(AgentSocket);
  private readonly chats = inject(ChatsStore);
  private readonly presence = inject(PresenceStore);
  private readonly countdown = new Countdown();

  readonly offers = signal<PendingOffer[]>([]);
  /** The clock as the countdown last read it. */
  readonly now = this.countdown.now;
  /** The administrator's decline reasons, read when the first offer arrives. */
  readonly reasons = signal<string[]>([]);
  /** The offer shown (the one due first). */
  readonly current = computed(() => this.offers()[0]);

  /** Whole seconds left for an offer (0 once due). */
  secondsLeft(offer: PendingOffer): number {
    return this.countdown.secondsLeft(offer.dueAt);
  }

  follow(client: SwitchboardClient): void {
    client.on('session.event', (frame) => this.onEvent(client, frame));
  }

  clear(): void {
    this.offers.set([]);
    this.reasons.set([]);
    this.countdown.stop();
  }

  /**
   * The offers the gateway holds for this agent (presence.get after a
   * connect), each counted down from the time it has left by the gateway's
   * clock, as an offer's event is. One already shown keeps its countdown;
   * none is ended here (the events that end them follow the reply).
   */
  restore(offers: readonly PendingOfferView[] | undefined): void {
    const held = new Set(this.offers().map((o) => `${o.sessionId} ${o.expiresAt}`));
    const now = this.countdown.read();
    const added = (offers ?? [])
      .filter((o) => o.leftMs > 0 && !held.has(`${o.sessionId} ${o.expiresAt}`))
      .map((o): PendingOffer => ({ sessionId: o.sessionId, expiresAt: o.expiresAt, dueAt: now + o.leftMs, summary: o.session }));
    if (added.length === 0) return;
    const ids = new Set(added.map((o) => o.sessionId));
    this.offers.update((all) => [...all.filter((o) => !ids.has(o.sessionId)), ...added].sort((a, b) => a.dueAt - b.dueAt));
    this.tick();
    if (this.reasons().length === 0) void this.loadReasons().catch(() => undefined);
  }

  /** Takes the offered chat: it opens as an accepted chat does. Rejects with the client's refusal (the card says it in words). */
  async accept(sessionId: string): Promise<void> {
    const data = await this.socket.need().acceptOffer(sessionId);
    this.remove(sessionId);
    this.chats.accepted(sessionId, data);
  }

  /** Passes on the offered chat with one of the administrator's reasons. */
  async decline(sessionId: string, reason: string): Promise<void> {
    await this.socket.need().declineOffer(sessionId, reason);
    this.remove(sessionId);
  }

  /** The reasons again (the card asks when it has none). */
  async loadReasons(): Promise<void> {
    this.reasons.set(await this.socket.need().declineReasons());
  }

  private onEvent(client: SwitchboardClient, frame: SessionEventFrame): void {
    const { event, sessionId } = frame;
    const codes = frame.notices.map((n) => n.code);
    if (event.type === 'ChatOffered' && codes.includes('CHAT_OFFERED') && typeof event['expiresAt'] === 'string') {
      const expiresAt = event['expiresAt'];
      const given = Date.parse(expiresAt) - Date.parse(event.at);
      const dueAt = this.countdown.read() + (Number.isFinite(given) ? Math.max(0, given) : 0);
      this.offers.update((all) => [...all.filter((o) => o.sessionId !== sessionId), { sessionId, expiresAt, dueAt, summary: frame.session }].sort((a, b) => a.dueAt - b.dueAt));
      this.tick();
      if (this.reasons().length === 0) void this.loadReasons().catch(() => undefined);
      return;
    }
    const held = this.offers().find((o) => o.sessionId === sessionId);
    if (held && (codes.includes('OFFER_WITHDRAWN') || frame.session.offer?.expiresAt !== held.expiresAt)) this.remove(sessionId);
    // The gateway made this agent Not responding before it published the lapse: read it (and any offer made meanwhile).
    if (event.type === 'OfferLapsed' && codes.includes('OFFER_WITHDRAWN')) void this.reload(client);
  }

  /** Presence again, and the offers waiting now (after a lapse, or a reconnect). */
  async reload(client: SwitchboardClient): Promise<void> {
    try {
      this.restore((await this.presence.load(client)).offers);
    } catch {
      // No connection: the next connect reads them.
    }
  }

  private remove(sessionId: string): void {
    this.offers.update((all) => all.filter((o) => o.sessionId !== sessionId));
    if (this.offers().length === 0) this.countdown.stop();
  }

  /** Redraws the countdown each second while offers wait; an offer whose time is up goes (the gateway's lapse follows). */
  private tick(): void {
    this.countdown.run((now) => {
      this.offers.update((all) => all.filter((o) => o.dueAt > now));
      return this.offers()[0]?.dueAt;
    });
  }
}
