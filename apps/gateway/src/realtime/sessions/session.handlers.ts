import { Inject, Injectable } from '@nestjs/common';
import { ReferenceDataRepository } from '@switchboard/reference-data';
import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX } from '@switchboard/contracts';
import { OPEN_STATUSES, type SessionStatus } from '@switchboard/domain';
import type { CommandHandlers } from '../connection/command-handler';
import { ConnectionRegistry } from '../connection/connection-registry';
import { ackOf } from './acks';
import { ChatCommands } from './chat-commands.service';
import { LiveSettings } from './live-settings.service';
import { SessionAccess } from './session-access.service';
import { HistoryPages } from './history-pages';
import { summaryForEndUser, summaryOf } from './session-views';
import { ReceiptsStore } from '../conversation/receipts-store';

/** Commands end users, agents and administrators share: post, resume after a reconnect (R12), history pages (R13), topics (R1), ping. */
@Injectable()
export class SessionHandlers {
  constructor(
    @Inject(ChatCommands) private readonly chat: ChatCommands,
    @Inject(SessionAccess) private readonly access: SessionAccess,
    @Inject(LiveSettings) private readonly settings: LiveSettings,
    @Inject(ReferenceDataRepository) private readonly reference: ReferenceDataRepository,
    @Inject(ConnectionRegistry) private readonly registry: ConnectionRegistry,
    @Inject(HistoryPages) private readonly pages: HistoryPages,
    @Inject(ReceiptsStore) private readonly receipts: ReceiptsStore,
  ) {}

  readonly handlers: CommandHandlers = {
    ping: async () => ({ now: new Date().toISOString() }),

    // R1: what the start form offers (end users) and what a chat's topic id is called (agents).
    'topics.list': async () => {
      const topics = await this.reference.topics();
      return {
        useTopics: this.settings.current.useTopics,
        topics: topics.map((t) => ({ id: t.id, name: t.name })).sort((a, b) => a.name.localeCompare(b.name)),
      };
    },

    'session.post': async (conn, { sessionId, text }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      const role = conn.principal.role === 'endUser' ? 'endUser' : 'agent';
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'PostMessage', sessionId, text }), role);
    },

    // R12: what was missed, bounded: the most recent HISTORY_PAGE_MAX events after afterSeq; hasOlder says more were missed.
    'session.resume': async (conn, { sessionId, afterSeq }) => {
      const state = await this.access.load(conn.principal, sessionId);
      // Administrators follow what they resumed, and agents an open chat they look at without holding it
      // (a Queue preview, R2): its messages arrive live while the Queue tab lists it. Holders and end users
      // get their sessions' events anyway.
      const me = conn.principal.id;
      const holds = state.ownerAgentId === me || state.transferTargetAgentId === me;
      if (conn.principal.role === 'admin' || (conn.principal.role === 'agent' && !holds && isOpen(state.status))) this.registry.watch(conn, sessionId);
      const [page, receipts] = await Promise.all([
        this.pages.page(conn.principal.role, sessionId, { beforeSeq: state.version + 1, afterSeq, limit: HISTORY_PAGE_MAX }),
        // Issue 17: the receipts as stored, so a client back from a reconnect shows what both sides reached.
        this.receipts.of(sessionId),
      ]);
      // Issue 16: invitations (and their notes) are for agents.
      const session = conn.principal.role === 'endUser' ? summaryForEndUser(summaryOf(state)) : summaryOf(state);
      return { session, events: page.events, hasOlder: page.hasOlder, lastSeq: state.version, receipts };
    },

    // R13: older history in pages, for whoever may see the session (as session.resume); end users without side notes.
    'session.history': async (conn, { sessionId, beforeSeq, limit }) => {
      const state = await this.access.load(conn.principal, sessionId);
      const before = Math.min(beforeSeq ?? state.version + 1, state.version + 1);
      const page = await this.pages.page(conn.principal.role, sessionId, { beforeSeq: before, limit: limit ?? HISTORY_PAGE_DEFAULT });
      return { events: page.events, hasOlder: page.hasOlder, lastSeq: state.version };
    },
  };
}

const isOpen = (status: SessionStatus) => OPEN_STATUSES.includes(status);
