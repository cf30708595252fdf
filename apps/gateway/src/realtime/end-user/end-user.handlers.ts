import { Inject, Injectable } from '@nestjs/common';
import { newSessionId } from '@switchboard/contracts';
import { SessionReader } from '@switchboard/session-store';
import { randomUUID } from 'node:crypto';
import type { CommandHandlers } from '../connection/command-handler';
import { ackOf } from '../sessions/acks';
import { ChatCommands } from '../sessions/chat-commands.service';
import { HistoryPages } from '../sessions/history-pages';
import { OpenSessionsProjection } from '../sessions/open-sessions.projection';
import { SessionAccess } from '../sessions/session-access.service';
import { detailFor } from '../sessions/session-views';

/** End users: start (R1), find the open chat, cancel (R11). Posting and resuming are shared (session.handlers). */
@Injectable()
export class EndUserHandlers {
  constructor(
    @Inject(ChatCommands) private readonly chat: ChatCommands,
    @Inject(SessionAccess) private readonly access: SessionAccess,
    @Inject(OpenSessionsProjection) private readonly projection: OpenSessionsProjection,
    @Inject(SessionReader) private readonly reader: SessionReader,
    @Inject(HistoryPages) private readonly pages: HistoryPages,
  ) {}

  readonly handlers: CommandHandlers = {
    'session.start': async (conn, { description, topic, leaveMessage }, clientId) => {
      const me = conn.principal;
      // The clientId is the start request id (R1.1): a repeat returns the first session.
      const result = await this.chat.send(me, clientId, {
        type: 'StartSession',
        sessionId: newSessionId(me.id, randomUUID()),
        requestId: clientId,
        description,
        ...(topic === undefined ? {} : { topic }),
        ...(leaveMessage === true ? { leaveMessage } : {}),
      });
      return { session: detailFor('endUser', result.state, await this.pages.recent('endUser', result.state)), duplicate: result.duplicate };
    },

    'session.current': async (conn) => {
      await this.projection.ready;
      const open = this.projection.openOfEndUser(conn.principal.id);
      const state = open ? (await this.reader.load(open.sessionId))?.state : undefined;
      return { session: state ? detailFor('endUser', state, await this.pages.recent('endUser', state)) : null };
    },

    'session.cancel': async (conn, { sessionId }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'CancelByUser', sessionId }), 'endUser');
    },

    'session.leaveMessage': async (conn, { sessionId, text }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'LeaveMessage', sessionId, ...(text === undefined ? {} : { text }) }), 'endUser');
    },

    'session.keepWaiting': async (conn, { sessionId }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'KeepWaiting', sessionId }), 'endUser');
    },
  };
}
