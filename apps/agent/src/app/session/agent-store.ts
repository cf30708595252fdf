import { computed, inject, Injectable, signal } from '@angular/core';
import {
  AgentListsModel,
  describeFailure,
  errorCodeOf,
  factsOf,
  mergeBySeq,
  oldestSeq,
  transcriptOf,
  watchSocket,
  withFacts,
  withRecentPage,
  type SessionFacts,
  type SwitchboardClient,
} from '@switchboard/client';
import { HISTORY_PAGE_DEFAULT, type AgentList, type CustomerInfo, type ListItem, type Resources, type SessionDetail, type SessionEventFrame, type SessionEventView, type SessionSummary } from '@switchboard/contracts';
import { ConsoleSignIn } from '@switchboard/chat-ui';
import { CLIENT_FACTORY, CONSOLE_SESSION } from './client-factory';

export type Presence = 'online' | 'away' | 'offline';

/** What the console holds about one chat it has looked at. */
export interface ChatView {
  summary?: SessionSummary;
  /** The events held: the most recent page and any older pages loaded, in seq order. */
  events: SessionEventView[];
  /** Older events exist before the first held one; undefined until a page was loaded. */
  hasOlder?: boolean;
  /** An older page is on its way. */
  loadingOlder?: boolean;
  /** What the chat's record said when accepted (description, ticket, ...): the pages held may not reach back to them. */
  record?: Partial<SessionFacts>;
  customer?: CustomerInfo;
  resources?: Resources;
  /** The last refusal on this chat, in words. */
  error?: string;
  /** The chat can no longer be read by this agent (taken by another agent, closed). */
  gone?: boolean;
}

export interface Alert {
  kind: 'newChat' | 'transfer' | 'info' | 'error';
  text: string;
  sessionId?: string;
}

/**
 * The agent's side of the console: sign-in (the shared ConsoleSession: token in memory, restored from the cookie on load), the
 * three live lists (R2, R3.1, R5.1), the chats looked at with their history
 * (R3.3, R13) and customer information and resources (R15), drafts per chat,
 * presence (R18), and every session command of R3-R16. Refusals come back as
 * sentences (describeFailure).
 */
@Injectable({ providedIn: 'root' })
export class AgentStore {
  private readonly createClient = inject(CLIENT_FACTORY);
  /** The sign-in: the access token in memory only, renewed with the HttpOnly cookie before it lapses. */
  private readonly session = inject(CONSOLE_SESSION);
  private client?: SwitchboardClient;
  private readonly model = new AgentListsModel();
  private readonly alertListeners = new Set<(alert: Alert) => void>();

  readonly signedIn = signal(false);
  readonly connecting = signal(false);
  readonly reconnecting = signal(false);
  readonly me = signal<{ id: string; name: string } | undefined>(undefined);
  readonly presence = signal<Presence>('online');
  readonly busy = signal(false);
  readonly error = signal<string | undefined>(undefined);
  readonly topicNames = signal<Record<string, string>>({});
  readonly selectedId = signal<string | undefined>(undefined);
  readonly chats = signal<Record<string, ChatView>>({});
  readonly drafts = signal<Record<string, string>>({});
  private readonly listsVersion = signal(0);

  readonly queue = computed(() => (this.listsVersion(), sortByAge(this.model.list('queue'))));
  readonly transferred = computed(() => (this.listsVersion(), sortByAge(this.model.list('transferred'))));
  readonly myChats = computed(() => (this.listsVersion(), sortByAge(this.model.list('myChats'))));
  /** Rows of each list the last snapshot left out (the gateway sends at most the first rows of a long list). */
  readonly more = computed(() => (this.listsVersion(), { queue: this.model.more('queue'), transferred: this.model.more('transferred'), myChats: this.model.more('myChats') }));

  readonly selected = computed(() => {
    const id = this.selectedId();
    return id ? this.chats()[id] : undefined;
  });
  /** Which list the selected chat is in for this agent (none: history only). */
  readonly selectedList = computed<AgentList | undefined>(() => {
    const id = this.selectedId();
    if (!id) return undefined;
    if (this.myChats().some((i) => i.sessionId === id)) return 'myChats';
    if (this.transferred().some((i) => i.sessionId === id)) return 'transferred';
    if (this.queue().some((i) => i.sessionId === id)) return 'queue';
    return undefined;
  });
  readonly selectedItem = computed<ListItem | undefined>(() => {
    const id = this.selectedId();
    return [...this.myChats(), ...this.transferred(), ...this.queue()].find((i) => i.sessionId === id);
  });
  readonly transcript = computed(() => transcriptOf(this.selected()?.events ?? [], 'agent'));
  /** The selected chat's facts: its list item, its record, its open ticket (R15), and then what the events held say. */
  readonly facts = computed(() => {
    const id = this.selectedId();
    const chat = this.selected();
    const item = this.selectedItem();
    const openTicket = chat?.customer?.openTickets.find((t) => t.sessionId === id);
    return withFacts(
      item && { description: item.description, topic: item.topic, endUserName: item.endUserName },
      openTicket && { ticket: { ticketId: openTicket.ticketId, summary: openTicket.summary, status: 'Open' } },
      chat?.record,
      factsOf(chat?.events ?? []),
    );
  });

  onAlert(listener: (alert: Alert) => void): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  /** Restore on load, password sign-in, sign-out and expiry: the consoles' shared flow. */
  private readonly signInFlow = new ConsoleSignIn(this.session, { connect: () => this.connect(), reset: () => this.reset(), busy: this.busy, error: this.error });
  readonly passwordSignIn = this.signInFlow.passwordSignIn;
  readonly companySignInUrl = this.signInFlow.companySignInUrl;

  /** Page load: the sign-in the browser's cookie holds, if any (a reload stays signed in; no token is kept by the page). */
  restore(): Promise<void> {
    return this.signInFlow.restore(window.location.pathname);
  }

  signIn(username: string, password: string): Promise<void> {
    return this.signInFlow.signIn(username, password);
  }

  /** Signs this console out (this sign-in only: the other devices stay signed in). */
  signOut(): void {
    this.signInFlow.signOut();
  }

  private reset(): void {
    this.client?.close();
    this.client = undefined;
    this.model.applySnapshot({ queue: [], transferred: [], myChats: [] });
    this.listsVersion.update((v) => v + 1);
    this.chats.set({});
    this.drafts.set({});
    this.selectedId.set(undefined);
    this.signedIn.set(false);
  }

  topicName(topic: string | undefined): string | undefined {
    return topic ? (this.topicNames()[topic] ?? topic) : undefined;
  }

  // ---- selection and drafts -------------------------------------------

  async select(sessionId: string): Promise<void> {
    this.selectedId.set(sessionId);
    await this.refresh(sessionId);
    if (this.selectedList() === 'myChats') await this.loadSidePanels(sessionId);
  }

  draftOf(sessionId: string): string {
    return this.drafts()[sessionId] ?? '';
  }

  setDraft(sessionId: string, text: string): void {
    this.drafts.update((d) => ({ ...d, [sessionId]: text }));
  }

  /** R15: a response template goes into the reply being written. */
  insertIntoDraft(sessionId: string, text: string): void {
    const current = this.draftOf(sessionId);
    this.setDraft(sessionId, current.trim() ? `${current.trimEnd()}\n${text}` : text);
  }

  /**
   * R3.3 R13: the page before the oldest event held, when there is one (the
   * agent scrolled to the top of the transcript). One page at a time.
   */
  async loadOlder(sessionId: string): Promise<void> {
    const client = this.client;
    const chat = this.chats()[sessionId];
    const before = oldestSeq(chat?.events ?? []);
    if (!client || !chat?.hasOlder || chat.loadingOlder || before === undefined) return;
    this.patch(sessionId, { loadingOlder: true });
    try {
      const page = await client.history(sessionId, { beforeSeq: before, limit: HISTORY_PAGE_DEFAULT });
      // A newer page replaced what was held meanwhile (a long disconnection): this one no longer joins up.
      if (oldestSeq(this.chats()[sessionId]?.events ?? []) !== before) return;
      this.mergeEvents(sessionId, page.events);
      this.patch(sessionId, { hasOlder: page.hasOlder });
    } catch (error) {
      this.patch(sessionId, { error: describeFailure(error) });
    } finally {
      this.patch(sessionId, { loadingOlder: false });
    }
  }

  // ---- commands ----------------------------------------------------------

  /** R3: accept from Queue or Transferred; R3.4 the loser is told why. */
  async accept(sessionId: string): Promise<boolean> {
    return this.run(sessionId, async (client) => {
      const data = await client.accept(sessionId);
      this.patch(sessionId, { summary: data.session, customer: data.customer, resources: data.resources, record: recordOf(data.session) });
      // R3.3: the most recent page of the history; older pages load as the agent scrolls up.
      this.applyRecentPage(sessionId, data.session.history, data.session.hasOlder);
      this.selectedId.set(sessionId);
    });
  }

  /** Sends the draft as a reply to the end user, or as a side note only agents see (R13). */
  async send(sessionId: string, as: 'reply' | 'sideNote' = 'reply'): Promise<boolean> {
    const text = this.draftOf(sessionId).trim();
    if (!text) return false;
    this.setDraft(sessionId, '');
    const ok = await this.run(sessionId, async (client) => {
      const ack = as === 'sideNote' ? await client.sideNote(sessionId, text) : await client.post(sessionId, text);
      this.mergeEvents(sessionId, ack.events);
    });
    if (!ok && !this.draftOf(sessionId)) this.setDraft(sessionId, text);
    return ok;
  }

  transferTargets(sessionId: string) {
    return this.need().transferTargets(sessionId);
  }

  /** R5 / R7; throws the refusal in words so the dialog can show it. */
  async transfer(sessionId: string, target: { kind: 'agent' | 'queue'; id: string }, sideNote?: string): Promise<void> {
    const client = this.need();
    const note = sideNote?.trim() || undefined;
    try {
      const ack = target.kind === 'agent' ? await client.transferToAgent(sessionId, target.id, note) : await client.transferToQueue(sessionId, target.id, note);
      this.mergeEvents(sessionId, ack.events);
    } catch (error) {
      throw new Error(describeFailure(error));
    }
  }

  release(sessionId: string): Promise<boolean> {
    return this.run(sessionId, async (client) => this.mergeEvents(sessionId, (await client.release(sessionId)).events));
  }

  /** R9: `resolveTicket` only with a linked ticket (R9.1). */
  end(sessionId: string, resolveTicket?: boolean): Promise<boolean> {
    return this.run(sessionId, async (client) => this.mergeEvents(sessionId, (await client.end(sessionId, resolveTicket)).events));
  }

  abandon(sessionId: string): Promise<boolean> {
    return this.run(sessionId, async (client) => this.mergeEvents(sessionId, (await client.abandon(sessionId)).events));
  }

  /** R14; throws the refusal in words. */
  async createTicket(sessionId: string, summary: string): Promise<string> {
    try {
      const data = await this.need().createTicket(sessionId, summary);
      this.mergeEvents(sessionId, data.events);
      void this.loadSidePanels(sessionId, true);
      return data.ticketId;
    } catch (error) {
      throw new Error(describeFailure(error));
    }
  }

  /** R16: the console link, or why there is none (thrown in words). */
  async requestControl(sessionId: string, assetId?: string): Promise<string> {
    try {
      const data = await this.need().requestControl(sessionId, assetId);
      this.mergeEvents(sessionId, data.events);
      return data.url;
    } catch (error) {
      throw new Error(describeFailure(error));
    }
  }

  async searchKnowledge(query: string) {
    try {
      return (await this.need().searchKnowledge(query)).articles;
    } catch (error) {
      throw new Error(describeFailure(error));
    }
  }

  async setPresence(presence: 'online' | 'away'): Promise<void> {
    const before = this.presence();
    this.presence.set(presence);
    try {
      await this.need().setPresence(presence);
    } catch (error) {
      this.presence.set(before);
      this.alert({ kind: 'error', text: describeFailure(error) });
    }
  }

  // ---- internals --------------------------------------------------------------

  private async connect(): Promise<void> {
    this.client?.close();
    this.connecting.set(true);
    // Before each connect (a reconnect after the token expired too), a fresh token: renewed when about to expire.
    const client = this.createClient(() => this.session.token());
    this.client = client;
    watchSocket(this.session, client);
    client.on('lists.snapshot', (snapshot) => {
      this.model.applySnapshot(snapshot);
      this.listsVersion.update((v) => v + 1);
    });
    client.on('lists.changed', ({ changes }) => {
      const before = new Set([...this.model.ids('queue'), ...this.model.ids('transferred')]);
      this.model.apply(changes);
      this.listsVersion.update((v) => v + 1);
      for (const change of changes) {
        if (change.op !== 'upsert' || before.has(change.item.sessionId)) continue;
        const who = change.item.endUserName ?? change.item.endUserId;
        if (change.list === 'queue') this.alert({ kind: 'newChat', text: `New chat from ${who}: ${change.item.description ?? ''}`.trim(), sessionId: change.item.sessionId });
        if (change.list === 'transferred') this.alert({ kind: 'transfer', text: `A chat from ${who} was transferred to you`, sessionId: change.item.sessionId });
      }
      // A chat being looked at changed (e.g. a message while it waits in the queue): catch up.
      const selected = this.selectedId();
      const touched = changes.some((c) => (c.op === 'upsert' ? c.item.sessionId : c.sessionId) === selected);
      if (selected && touched) void this.refresh(selected);
    });
    client.on('session.event', (frame) => this.onEvent(frame));
    // After a long disconnection only the most recent page came back: what was held below it no longer joins up.
    client.on('session.gap', ({ sessionId, firstSeq }) =>
      this.chats.update((all) => {
        const chat = all[sessionId];
        return chat ? { ...all, [sessionId]: { ...chat, events: chat.events.filter((e) => e.seq >= firstSeq), hasOlder: true } } : all;
      }),
    );
    client.on('hello', () => this.reconnecting.set(false));
    client.on('disconnected', ({ willReconnect }) => {
      if (willReconnect) this.reconnecting.set(true);
    });
    try {
      const hello = await client.connect();
      this.me.set({ id: hello.principal.id, name: hello.principal.name });
      this.signedIn.set(true);
      const [presence, topics] = await Promise.all([client.presence(), client.topics()]);
      this.presence.set(presence.presence);
      this.topicNames.set(Object.fromEntries(topics.topics.map((t) => [t.id, t.name])));
    } catch (error) {
      if (!this.session.endedBy(error)) this.error.set(describeFailure(error));
    } finally {
      this.connecting.set(false);
    }
  }


  private onEvent(frame: SessionEventFrame): void {
    this.patch(frame.sessionId, { summary: frame.session });
    this.mergeEvents(frame.sessionId, [frame.event]);
    for (const notice of frame.notices) {
      if (notice.code === 'USER_CANCELLED') this.alert({ kind: 'info', text: 'End user has cancelled chat.', sessionId: frame.sessionId });
      if (notice.code === 'USER_LEFT') this.alert({ kind: 'info', text: 'The end user left the chat.', sessionId: frame.sessionId });
    }
  }

  /**
   * Loads what is missing of a chat: the first time, its most recent page;
   * afterwards what came after the newest event held without a hole (at most
   * a page: when more was missed, the recent page replaces what was held).
   */
  private async refresh(sessionId: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    const chat = this.chats()[sessionId];
    const loaded = chat?.hasOlder !== undefined;
    // Agents see every seq: events pushed before the chat was opened may leave a hole, so count from the page held.
    const after = loaded ? newestWithoutHole(chat.events) : 0;
    try {
      const data = await client.resume(sessionId, after);
      this.patch(sessionId, { summary: data.session });
      if (!loaded || data.hasOlder) this.applyRecentPage(sessionId, data.events, data.hasOlder);
      else this.mergeEvents(sessionId, data.events);
    } catch (error) {
      // Taken by another agent meanwhile (or closed): say so, without hiding a more precise refusal (R3.4's ALREADY_TAKEN).
      const gone = errorCodeOf(error) === 'FORBIDDEN' || errorCodeOf(error) === 'SESSION_NOT_FOUND';
      const message = gone ? 'This chat is no longer available to you: another agent has taken it, or it was closed.' : describeFailure(error);
      this.patch(sessionId, { gone, error: this.chats()[sessionId]?.error ?? message });
    }
  }

  /** A recent page as the base of what is held (older held events would leave a hole); `hasOlder` from the page. */
  private applyRecentPage(sessionId: string, page: readonly SessionEventView[], hasOlder: boolean): void {
    this.chats.update((all) => {
      const chat = all[sessionId] ?? { events: [] };
      if (page.length === 0) return { ...all, [sessionId]: { ...chat, hasOlder: chat.hasOlder ?? hasOlder } };
      return { ...all, [sessionId]: { ...chat, events: withRecentPage(chat.events, page), hasOlder } };
    });
  }

  private async loadSidePanels(sessionId: string, force = false): Promise<void> {
    const client = this.client;
    const chat = this.chats()[sessionId];
    if (!client || (!force && chat?.customer && chat.resources)) return;
    try {
      const [customer, resources] = await Promise.all([client.customerInfo(sessionId), client.resources(sessionId)]);
      this.patch(sessionId, { customer, resources });
    } catch {
      // Side panels are for the chat's owner; nothing to show otherwise.
    }
  }

  private async run(sessionId: string, action: (client: SwitchboardClient) => Promise<void>): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    this.patch(sessionId, { error: undefined });
    try {
      await action(client);
      return true;
    } catch (error) {
      const text = describeFailure(error);
      this.patch(sessionId, { error: text });
      this.alert({ kind: 'error', text, sessionId });
      return false;
    }
  }

  private need(): SwitchboardClient {
    if (!this.client) throw new Error('Not connected.');
    return this.client;
  }

  private patch(sessionId: string, fields: Partial<ChatView>): void {
    this.chats.update((all) => ({ ...all, [sessionId]: { ...(all[sessionId] ?? { events: [] }), ...fields } }));
  }

  private mergeEvents(sessionId: string, events: readonly SessionEventView[]): void {
    if (events.length === 0) return;
    this.chats.update((all) => {
      const chat = all[sessionId] ?? { events: [] };
      return { ...all, [sessionId]: { ...chat, events: mergeBySeq(chat.events, events) } };
    });
  }

  private alert(alert: Alert): void {
    for (const listener of this.alertListeners) listener(alert);
  }
}

/** The newest seq held that is reached from the first one held without a hole (agents see every seq); 0 when none is held. */
export function newestWithoutHole(events: readonly SessionEventView[]): number {
  let n = events[0]?.seq ?? 0;
  for (const e of events.slice(1)) {
    if (e.seq === n + 1) n++;
    else if (e.seq > n + 1) break;
  }
  return n;
}

/** What a chat's record says that its recent page may not show. */
function recordOf(session: SessionDetail): Partial<SessionFacts> {
  return {
    description: session.description,
    ...(session.topic === undefined ? {} : { topic: session.topic }),
    ...(session.endUserName === undefined ? {} : { endUserName: session.endUserName }),
    ...(session.ownerAgentName === undefined ? {} : { agentName: session.ownerAgentName }),
    ...(session.ticket === undefined ? {} : { ticket: session.ticket }),
  };
}

function sortByAge(items: ListItem[]): ListItem[] {
  return [...items].sort((a, b) => (a.queuedAt ?? a.createdAt ?? '').localeCompare(b.queuedAt ?? b.createdAt ?? ''));
}
