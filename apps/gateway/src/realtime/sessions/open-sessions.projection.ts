import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { INVITES_LIST_MAX, PENDING_OFFERS_MAX, type ChatEventMessage, type InvitationView, type ListItem, type PendingOfferView, type SessionSummary } from '@switchboard/contracts';
import { OPEN_STATUSES } from '@switchboard/domain';
import { SessionQueries } from '@switchboard/session-store';
import { descriptionPreview } from '../fanout/agent-lists';
import { summaryOfMessage } from './session-views';

type PendingOffer = Pick<NonNullable<SessionSummary['offer']>, 'agentId' | 'expiresAt'>;

/** Issue 16, the board (ADR 25): what an open chat's events say beyond its list row. */
export interface ChatActivity {
  helpFlag?: NonNullable<SessionSummary['helpFlag']>;
  /** When the end user last wrote (a message or a file), as far as this gateway saw. */
  lastEndUserMessageAt?: string;
  /** When an agent last wrote to the end user, as far as this gateway saw. */
  lastAgentMessageAt?: string;
}

/** How long the last seq of a closed session is remembered, to drop late repeats of its events. */
const TOMBSTONE_MS = 10 * 60_000;

export interface AppliedEvent {
  /** False for a repeat or an event older than what is known: nothing to push. */
  fresh: boolean;
  /** The session as a list item after the event; undefined once it is closed. */
  item?: ListItem;
}

/**
 * Every open session of the deployment as a list item (its description a
 * preview: list rows never carry a whole one), in this gateway's
 * memory: the source of the agents' Queue / Transferred / My Chats lists. A
 * projection of the chat sessions (one source of truth: the actors), built
 * from the database at start-up and kept current by the event stream; any
 * gateway instance builds the same one, so the gateway stays stateless (A8).
 */
@Injectable()
export class OpenSessionsProjection implements OnApplicationShutdown {
  private readonly logger = new Logger(OpenSessionsProjection.name);
  private readonly open = new Map<string, ListItem>();
  /** End user -> their open session (R1.2: at most one). */
  private readonly openByEndUser = new Map<string, string>();
  private readonly closedAt = new Map<string, { seq: number; at: number }>();
  /** Queue -> its QUEUED sessions, so a queue's waiting line is read without a pass over every open session. */
  private readonly waiting = new Map<string, Map<string, ListItem>>();
  /** Issue 14: the pending offer of each open session that has one, and the same by agent (what `presence.get` tells). */
  private readonly offers = new Map<string, PendingOffer>();
  private readonly offersByAgent = new Map<string, Set<string>>();
  /** Issue 16: help flags and last message times of the open sessions that have any (ADR 25). */
  private readonly activities = new Map<string, ChatActivity>();
  private markReady!: () => void;
  private stopped = false;
  /** Resolves once the database's open sessions are loaded. */
  readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(@Inject(SessionQueries) private readonly sessions: Pick<SessionQueries, 'openSessions'>) {}

  apply(message: ChatEventMessage): AppliedEvent {
    const { event, session } = message;
    const known = this.open.get(session.sessionId)?.version ?? this.closedAt.get(session.sessionId)?.seq ?? 0;
    if (event.seq <= known) return { fresh: false, item: this.open.get(session.sessionId) };
    const previous = this.open.get(session.sessionId);
    if (!(OPEN_STATUSES as readonly string[]).includes(session.status)) {
      this.reindex(previous, undefined);
      this.setOffer(session.sessionId, undefined);
      this.activities.delete(session.sessionId);
      this.open.delete(session.sessionId);
      if (this.openByEndUser.get(session.endUserId) === session.sessionId) this.openByEndUser.delete(session.endUserId);
      this.closedAt.set(session.sessionId, { seq: event.seq, at: Date.now() });
      return { fresh: true };
    }
    const started = event.type === 'SessionStarted' ? (event as Record<string, unknown>) : undefined;
    const item: ListItem = {
      ...summaryOfMessage(session),
      ...pick(previous, started),
      version: event.seq,
    };
    this.reindex(previous, item);
    this.setOffer(session.sessionId, session.offer);
    this.setActivity(session.sessionId, session.helpFlag, event);
    this.open.set(session.sessionId, item);
    this.openByEndUser.set(item.endUserId, item.sessionId);
    return { fresh: true, item };
  }

  /** Loads until it succeeds (the database may come up after the gateway), unless the process stops first. */
  async loadWithRetry(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.loadFromDatabase();
        return;
      } catch (error) {
        if (this.stopped) return;
        if (attempt % 10 === 0) this.logger.warn({ err: error }, 'open sessions not loaded yet; retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  /** Loads the open sessions stored now; what the stream already told is newer and kept. */
  async loadFromDatabase(): Promise<void> {
    for await (const state of this.sessions.openSessions()) {
      const known = this.open.get(state.sessionId)?.version ?? this.closedAt.get(state.sessionId)?.seq ?? 0;
      if (state.version <= known) continue;
      this.openByEndUser.set(state.endUserId, state.sessionId);
      const item: ListItem = {
        sessionId: state.sessionId,
        version: state.version,
        status: state.status,
        queue: state.queue,
        companyId: state.companyId,
        endUserId: state.endUserId,
        ...(state.ownerAgentId ? { ownerAgentId: state.ownerAgentId } : {}),
        ...(state.transferTargetAgentId ? { transferTargetAgentId: state.transferTargetAgentId } : {}),
        ...(state.queuedAt ? { queuedAt: state.queuedAt } : {}),
        cancelledByUser: state.cancelledByUser,
        userLeft: state.userLeft,
        ...(state.priority ? { priority: state.priority } : {}),
        ...(state.guests?.length ? { guests: state.guests } : {}),
        ...(state.invites?.length ? { invites: state.invites } : {}),
        ...(state.endUserName ? { endUserName: state.endUserName } : {}),
        description: descriptionPreview(state.description),
        ...(state.topic ? { topic: state.topic } : {}),
        createdAt: state.createdAt,
      };
      this.reindex(this.open.get(state.sessionId), item);
      this.setOffer(state.sessionId, state.offer);
      this.setActivity(state.sessionId, state.helpFlag);
      this.open.set(state.sessionId, item);
    }
    this.logger.log({ msg: 'open sessions loaded', count: this.open.size });
    this.markReady();
    this.sweepTombstones();
  }

  get(sessionId: string): ListItem | undefined {
    return this.open.get(sessionId);
  }

  all(): IterableIterator<ListItem> {
    return this.open.values();
  }

  /**
   * Issue 14: the chats offered to `agentId` whose time is not up at `now`,
   * the soonest due first, at most PENDING_OFFERS_MAX, each with the
   * milliseconds it has left (what `presence.get` tells a console that
   * connects during an offer).
   */
  offersOf(agentId: string, now = Date.now()): PendingOfferView[] {
    const views: PendingOfferView[] = [];
    for (const sessionId of this.offersByAgent.get(agentId) ?? []) {
      const offer = this.offers.get(sessionId);
      const session = this.open.get(sessionId);
      const leftMs = offer ? Math.ceil(Date.parse(offer.expiresAt) - now) : NaN;
      if (!offer || !session || !(leftMs > 0)) continue;
      views.push({ sessionId, expiresAt: offer.expiresAt, leftMs, session });
    }
    return views.sort((a, b) => a.leftMs - b.leftMs).slice(0, PENDING_OFFERS_MAX);
  }

  /**
   * Issue 16 (ADR 24): the invitations waiting for `agentId` (the Invites tab),
   * oldest first, at most INVITES_LIST_MAX. A pass over the open sessions: asked
   * when a console opens, not per event.
   */
  invitesOf(agentId: string): InvitationView[] {
    const views: InvitationView[] = [];
    for (const item of this.open.values()) {
      const invite = item.invites?.find((i) => i.agentId === agentId);
      if (!invite) continue;
      views.push({
        sessionId: item.sessionId,
        queue: item.queue,
        ...(item.endUserName === undefined ? {} : { endUserName: item.endUserName }),
        ...(item.description === undefined ? {} : { description: item.description }),
        invite: { ...invite },
      });
    }
    return views.sort((a, b) => Date.parse(a.invite.at) - Date.parse(b.invite.at)).slice(0, INVITES_LIST_MAX);
  }

  /** Issue 14/16: the pending offer of an open session, if any. */
  offerOf(sessionId: string): PendingOffer | undefined {
    return this.offers.get(sessionId);
  }

  /** Issue 16: the help flag and last message times of an open session (ADR 25). */
  activityOf(sessionId: string): ChatActivity | undefined {
    return this.activities.get(sessionId);
  }

  /** The QUEUED sessions of one queue, in no particular order. */
  waitingIn(queue: string): Iterable<ListItem> {
    return this.waiting.get(queue)?.values() ?? [];
  }

  private reindex(before: ListItem | undefined, after: ListItem | undefined): void {
    if (before?.status === 'QUEUED') {
      const line = this.waiting.get(before.queue);
      line?.delete(before.sessionId);
      if (line?.size === 0) this.waiting.delete(before.queue);
    }
    if (after?.status === 'QUEUED') {
      let line = this.waiting.get(after.queue);
      if (!line) this.waiting.set(after.queue, (line = new Map()));
      line.set(after.sessionId, after);
    }
  }

  /** Keeps the offer index in step with the session's pending offer (none: withdrawn, taken or closed). */
  private setOffer(sessionId: string, offer: PendingOffer | undefined): void {
    const before = this.offers.get(sessionId);
    if (before && before.agentId !== offer?.agentId) {
      const mine = this.offersByAgent.get(before.agentId);
      mine?.delete(sessionId);
      if (mine?.size === 0) this.offersByAgent.delete(before.agentId);
    }
    if (!offer) {
      this.offers.delete(sessionId);
      return;
    }
    this.offers.set(sessionId, { agentId: offer.agentId, expiresAt: offer.expiresAt });
    let mine = this.offersByAgent.get(offer.agentId);
    if (!mine) this.offersByAgent.set(offer.agentId, (mine = new Set()));
    mine.add(sessionId);
  }

  /** Keeps the help flag (the summary's) and, on a message or file, who last wrote when. */
  private setActivity(sessionId: string, helpFlag: SessionSummary['helpFlag'], event?: ChatEventMessage['event']): void {
    const before = this.activities.get(sessionId);
    const next: ChatActivity = { ...before };
    if (helpFlag) next.helpFlag = { agentId: helpFlag.agentId, raisedAt: helpFlag.raisedAt };
    else delete next.helpFlag;
    // The description the end user started with is their first message.
    if (event?.type === 'SessionStarted') next.lastEndUserMessageAt = event.at;
    if (event && (event.type === 'MessagePosted' || event.type === 'AttachmentPosted')) {
      if (event.from === 'endUser') next.lastEndUserMessageAt = event.at;
      else next.lastAgentMessageAt = event.at;
    }
    if (next.helpFlag || next.lastEndUserMessageAt || next.lastAgentMessageAt) this.activities.set(sessionId, next);
    else this.activities.delete(sessionId);
  }

  openOfEndUser(endUserId: string): ListItem | undefined {
    const sessionId = this.openByEndUser.get(endUserId);
    return sessionId === undefined ? undefined : this.open.get(sessionId);
  }

  get size(): number {
    return this.open.size;
  }

  private sweepTombstones(): void {
    const timer = setInterval(() => {
      const limit = Date.now() - TOMBSTONE_MS;
      for (const [id, t] of this.closedAt) if (t.at < limit) this.closedAt.delete(id);
    }, TOMBSTONE_MS);
    timer.unref();
  }
}

/** The descriptive fields events after the start do not carry: kept from the previous item or the start event. */
function pick(previous: ListItem | undefined, started: Record<string, unknown> | undefined): Partial<ListItem> {
  if (started) {
    return {
      ...(typeof started['endUserName'] === 'string' ? { endUserName: started['endUserName'] } : {}),
      ...(typeof started['description'] === 'string' ? { description: descriptionPreview(started['description']) } : {}),
      ...(typeof started['topic'] === 'string' ? { topic: started['topic'] } : {}),
      ...(typeof started['at'] === 'string' ? { createdAt: started['at'] } : {}),
    };
  }
  if (!previous) return {};
  const { endUserName, description, topic, createdAt } = previous;
  return {
    ...(endUserName === undefined ? {} : { endUserName }),
    ...(description === undefined ? {} : { description }),
    ...(topic === undefined ? {} : { topic }),
    ...(createdAt === undefined ? {} : { createdAt }),
  };
}
