import { computed, inject, Injectable, signal } from '@angular/core';
import { describeFailure, errorCodeOf, factsOf, mergeBySeq, oldestSeq, transcriptOf, waitText, watchSocket, withFacts, withRecentPage, type SwitchboardClient } from '@switchboard/client';
import { HISTORY_PAGE_DEFAULT, TYPING_SHOW_MS, type ChatReceipts, type SessionDetail, type SessionEventView, type SessionSummary } from '@switchboard/contracts';
import { ConsoleSignIn, nameForUpload } from '@switchboard/chat-ui';
import { ATTACHMENTS_API, CLIENT_FACTORY, CONSOLE_SESSION } from './client-factory';

/** Events kept that arrived before the chat they belong to was shown. */
const EARLY_EVENTS = 20;

export type WidgetPhase = 'signedOut' | 'connecting' | 'start' | 'chat';
/** Where the end user's chat stands, in their terms. */
export type ChatStage = 'waiting' | 'transferring' | 'chatting' | 'cancelled' | 'ended';

/**
 * The end user's side of one chat: sign-in (the consoles' shared
 * ConsoleSignIn: token in memory, restored from the HttpOnly cookie after a
 * reload; its busy and error serve the chat's actions too), the start form's
 * topics (R1), the open session with its history (resumed after a reload,
 * R12), posting and cancelling (R11).
 */
@Injectable({ providedIn: 'root' })
export class WidgetStore extends ConsoleSignIn {
  private readonly createClient = inject(CLIENT_FACTORY);
  private readonly attachments = inject(ATTACHMENTS_API);
  /** Files being sent now (their names), shown under the transcript. */
  readonly uploading = signal<readonly string[]>([]);
  private client?: SwitchboardClient;

  readonly phase = signal<WidgetPhase>('signedOut');
  readonly userName = signal('');
  readonly useTopics = signal(false);
  readonly topics = signal<Array<{ id: string; name: string }>>([]);
  readonly summary = signal<SessionSummary | undefined>(undefined);
  /** The events held: the most recent page and any older pages loaded, in seq order (R13: never side notes). */
  readonly events = signal<SessionEventView[]>([]);
  /** Older messages exist before the first one held (loaded as the end user scrolls up). */
  readonly hasOlder = signal(false);
  readonly loadingOlder = signal(false);
  /** The agent who has the chat, as the record said when it was opened: the page held may not reach back to the assignment (R3.2). */
  private readonly ownerAgentName = signal<string | undefined>(undefined);
  readonly reconnecting = signal(false);
  /** Events pushed before any chat was shown (at most EARLY_EVENTS), merged into the chat they belong to when it is. */
  private early: Array<{ sessionId: string; event: SessionEventView; session: SessionSummary }> = [];
  /** Issue 17: the chat's receipts (what the agent's side received and saw), as far as known. */
  readonly receipts = signal<ChatReceipts | undefined>(undefined);
  /** Issue 17: the agent is typing (for TYPING_SHOW_MS after their last typing frame, or until their next line). */
  readonly agentTyping = signal(false);
  private typingTimer?: ReturnType<typeof setTimeout>;
  /** Issue 17: the rating being sent. */
  readonly rating = signal(false);
  /** The last place in the queue the gateway sent (session.queuePosition), by session. */
  private readonly places = signal<ReadonlyMap<string, number>>(new Map());

  /** Issue 15: the start the desk refused because it is closed, and when it opens again (if known). */
  readonly afterHours = signal<{ description: string; topic?: string; nextOpeningAt?: string } | undefined>(undefined);
  /** Issue 15: the chat waited the desk's maximum and the end user has not chosen yet (leave a message or keep waiting). */
  readonly longWait = computed(() => this.summary()?.status === 'QUEUED' && awaitsChoice(this.events()));
  /** Issue 15: the ticket of the message the end user left, once the chat closed with it. */
  readonly messageLeft = computed(() => {
    const left = this.events().find((e) => e.type === 'MessageLeft');
    return left && 'ticketId' in left ? String(left['ticketId']) : undefined;
  });

  readonly transcript = computed(() => transcriptOf(this.events(), 'endUser'));
  readonly facts = computed(() => withFacts({ agentName: this.ownerAgentName() }, factsOf(this.events())));
  readonly stage = computed<ChatStage>(() => stageOf(this.summary()));
  /** Issue 17: the end user's rating of this chat, when given (its ChatRated event). */
  readonly rated = computed(() => {
    const event = this.events().find((e) => e.type === 'ChatRated');
    return event ? { score: Number(event['score']), comment: typeof event['comment'] === 'string' ? event['comment'] : undefined } : undefined;
  });
  /**
   * Issue 15: the end user was asked "Are you still there?" and has not
   * written since (nor has the agent): when the chat closes unless they do
   * (`closesAt`, absent when it does not close). Undefined otherwise.
   */
  readonly stillThere = computed(() => (this.stage() === 'chatting' ? stillThereOf(this.events()) : undefined));
  /** Why an ended chat closed, when its deadlines closed it (issue 15): the end user did not answer, or left. */
  readonly closedFor = computed(() => (this.stage() === 'ended' ? closedForOf(this.events()) : undefined));
  /** The chat's place in its queue while it waits (1: next); undefined once it left the queue or before the first word. */
  readonly queuePosition = computed(() => {
    const session = this.summary();
    return session?.status === 'QUEUED' ? this.places().get(session.sessionId) : undefined;
  });

  /** Issue 15: the wait shown while the chat waits, from the estimate of its current stay in the queue. */
  readonly waitEstimate = computed(() => {
    const session = this.summary();
    const estimate = this.facts().waitEstimate;
    return session?.status === 'QUEUED' && estimate !== undefined && estimate.queuedAt === session.queuedAt ? waitText(estimate.minSeconds, estimate.maxSeconds) : undefined;
  });

  constructor() {
    super(inject(CONSOLE_SESSION));
    // Issue 17: lines that arrived while the page was hidden are seen when it shows again.
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', () => this.markSeen());
  }

  protected reset(): void {
    this.client?.close();
    this.client = undefined;
    this.summary.set(undefined);
    this.events.set([]);
    this.hasOlder.set(false);
    this.phase.set('signedOut');
  }

  async start(description: string, topic?: string): Promise<void> {
    if (!this.client || this.busy()) return;
    this.error.set(undefined);
    this.busy.set(true);
    try {
      const { session } = await this.client.startSession(description, this.useTopics() ? topic : undefined);
      this.show(session);
    } catch (error) {
      // Issue 15: outside the desk's opening hours, the end user may leave the message instead.
      if (errorCodeOf(error) === 'QUEUE_CLOSED') this.afterHours.set({ description, ...(this.useTopics() && topic ? { topic } : {}), ...nextOpeningOf(error) });
      else this.error.set(describeFailure(error));
    } finally {
      this.busy.set(false);
    }
  }

  /** Issue 15: the start the desk refused as closed, left as a message (a ticket) instead; the chat shows as ended with it. */
  async leaveMessageAfterHours(): Promise<void> {
    const closed = this.afterHours();
    if (!this.client || !closed || this.busy()) return;
    this.error.set(undefined);
    this.busy.set(true);
    try {
      const { session } = await this.client.leaveMessageInstead(closed.description, closed.topic);
      this.afterHours.set(undefined);
      this.show(session);
    } catch (error) {
      this.error.set(describeFailure(error));
    } finally {
      this.busy.set(false);
    }
  }

  /** Issue 15: back from the closed desk's card to the start form. */
  dismissAfterHours(): void {
    this.afterHours.set(undefined);
    this.error.set(undefined);
  }

  /** Issue 15, after a long wait: leave a message (a ticket) instead of waiting; the chat closes. */
  async leaveMessage(): Promise<void> {
    const session = this.summary();
    if (!this.client || !session) return;
    this.error.set(undefined);
    try {
      this.merge((await this.client.leaveMessage(session.sessionId)).events);
    } catch (error) {
      this.error.set(describeFailure(error));
    }
  }

  /** Issue 15, after a long wait: keep waiting (the wait starts again). */
  async keepWaiting(): Promise<void> {
    const session = this.summary();
    if (!this.client || !session) return;
    this.error.set(undefined);
    try {
      this.merge((await this.client.keepWaiting(session.sessionId)).events);
    } catch (error) {
      this.error.set(describeFailure(error));
    }
  }

  async send(text: string): Promise<boolean> {
    const session = this.summary();
    if (!this.client || !session) return false;
    this.error.set(undefined);
    try {
      const ack = await this.client.post(session.sessionId, text);
      this.merge(ack.events);
      return true;
    } catch (error) {
      this.error.set(describeFailure(error));
      return false;
    }
  }

  /** Sends a file or a pasted screenshot into the open chat; a refusal (too large, type not allowed) is shown like any other. */
  async sendFile(file: File): Promise<void> {
    const session = this.summary();
    if (!session) return;
    const name = nameForUpload(file);
    this.error.set(undefined);
    this.uploading.update((names) => [...names, name]);
    try {
      const result = await this.attachments.upload(session.sessionId, file, name);
      if (this.summary()?.sessionId === session.sessionId) this.merge(result.events);
    } catch (error) {
      this.error.set(describeFailure(error));
    } finally {
      this.uploading.update((names) => names.filter((n, i) => n !== name || names.indexOf(n) !== i));
    }
  }

  async cancel(): Promise<void> {
    const session = this.summary();
    if (!this.client || !session) return;
    this.error.set(undefined);
    try {
      const ack = await this.client.cancel(session.sessionId);
      this.merge(ack.events);
    } catch (error) {
      this.error.set(describeFailure(error));
    }
  }

  /** Issue 17: the end user types in the open chat (the client throttles what goes out). */
  typing(): void {
    const session = this.summary();
    if (this.client && session && this.stage() === 'chatting') this.client.typing(session.sessionId);
  }

  /** Issue 17: rates the ended chat (1 to 5, an optional comment), once. */
  async rate(score: number, comment: string): Promise<boolean> {
    const session = this.summary();
    if (!this.client || !session || this.rating()) return false;
    this.error.set(undefined);
    this.rating.set(true);
    try {
      const ack = await this.client.rate(session.sessionId, score, comment);
      this.merge(ack.events);
      return true;
    } catch (error) {
      this.error.set(describeFailure(error));
      return false;
    } finally {
      this.rating.set(false);
    }
  }

  /** Issue 17: what is on screen now counts as seen (only while the page is visible). */
  markSeen(): void {
    const session = this.summary();
    const newest = this.events().at(-1)?.seq;
    if (!this.client || !session || newest === undefined || this.phase() !== 'chat') return;
    if (typeof document !== 'undefined' && document.visibilityState !== 'visible') return;
    this.client.markSeen(session.sessionId, newest);
  }

  /** The page of messages before the oldest one held, when there is one (the end user scrolled to the top). */
  async loadOlder(): Promise<void> {
    const session = this.summary();
    const before = oldestSeq(this.events());
    if (!this.client || !session || !this.hasOlder() || this.loadingOlder() || before === undefined) return;
    this.loadingOlder.set(true);
    try {
      const page = await this.client.history(session.sessionId, { beforeSeq: before, limit: HISTORY_PAGE_DEFAULT });
      // Another chat, or a newer page replaced what was held meanwhile: this page no longer joins up.
      if (this.summary()?.sessionId !== session.sessionId || oldestSeq(this.events()) !== before) return;
      this.merge(page.events);
      this.hasOlder.set(page.hasOlder);
    } catch (error) {
      this.error.set(describeFailure(error));
    } finally {
      this.loadingOlder.set(false);
    }
  }

  /** After an ended or cancelled chat: back to the start form. */
  newChat(): void {
    const session = this.summary();
    if (session) this.client?.unfollow(session.sessionId);
    this.summary.set(undefined);
    this.events.set([]);
    this.hasOlder.set(false);
    this.ownerAgentName.set(undefined);
    this.afterHours.set(undefined);
    this.receipts.set(undefined);
    this.agentTyping.set(false);
    this.error.set(undefined);
    this.phase.set('start');
  }

  protected async connect(): Promise<void> {
    this.client?.close();
    this.phase.set('connecting');
    // Before each connect (a reconnect after the token expired too), a fresh token: renewed when about to expire.
    const client = this.createClient(() => this.session.token());
    this.client = client;
    watchSocket(this.session, client);
    client.on('session.event', (frame) => {
      // Pushed before the start's (or current's) reply named the chat (the router estimates the wait at once): kept until shown.
      if (frame.sessionId !== this.summary()?.sessionId) {
        this.early = [...this.early, { sessionId: frame.sessionId, event: frame.event, session: frame.session }].slice(-EARLY_EVENTS);
        return;
      }
      this.summary.set(frame.session);
      // The agent's line arrived: they are no longer typing it.
      if (frame.event['from'] === 'agent') this.setAgentTyping(false);
      this.merge([frame.event]);
    });
    // Issue 17: receipts (merged by the client: they only grow) and the agent's typing.
    client.on('session.receipts', ({ sessionId, receipts }) => {
      if (sessionId === this.summary()?.sessionId) this.receipts.set(receipts);
    });
    client.on('session.typing', ({ sessionId, from }) => {
      if (sessionId === this.summary()?.sessionId && from === 'agent') this.setAgentTyping(true);
    });
    // After a long disconnection only the most recent page came back: what was held below it no longer joins up.
    client.on('session.gap', ({ sessionId, firstSeq }) => {
      if (sessionId !== this.summary()?.sessionId) return;
      this.events.update((events) => events.filter((e) => e.seq >= firstSeq));
      this.hasOlder.set(true);
    });
    // May come before the start's reply: kept by session id and matched when shown.
    client.on('session.queuePosition', ({ sessionId, position }) => this.places.update((m) => new Map(m).set(sessionId, position)));
    client.on('hello', () => this.reconnecting.set(false));
    client.on('disconnected', ({ willReconnect }) => {
      if (willReconnect) this.reconnecting.set(true);
    });
    try {
      const hello = await client.connect();
      this.userName.set(hello.principal.name);
      const [topics, current] = await Promise.all([client.topics(), client.currentSession()]);
      this.useTopics.set(topics.useTopics);
      this.topics.set(topics.topics);
      if (current) this.show(current);
      else this.phase.set('start');
    } catch (error) {
      if (this.session.endedBy(error)) return;
      this.error.set(describeFailure(error));
      this.phase.set('signedOut');
    }
  }


  /** A chat with its most recent page (events pushed before it are kept when newer). */
  private show(session: SessionDetail): void {
    const same = this.summary()?.sessionId === session.sessionId;
    const early = this.early.filter((f) => f.sessionId === session.sessionId);
    this.early = [];
    const newer = early.filter((f) => f.session.version > session.version).at(-1)?.session;
    this.summary.set(newer ?? session);
    this.ownerAgentName.set(session.ownerAgentName);
    this.events.set(mergeBySeq(withRecentPage(same ? this.events() : [], session.history), early.map((f) => f.event)));
    this.hasOlder.set(session.hasOlder);
    this.receipts.set(this.client?.receipts(session.sessionId));
    this.phase.set('chat');
    this.markSeen();
  }

  private merge(events: readonly SessionEventView[]): void {
    if (events.length === 0) return;
    this.events.set(mergeBySeq(this.events(), events));
    this.markSeen();
  }

  private setAgentTyping(on: boolean): void {
    clearTimeout(this.typingTimer);
    this.agentTyping.set(on);
    if (on) this.typingTimer = setTimeout(() => this.agentTyping.set(false), TYPING_SHOW_MS);
  }
}

export function stageOf(session: SessionSummary | undefined): ChatStage {
  if (!session) return 'waiting';
  if (session.status === 'CLOSED' || session.status === 'ABANDONED') return 'ended';
  if (session.cancelledByUser) return 'cancelled';
  if (session.status === 'ASSIGNED') return 'chatting';
  if (session.status === 'PENDING_TRANSFER') return 'transferring';
  return 'waiting';
}

/** The last "Are you still there?" with no message or file after it (the end user's answer, or the agent's next word). */
export function stillThereOf(events: readonly SessionEventView[]): { closesAt?: string } | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === 'MessagePosted' || e.type === 'AttachmentPosted') return undefined;
    if (e.type === 'UserInactivityWarned') {
      const closesAt = e['closesAt'];
      return typeof closesAt === 'string' ? { closesAt } : {};
    }
  }
  return undefined;
}

export function closedForOf(events: readonly SessionEventView[]): 'userInactive' | 'userLeft' | undefined {
  const closed = events.findLast((e) => e.type === 'SessionClosed');
  const reason = closed?.['reason'];
  return reason === 'userInactive' || reason === 'userLeft' ? reason : undefined;
}

/** Issue 15: the last long-wait offer is not answered yet (no KeptWaiting after it). */
export function awaitsChoice(events: readonly SessionEventView[]): boolean {
  let open = false;
  for (const e of events) {
    if (e.type === 'LongWaitOffered') open = true;
    else if (e.type === 'KeptWaiting' || e.type === 'SessionAssigned' || e.type === 'MessageLeft') open = false;
  }
  return open;
}

/** Issue 15: `nextOpeningAt` of a QUEUE_CLOSED refusal, when it has one. */
function nextOpeningOf(error: unknown): { nextOpeningAt?: string } {
  const details = typeof error === 'object' && error !== null ? (error as { details?: { nextOpeningAt?: unknown } }).details : undefined;
  return typeof details?.nextOpeningAt === 'string' ? { nextOpeningAt: details.nextOpeningAt } : {};
}
