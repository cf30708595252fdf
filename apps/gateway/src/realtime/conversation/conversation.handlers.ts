import { Inject, Injectable } from '@nestjs/common';
import { TYPING_RELAY_MIN_INTERVAL_MS, type ListItem } from '@switchboard/contracts';
import { isTerminalStatus, receiptProblem, receiptSideOf, type SessionState } from '@switchboard/domain';
import { SessionReader } from '@switchboard/session-store';
import type { CommandHandlers } from '../connection/command-handler';
import type { Connection } from '../connection/connection';
import { ackOf } from '../sessions/acks';
import { ChatCommands } from '../sessions/chat-commands.service';
import { CommandRefusal } from '../sessions/command-refusal';
import { SessionAccess } from '../sessions/session-access.service';
import { ChatSignals } from './chat-signals';
import { ReceiptsStore } from './receipts-store';

type Session = ListItem | SessionState;

/**
 * Issue 17, what a conversation carries besides its messages: typing
 * (relayed, never stored), receipts (two monotonic marks per side, stored
 * apart from the event log, ADR 19) and the end user's satisfaction rating
 * (a session command, stored with the chat).
 */
@Injectable()
export class ConversationHandlers {
  /** When each socket's last typing was relayed (one number per socket, gone with it). */
  private readonly typingAt = new WeakMap<Connection, number>();

  constructor(
    @Inject(SessionAccess) private readonly access: SessionAccess,
    @Inject(SessionReader) private readonly reader: SessionReader,
    @Inject(ChatCommands) private readonly chat: ChatCommands,
    @Inject(ReceiptsStore) private readonly receipts: ReceiptsStore,
    @Inject(ChatSignals) private readonly signals: ChatSignals,
  ) {}

  readonly handlers: CommandHandlers = {
    'session.typing': async (conn, { sessionId }) => {
      const now = Date.now();
      // Throttled per socket: a client typing faster than the protocol asks is answered, not relayed.
      if (now - (this.typingAt.get(conn) ?? 0) < TYPING_RELAY_MIN_INTERVAL_MS) return { relayed: false };
      const session = await this.access.check(conn.principal, sessionId);
      const from = receiptSideOf(conn.principal, session);
      if (!from) throw sideRefusal();
      if (isTerminalStatus(session.status) || !session.ownerAgentId) return { relayed: false };
      this.typingAt.set(conn, now);
      this.signals.publish({ kind: 'typing', sessionId, from, endUserId: session.endUserId, agentId: session.ownerAgentId });
      return { relayed: true };
    },

    'session.receipt': async (conn, { sessionId, delivered, seen }) => {
      let session = await this.access.check(conn.principal, sessionId);
      const side = receiptSideOf(conn.principal, sideFields(session));
      if (!side) throw sideRefusal();
      const mark = { ...(delivered === undefined ? {} : { delivered }), ...(seen === undefined ? {} : { seen }) };
      let problem = receiptProblem(mark, session.version);
      // The live copy may trail the client (it heard a command's answer first): ask the store.
      if (problem && !('participants' in session)) {
        session = (await this.reader.load(sessionId))?.state ?? session;
        problem = receiptProblem(mark, session.version);
      }
      if (problem) throw new CommandRefusal(problem.code, problem.message, problem.details);
      const { before, after } = await this.receipts.raise(sessionId, side, mark);
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        this.signals.publish({ kind: 'receipts', sessionId, endUserId: session.endUserId, ...agentOf(sideFields(session)), receipts: after });
      }
      return { sessionId, receipts: after };
    },

    'session.rate': async (conn, { sessionId, score, comment }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'RateChat', sessionId, score, ...(comment === undefined ? {} : { comment }) }), 'endUser');
    },
  };
}

/** The fields that tell a chat's sides: after the end, the agent's side is the agent who ended it. */
function sideFields(session: Session): { endUserId: string; ownerAgentId?: string } {
  if ('endedByAgentId' in session && session.endedByAgentId && isTerminalStatus(session.status)) return { endUserId: session.endUserId, ownerAgentId: session.endedByAgentId };
  return { endUserId: session.endUserId, ...(session.ownerAgentId ? { ownerAgentId: session.ownerAgentId } : {}) };
}

function agentOf(session: { ownerAgentId?: string }): { agentId?: string } {
  return session.ownerAgentId ? { agentId: session.ownerAgentId } : {};
}

function sideRefusal(): CommandRefusal {
  return new CommandRefusal('FORBIDDEN', "Only the chat's end user and the agent holding it send typing and receipts.");
}
