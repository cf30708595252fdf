import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import {
  AGENT_LISTS,
  type AgentList,
  type AgentLists,
  type ChatEventMessage,
  type ListChange,
  type ListItem,
  type ListsSnapshotFrame,
  type QueuePositionFrame,
  type SessionEventFrame,
} from '@switchboard/contracts';
import { notificationsFor, supervises, type Notification } from '@switchboard/domain';
import { ChatEventFeed } from '../../feeds/chat-event-feed';
import { AgentDirectory } from '../agent/agent-directory.service';
import { BoardService } from '../board/board.service';
import type { Connection } from '../connection/connection';
import { ConnectionRegistry } from '../connection/connection-registry';
import { LiveSettings } from '../sessions/live-settings.service';
import { OpenSessionsProjection } from '../sessions/open-sessions.projection';
import { eventFor, summaryForEndUser, summaryOfMessage } from '../sessions/session-views';
import { boundedLists, listChanges, listOf, signatureOf } from './agent-lists';
import { byQueuedTime, byServiceOrder, queuePlaces, queuesMoved, type QueuePlace } from './queue-positions';

/**
 * Pushes each chat event to exactly the sockets of this instance that may see
 * it (R19, R13), and keeps the agents' lists live (R2, R3, R5, R7):
 * - the session's end user: every event but side notes (and the other agents-only events);
 * - issue 16 (ADR 24): the agents in the chat besides its owner (`guests`, before and after the event);
 *   an invited agent only the events that notify them (invited, invitation ended);
 * - the agent holding the session (owner, or transfer target), the agent whose
 *   command caused the event, and any agent a notification is addressed to
 *   (e.g. the former owner on a transfer; issue 16: the supervisors of the
 *   queue connected here, for a help flag);
 * - administrators that resumed the session, agents previewing it from their Queue tab, and
 *   supervisors monitoring it (issue 16: only while they supervise its queue);
 * - every connected agent: the list changes the event causes for it;
 * - end users waiting in a queue the event moved: their new place.
 * Every gateway instance receives every event (A8), so it does not matter
 * where the sender and the receivers are connected.
 */
@Injectable()
export class FanoutService implements OnModuleInit, OnApplicationBootstrap {
  /** Agents' sockets: sessions in their lists that their last snapshot left out (past the bound). */
  private readonly hidden = new WeakMap<Connection, Set<string>>();

  constructor(
    @Inject(ChatEventFeed) private readonly feed: ChatEventFeed,
    @Inject(OpenSessionsProjection) private readonly projection: OpenSessionsProjection,
    @Inject(ConnectionRegistry) private readonly registry: ConnectionRegistry,
    @Inject(AgentDirectory) private readonly agents: AgentDirectory,
    @Inject(LiveSettings) private readonly settings: LiveSettings,
    @Inject(BoardService) private readonly board: BoardService,
  ) {}

  onModuleInit(): void {
    this.feed.followLive((message) => this.onEvent(message));
  }

  async onApplicationBootstrap(): Promise<void> {
    // Consume first, then load: an event between the two is newer than the load and wins.
    const started = this.feed.start();
    void started.then(() => this.projection.loadWithRetry());
    // Serve only once events flow (the consumer delivers events from its creation on),
    // unless NATS does not answer yet: then go on; the consumer comes when NATS does.
    await Promise.race([started, new Promise((r) => setTimeout(r, 5000).unref())]);
    // A socket still being set up gets its one first snapshot when set up (built from what holds then), not one per change before it.
    this.settings.onChange(() => {
      for (const conn of this.registry.agents()) if (conn.lists) this.sendListsSnapshot(conn);
    });
    this.agents.onProfilesChange(() => {
      for (const conn of this.registry.agents()) if (conn.lists) this.sendListsSnapshot(conn);
    });
    this.agents.onPresenceChange((agentId) => {
      for (const conn of this.registry.of('agent', agentId)) if (conn.lists) this.sendListsSnapshot(conn);
    });
  }

  onEvent(message: ChatEventMessage): void {
    const before = this.projection.get(message.session.sessionId);
    const applied = this.projection.apply(message);
    if (!applied.fresh) return;
    const { event } = message;
    const session = summaryOfMessage(message.session);
    const notifications = notificationsFor(event, message.session);

    const userView = eventFor('endUser', event);
    if (userView) {
      const targets = this.registry.of('endUser', session.endUserId);
      if (targets.size > 0) {
        // Issue 15: the priority is for agents (like PriorityRaised); issue 16: so are invitations and their notes, and the help flag.
        const userSession = summaryForEndUser(session);
        const frame: SessionEventFrame = { type: 'session.event', sessionId: session.sessionId, seq: event.seq, prevSeq: message.prevVisibleSeq, event: userView, session: userSession, notices: noticesFor(notifications, (a) => a.to === 'endUser') };
        const text = JSON.stringify(frame);
        for (const conn of targets) conn.sendText(text);
      }
    }

    const agentIds = new Set<string>();
    const holder = session.ownerAgentId ?? session.transferTargetAgentId;
    if (holder) agentIds.add(holder);
    // The agent whose command caused the event sees it too. A command's events all carry the session
    // as the command left it, so a holder who hands the chat over (the transfer's note, then the
    // transfer) would otherwise get the second event without the first: a false gap in its prevSeq chain.
    if (event.by.role === 'agent') agentIds.add(event.by.id);
    // Issue 16 (ADR 24): the agents in the chat besides its owner, and those it just dropped (the event that
    // ends their stay, a transfer or an end, is the last they get). Invitees get only what notifies them.
    for (const g of session.guests ?? []) agentIds.add(g.agentId);
    for (const g of before?.guests ?? []) agentIds.add(g.agentId);
    for (const n of notifications) if (n.audience.to === 'agent') agentIds.add(n.audience.agentId);
    // Issue 16: a notice for the supervisors of the queue (a help flag) goes to each one connected here.
    const supervisorIds = new Set<string>();
    if (notifications.some((n) => n.audience.to === 'supervisors')) {
      for (const conn of this.registry.agents()) {
        const id = conn.principal.id;
        if (!agentIds.has(id) && supervises(this.agents.info(id), session, this.settings.current)) supervisorIds.add(id);
      }
    }
    for (const agentId of supervisorIds) agentIds.add(agentId);
    for (const agentId of agentIds) {
      const targets = this.registry.of('agent', agentId);
      if (targets.size === 0) continue;
      const frame: SessionEventFrame = {
        type: 'session.event',
        sessionId: session.sessionId,
        seq: event.seq,
        prevSeq: event.seq - 1,
        event: eventFor('agent', event)!,
        session,
        notices: noticesFor(notifications, (a) => (a.to === 'agent' && a.agentId === agentId) || (a.to === 'supervisors' && supervisorIds.has(agentId))),
      };
      const text = JSON.stringify(frame);
      for (const conn of targets) conn.sendText(text);
    }

    for (const conn of this.registry.watchersOf(session.sessionId)) {
      if (conn.principal.role === 'admin') {
        conn.send({ type: 'session.event', sessionId: session.sessionId, seq: event.seq, prevSeq: event.seq - 1, event, session, notices: [] });
        continue;
      }
      // An agent previewing a chat of its Queue tab: live while the tab lists it (R2), never a side
      // channel past R19. Holders and addressees got the event above.
      const agentId = conn.principal.id;
      if (agentIds.has(agentId)) continue;
      // Issue 16: a supervisor monitoring a chat of a queue they supervise, read-only.
      if (supervises(this.agents.info(agentId), session, this.settings.current)) {
        conn.send({ type: 'session.event', sessionId: session.sessionId, seq: event.seq, prevSeq: event.seq - 1, event: eventFor('agent', event)!, session, notices: [] });
        continue;
      }
      const list = applied.item ? listOf(applied.item, this.agents.info(agentId), agentId, this.settings.current) : undefined;
      if (list !== 'queue') {
        this.registry.unwatch(conn, session.sessionId);
        continue;
      }
      conn.send({ type: 'session.event', sessionId: session.sessionId, seq: event.seq, prevSeq: event.seq - 1, event: eventFor('agent', event)!, session, notices: [] });
    }
    if (!applied.item) this.registry.unwatchSession(session.sessionId);

    this.pushListChanges(session.sessionId, applied.item, event.seq);
    this.board.onChatChange(before, applied.item);
    if (applied.item?.status !== 'QUEUED') for (const conn of this.registry.of('endUser', session.endUserId)) conn.queuePlace = undefined;
    for (const queue of queuesMoved(before, applied.item)) this.pushQueuePlaces(queue);
  }

  /** An end user's place in the queue, if their open session waits (on connecting). */
  sendQueuePosition(conn: Connection): void {
    const open = this.projection.openOfEndUser(conn.principal.id);
    if (open?.status !== 'QUEUED') return;
    const place = queuePlaces(this.projection.waitingIn(open.queue), open.queue).find((p) => p.sessionId === open.sessionId);
    if (place) this.sendPlace(conn, place);
  }

  /** Tells the waiting end users of a queue connected here their place, when it changed. */
  private pushQueuePlaces(queue: string): void {
    if (this.registry.endUserCount === 0) return;
    for (const place of queuePlaces(this.projection.waitingIn(queue), queue)) {
      for (const conn of this.registry.of('endUser', place.endUserId)) {
        const last = conn.queuePlace;
        if (last?.sessionId === place.sessionId && last.queue === place.queue && last.position === place.position) continue;
        this.sendPlace(conn, place);
      }
    }
  }

  private sendPlace(conn: Connection, place: QueuePlace): void {
    conn.queuePlace = { sessionId: place.sessionId, queue: place.queue, position: place.position };
    const frame: QueuePositionFrame = { type: 'session.queuePosition', ...conn.queuePlace };
    conn.send(frame);
  }

  /** The agent's three lists from the projection (bounded), replacing whatever it held. */
  sendListsSnapshot(conn: Connection): void {
    const agentId = conn.principal.id;
    const held = new Map<string, { list: AgentList | undefined; version: number; signature: string }>();
    const all = this.allLists(agentId, (item, list) => held.set(item.sessionId, { list, version: item.version, signature: signatureOf(item) }));
    const { lists, shown } = boundedLists(all);
    conn.lists = held;
    const hidden = new Set<string>();
    for (const sessionId of held.keys()) if (!shown.has(sessionId)) hidden.add(sessionId);
    this.hidden.set(conn, hidden);
    const frame: ListsSnapshotFrame = { type: 'lists.snapshot', ...lists };
    conn.send(frame);
  }

  /** The lists as they are now (agent.lists; from `offset` in each), without changing what the socket holds. */
  currentLists(agentId: string, offset = 0): AgentLists {
    return boundedLists(this.allLists(agentId), offset).lists;
  }

  /** Every session of the agent's three lists, each list oldest waiting first. */
  private allLists(agentId: string, each?: (item: ListItem, list: AgentList) => void): Record<AgentList, ListItem[]> {
    const agent = this.agents.info(agentId);
    const settings = this.settings.current;
    const lists: Record<AgentList, ListItem[]> = { queue: [], transferred: [], myChats: [] };
    for (const item of this.projection.all()) {
      const list = listOf(item, agent, agentId, settings);
      if (!list) continue;
      lists[list].push(item);
      each?.(item, list);
    }
    // The Queue tab in the order chats are served (issue 15: priority, then wait); the others oldest first.
    for (const list of AGENT_LISTS) lists[list].sort(list === 'queue' ? byServiceOrder : byQueuedTime);
    return lists;
  }

  private pushListChanges(sessionId: string, item: ListItem | undefined, version: number): void {
    const settings = this.settings.current;
    // Agents in the same situation get the same frame: serialise it once.
    const cache = new Map<string, string | null>();
    for (const conn of this.registry.agents()) {
      if (!conn.lists) continue;
      const agentId = conn.principal.id;
      const now = item ? listOf(item, this.agents.info(agentId), agentId, settings) : undefined;
      const held = conn.lists.get(sessionId);
      if (!held && !now) continue;
      const hiddenHere = this.hidden.get(conn);
      const hidden = hiddenHere?.has(sessionId) ?? false;
      const key = `${held?.list ?? '-'}|${held?.signature ?? ''}|${held && version < held.version ? 'stale' : ''}|${now ?? '-'}|${hidden ? 'hidden' : ''}`;
      let text = cache.get(key);
      if (text === undefined) {
        const changes: ListChange[] = listChanges(sessionId, held, now, item, version, hidden);
        text = changes.length > 0 ? JSON.stringify({ type: 'lists.changed', changes }) : null;
        cache.set(key, text);
      }
      if (held && version < held.version) continue;
      if (now && item) conn.lists.set(sessionId, { list: now, version, signature: signatureOf(item) });
      else conn.lists.delete(sessionId);
      // A left-out session stays left out while it stays in its list; once it leaves, the socket was told.
      if (hidden && held?.list !== now) hiddenHere?.delete(sessionId);
      if (text) conn.sendText(text);
    }
  }
}

function noticesFor(notifications: readonly Notification[], match: (a: Notification['audience']) => boolean) {
  return notifications.filter((n) => match(n.audience)).map((n) => ({ code: n.notice, text: n.text }));
}
