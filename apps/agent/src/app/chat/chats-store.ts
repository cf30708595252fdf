import { computed, inject, Injectable, signal } from '@angular/core';
import { describeFailure, errorCodeOf, factsOf, mergeBySeq, oldestSeq, transcriptOf, withFacts, withRecentPage, type SessionFacts, type SwitchboardClient } from '@switchboard/client';
import { HISTORY_PAGE_DEFAULT, TYPING_SHOW_MS, type ChatReceipts, type AgentList, type CustomerInfo, type ListItem, type Resources, type SessionDetail, type SessionEventFrame, type SessionEventView, type SessionSummary } from '@switchboard/contracts';
import { AgentAlerts } from '../alerts/agent-alerts';
import { ListsStore } from '../lists/lists-store';
import { AgentSocket } from '../session/agent-socket';

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
  /** Issue 17: the chat's receipts (what the end user's side received and saw), as far as known. */
  receipts?: ChatReceipts;
  /** Issue 17: the end user is typing (for TYPING_SHOW_MS after their last typing frame, or until their next line). */
  endUserTyping?: boolean;
}

/** What accepting a chat answers (R3, R15). */
export type Accepted = Awaited<ReturnType<SwitchboardClient['accept']>>;

/**
 * The chats the agent has looked at: the selected one, the history of each in
 * pages (R3.3, R13), kept up to date from the gateway's events, and its
 * customer information and resources (R15).
 */
@Injectable({ providedIn: 'root' })
export class ChatsStore {
  private readonly socket = inject(AgentSocket);
  private readonly lists = inject(ListsStore);
  private readonly alerts = inject(AgentAlerts);

  readonly chats = signal<Record<string, ChatView>>({});
  /** Issue 17: when each chat's typing stops showing (one timer per chat being typed in). */
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor() {
    // Issue 17: lines that arrived while the console was hidden are seen when it shows again.
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', () => this.markSeen());
  }

  /** Issue 17: the selected chat's lines are on screen: seen up to the newest (only while the page is visible). */
  markSeen(): void {
    const client = this.socket.client;
    const id = this.selectedId();
    const newest = id ? this.chats()[id]?.events.at(-1)?.seq : undefined;
    if (!client || !id || newest === undefined) return;
    if (typeof document !== 'undefined' && document.visibilityState !== 'visible') return;
    client.markSeen(id, newest);
  }

  /** Issue 17: the agent types a reply in a chat (the client throttles what goes out). */
  typing(sessionId: string): void {
    this.socket.client?.typing(sessionId);
  }
  readonly selectedId = signal<string | undefined>(undefined);

  readonly selected = computed(() => {
    const id = this.selectedId();
    return id ? this.chats()[id] : undefined;
  });
  /** Which list the selected chat is in for this agent (none: history only). */
  readonly selectedList = computed<AgentList | undefined>(() => {
    const id = this.selectedId();
    return id ? this.lists.listOf(id) : undefined;
  });
  readonly selectedItem = computed<ListItem | undefined>(() => {
    const id = this.selectedId();
    return id ? this.lists.itemOf(id) : undefined;
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

  async select(sessionId: string): Promise<void> {
    this.selectedId.set(sessionId);
    await this.refresh(sessionId);
    if (this.selectedList() === 'myChats') await this.loadSidePanels(sessionId);
  }

  /**
   * R3.3 R13: the page before the oldest event held, when there is one (the
   * agent scrolled to the top of the transcript). One page at a time.
   */
  async loadOlder(sessionId: string): Promise<void> {
    const client = this.socket.client;
    const chat = this.chats()[sessionId];
    const before = oldestSeq(chat?.events ?? []);
    if (!client || !chat?.hasOlder || chat.loadingOlder || before === undefined) return;
    this.patch(sessionId, { loadingOlder: true });
    try {
      const page = await client.history(sessionId, { beforeSeq: before, limit: HISTORY_PAGE_DEFAULT });
      // A newer page replaced what was held meanwhile (a long disconnection): this one no longer joins up.
      if (oldestSeq(this.chats()[sessionId]?.events ?? []) !== before) return;
      this.merge(sessionId, page.events);
      this.patch(sessionId, { hasOlder: page.hasOlder });
    } catch (error) {
      this.patch(sessionId, { error: describeFailure(error) });
    } finally {
      this.patch(sessionId, { loadingOlder: false });
    }
  }

  /** Follows a new connection's session frames (and refreshes the selected chat when its list row changed). */
  follow(client: SwitchboardClient): void {
    client.on('lists.changed', ({ changes }) => {
      // A chat being looked at changed (e.g. a message while it waits in the queue): catch up.
      const selected = this.selectedId();
      const touched = changes.some((c) => (c.op === 'upsert' ? c.item.sessionId : c.sessionId) === selected);
      if (selected && touched) void this.refresh(selected);
    });
    client.on('session.event', (frame) => this.onEvent(frame));
    // Issue 17: receipts (merged by the client: they only grow) and the end user's typing.
    client.on('session.receipts', ({ sessionId, receipts }) => this.patch(sessionId, { receipts }));
    client.on('session.typing', ({ sessionId, from }) => {
      if (from === 'endUser') this.setTyping(sessionId, true);
    });
    // After a long disconnection only the most recent page came back: what was held below it no longer joins up.
    client.on('session.gap', ({ sessionId, firstSeq }) =>
      this.chats.update((all) => {
        const chat = all[sessionId];
        return chat ? { ...all, [sessionId]: { ...chat, events: chat.events.filter((e) => e.seq >= firstSeq), hasOlder: true } } : all;
      }),
    );
  }

  clear(): void {
    this.chats.set({});
    this.selectedId.set(undefined);
  }

  /** R3: the accepted chat with its record, side panels and most recent page, selected. */
  accepted(sessionId: string, data: Accepted): void {
    this.patch(sessionId, { summary: data.session, customer: data.customer, resources: data.resources, record: recordOf(data.session) });
    // R3.3: the most recent page of the history; older pages load as the agent scrolls up.
    this.applyRecentPage(sessionId, data.session.history, data.session.hasOlder);
    this.selectedId.set(sessionId);
  }

  /** A command on the chat was refused: the refusal in words on the chat and as an alert. */
  refused(sessionId: string, error: unknown): void {
    const text = describeFailure(error);
    this.patch(sessionId, { error: text });
    this.alerts.raise({ kind: 'error', text, sessionId });
  }

  /** A command on the chat is on its way: the last refusal no longer stands. */
  clearError(sessionId: string): void {
    this.patch(sessionId, { error: undefined });
  }

  /** Events a command's answer carries. */
  merge(sessionId: string, events: readonly SessionEventView[]): void {
    if (events.length === 0) return;
    this.chats.update((all) => {
      const chat = all[sessionId] ?? { events: [] };
      return { ...all, [sessionId]: { ...chat, events: mergeBySeq(chat.events, events) } };
    });
  }

  /** R15 customer information and resources, once per chat unless `force` (a new ticket). */
  async loadSidePanels(sessionId: string, force = false): Promise<void> {
    const client = this.socket.client;
    const chat = this.chats()[sessionId];
    if (!client || (!force && chat?.customer && chat.resources)) return;
    try {
      const [customer, resources] = await Promise.all([client.customerInfo(sessionId), client.resources(sessionId)]);
      this.patch(sessionId, { customer, resources });
    } catch {
      // Side panels are for the chat's owner; nothing to show otherwise.
    }
  }

  private onEvent(frame: SessionEventFrame): void {
    this.patch(frame.sessionId, { summary: frame.session });
    // The end user's line arrived: they are no longer typing it.
    if (frame.event['from'] === 'endUser') this.setTyping(frame.sessionId, false);
    this.merge(frame.sessionId, [frame.event]);
    for (const notice of frame.notices) {
      if (notice.code === 'USER_CANCELLED') this.alerts.raise({ kind: 'info', text: 'End user has cancelled chat.', sessionId: frame.sessionId });
      if (notice.code === 'USER_LEFT') this.alerts.raise({ kind: 'info', text: 'The end user left the chat.', sessionId: frame.sessionId });
    }
  }

  /**
   * Loads what is missing of a chat: the first time, its most recent page;
   * afterwards what came after the newest event held without a hole (at most
   * a page: when more was missed, the recent page replaces what was held).
   */
  private async refresh(sessionId: string): Promise<void> {
    const client = this.socket.client;
    if (!client) return;
    const chat = this.chats()[sessionId];
    const loaded = chat?.hasOlder !== undefined;
    // Agents see every seq: events pushed before the chat was opened may leave a hole, so count from the page held.
    const after = loaded ? newestWithoutHole(chat.events) : 0;
    try {
      const data = await client.resume(sessionId, after);
      this.patch(sessionId, { summary: data.session, ...(data.receipts ? { receipts: data.receipts } : {}) });
      if (!loaded || data.hasOlder) this.applyRecentPage(sessionId, data.events, data.hasOlder);
      else this.merge(sessionId, data.events);
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

  private setTyping(sessionId: string, on: boolean): void {
    clearTimeout(this.typingTimers.get(sessionId));
    this.typingTimers.delete(sessionId);
    if (on) this.typingTimers.set(sessionId, setTimeout(() => this.setTyping(sessionId, false), TYPING_SHOW_MS));
    if (on || this.chats()[sessionId]?.endUserTyping) this.patch(sessionId, { endUserTyping: on });
  }

  private patch(sessionId: string, fields: Partial<ChatView>): void {
    this.chats.update((all) => ({ ...all, [sessionId]: { ...(all[sessionId] ?? { events: [] }), ...fields } }));
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
