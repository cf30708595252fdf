import { Inject, Injectable } from '@nestjs/common';
import { ReferenceDataRepository } from '@switchboard/reference-data';
import { OPEN_STATUSES, type SessionStatus } from '@switchboard/domain';
import type { CommandHandlers } from '../connection/command-handler';
import { ConnectionRegistry } from '../connection/connection-registry';
import { ackOf } from './acks';
import { ChatCommands } from './chat-commands.service';
import { LiveSettings } from './live-settings.service';
import { SessionAccess } from './session-access.service';
import { eventsFor, summaryOf } from './session-views';

/** Commands end users and agents share: post (R13 history), resume after a reconnect (R12), topics (R1), ping. */
@Injectable()
export class SessionHandlers {
  constructor(
    @Inject(ChatCommands) private readonly chat: ChatCommands,
    @Inject(SessionAccess) private readonly access: SessionAccess,
    @Inject(LiveSettings) private readonly settings: LiveSettings,
    @Inject(ReferenceDataRepository) private readonly reference: ReferenceDataRepository,
    @Inject(ConnectionRegistry) private readonly registry: ConnectionRegistry,
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

    'session.resume': async (conn, { sessionId, afterSeq }) => {
      const state = await this.access.load(conn.principal, sessionId);
      // Administrators follow what they resumed, and agents an open chat they look at without holding it
      // (a Queue preview, R2): its messages arrive live while the Queue tab lists it. Holders and end users
      // get their sessions' events anyway.
      const me = conn.principal.id;
      const holds = state.ownerAgentId === me || state.transferTargetAgentId === me;
      if (conn.principal.role === 'admin' || (conn.principal.role === 'agent' && !holds && isOpen(state.status))) this.registry.watch(conn, sessionId);
      return {
        session: summaryOf(state),
        events: eventsFor(conn.principal.role, state.history.slice(afterSeq)),
        lastSeq: state.version,
      };
    },
  };
}

const isOpen = (status: SessionStatus) => OPEN_STATUSES.includes(status);
