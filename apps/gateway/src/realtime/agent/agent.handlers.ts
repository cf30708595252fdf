import { Inject, Injectable } from '@nestjs/common';
import { canViewCustomerInfo, queueTransferAllowed, transferTargets, type SessionEvent } from '@switchboard/domain';
import { HISTORY_PAGE_DEFAULT } from '@switchboard/contracts';
import { ReferenceDataRepository } from '@switchboard/reference-data';
import type { CommandHandlers } from '../connection/command-handler';
import { BoardService } from '../board/board.service';
import { ConnectionRegistry } from '../connection/connection-registry';
import { FanoutService } from '../fanout/fanout.service';
import { ackOf } from '../sessions/acks';
import { ChatCommands, type CommandOutcome } from '../sessions/chat-commands.service';
import { CommandRefusal, forbidden } from '../sessions/command-refusal';
import { HistoryPages } from '../sessions/history-pages';
import { LiveSettings } from '../sessions/live-settings.service';
import { OpenSessionsProjection } from '../sessions/open-sessions.projection';
import { SessionAccess } from '../sessions/session-access.service';
import { detailFor, summaryOf } from '../sessions/session-views';
import { AgentDirectory } from './agent-directory.service';
import { AgentPresenceService } from './agent-presence.service';
import { CustomerDirectory } from './customer-info/customer-directory';
import { ResourcesRepository } from './resources/resources.repository';

/** Agents: lists, accept with the recent history page (R3.3), notes, transfers (R5-R7), release, end, abandon, tickets, R15, R16, R18. */
@Injectable()
export class AgentHandlers {
  constructor(
    @Inject(ChatCommands) private readonly chat: ChatCommands,
    @Inject(SessionAccess) private readonly access: SessionAccess,
    @Inject(FanoutService) private readonly fanout: FanoutService,
    @Inject(AgentDirectory) private readonly directory: AgentDirectory,
    @Inject(AgentPresenceService) private readonly presence: AgentPresenceService,
    @Inject(LiveSettings) private readonly settings: LiveSettings,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(ResourcesRepository) private readonly resources: ResourcesRepository,
    @Inject(ReferenceDataRepository) private readonly reference: ReferenceDataRepository,
    @Inject(HistoryPages) private readonly pages: HistoryPages,
    @Inject(OpenSessionsProjection) private readonly projection: OpenSessionsProjection,
    @Inject(ConnectionRegistry) private readonly registry: ConnectionRegistry,
    @Inject(BoardService) private readonly board: BoardService,
  ) {}

  readonly handlers: CommandHandlers = {
    'agent.lists': async (conn, { offset }) => this.fanout.currentLists(conn.principal.id, offset),

    'session.accept': async (conn, { sessionId }, clientId) => {
      await this.access.check(conn.principal, sessionId, 'accept');
      return this.acceptedView(await this.chat.send(conn.principal, clientId, { type: 'AcceptSession', sessionId }));
    },

    // Issue 14: the agent a chat is offered to takes it (answered as session.accept) or passes on it.
    'session.acceptOffer': async (conn, { sessionId }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return this.acceptedView(await this.chat.send(conn.principal, clientId, { type: 'AcceptOffer', sessionId }));
    },

    'session.declineOffer': async (conn, { sessionId, reason }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'DeclineOffer', sessionId, reason }), 'agent');
    },

    'session.declineReasons': async () => ({ reasons: [...this.settings.current.offerDeclineReasons] }),

    // Issue 14, wrap-up: the agent who ended or abandoned a chat records its disposition.
    'session.disposition': async (conn, { sessionId, code }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'RecordDisposition', sessionId, code }), 'agent');
    },

    'session.dispositionCodes': async () => ({ codes: [...this.settings.current.dispositionCodes] }),

    // Issue 15: a waiting chat the agent may see (R19), or any chat for an administrator.
    'session.raisePriority': async (conn, { sessionId, priority }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'RaisePriority', sessionId, priority }), conn.principal.role === 'admin' ? 'admin' : 'agent');
    },

    'session.sideNote': async (conn, { sessionId, text }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'AddSideNote', sessionId, text }), 'agent');
    },

    'session.transferTargets': async (conn, { sessionId }) => {
      const session = await this.access.check(conn.principal, sessionId);
      if (session.status !== 'ASSIGNED' || session.ownerAgentId !== conn.principal.id) {
        throw new CommandRefusal('NOT_OWNER', 'Only the agent who owns the chat can transfer it.');
      }
      const targets = transferTargets(session, conn.principal.id, this.directory.all(), this.settings.current);
      // R7: support queues only when Support Queues and Use Topics are both on; never the chat's own queue.
      const queues = queueTransferAllowed(this.settings.current) ? (await this.reference.queueNames()).filter((q) => q !== session.queue) : [];
      return { agents: targets.map((a) => ({ id: a.id, name: a.displayName })), queues: queues.map((id) => ({ id })) };
    },

    'session.transferToAgent': async (conn, { sessionId, targetAgentId, sideNote }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      const body = { type: 'TransferToAgent' as const, sessionId, targetAgentId, ...(sideNote ? { sideNote } : {}) };
      return ackOf(await this.chat.send(conn.principal, clientId, body), 'agent');
    },

    'session.transferToQueue': async (conn, { sessionId, queue, sideNote }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      const body = { type: 'TransferToQueue' as const, sessionId, queue, ...(sideNote ? { sideNote } : {}) };
      return ackOf(await this.chat.send(conn.principal, clientId, body), 'agent');
    },

    'session.release': async (conn, { sessionId }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'ReleaseSession', sessionId }), 'agent');
    },

    'session.end': async (conn, { sessionId, resolveTicket }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      const body = { type: 'EndChat' as const, sessionId, ...(resolveTicket === undefined ? {} : { resolveTicket }) };
      return ackOf(await this.chat.send(conn.principal, clientId, body), 'agent');
    },

    'session.abandon': async (conn, { sessionId }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'AbandonSession', sessionId }), 'agent');
    },

    'session.createTicket': async (conn, { sessionId, summary }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      const result = await this.chat.send(conn.principal, clientId, { type: 'CreateTicket', sessionId, summary });
      // The command's own events (for a repeat: those of its first run) hold the ticket.
      const created = eventOf(result.events, 'TicketCreated');
      return { ...ackOf(result, 'agent'), ticketId: created?.ticketId ?? result.state.ticket?.ticketId ?? '' };
    },

    'session.requestControl': async (conn, { sessionId, assetId }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      const result = await this.chat.send(conn.principal, clientId, { type: 'RequestControl', sessionId, ...(assetId ? { assetId } : {}) });
      const requested = eventOf(result.events, 'RemoteControlRequested');
      return { ...ackOf(result, 'agent'), url: requested?.url ?? '', assetId: requested?.assetId ?? '', deviceId: requested?.deviceId ?? '' };
    },

    'session.customerInfo': async (conn, { sessionId }) => {
      const state = await this.access.load(conn.principal, sessionId);
      if (!canViewCustomerInfo(state, { role: 'agent', id: conn.principal.id })) throw forbidden('Customer information is for the agent who has the chat.');
      return this.customers.infoFor(state);
    },

    'session.resources': async (conn, { sessionId }) => {
      const state = await this.access.load(conn.principal, sessionId);
      if (!canViewCustomerInfo(state, { role: 'agent', id: conn.principal.id })) throw forbidden('Resources are for the agent who has the chat.');
      return this.resources.resources(state.companyId);
    },

    'knowledge.search': async (_conn, { query }) => ({ articles: await this.resources.search(query) }),

    'presence.set': async (conn, { presence }) => {
      await this.presence.set(conn.principal.id, presence);
      return { presence };
    },

    // Issue 14: with the chats offered to the agent now, read from the projection after the presence
    // (synchronously, just before answering: an event that ends one of them reaches the socket after the reply).
    'presence.get': async (conn) => {
      const snapshot = await this.presence.snapshot(conn.principal.id);
      const offers = this.projection.offersOf(conn.principal.id);
      return offers.length > 0 ? { ...snapshot, offers } : snapshot;
    },

    // Issue 16, silent monitor: the socket follows the chat read-only (FanoutService sends its events to
    // supervisors of its queue that watch it); no command, so nothing is recorded and the end user sees nothing.
    'session.monitor': async (conn, { sessionId }) => {
      const state = await this.access.supervised(conn.principal, sessionId);
      if (state.status !== 'CLOSED' && state.status !== 'ABANDONED') this.registry.watch(conn, sessionId);
      const page = await this.pages.page('agent', sessionId, { beforeSeq: state.version + 1, limit: HISTORY_PAGE_DEFAULT });
      return { session: summaryOf(state), events: page.events, hasOlder: page.hasOlder, lastSeq: state.version };
    },

    'session.unmonitor': async (conn, { sessionId }) => {
      this.registry.unwatch(conn, sessionId);
      return { sessionId };
    },

    // Issue 16 (ADR 25): the monitoring board of the queues the agent supervises, then its changes as board.snapshot frames.
    'board.follow': async (conn) => this.board.follow(conn),

    'board.unfollow': async (conn) => {
      this.board.unfollow(conn);
      return { following: false as const };
    },

    'session.whisper': async (conn, { sessionId, text }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'Whisper', sessionId, text }), 'agent');
    },

    // Issue 16: the owner asks the queue's supervisors for help; the owner or a supervisor lowers the flag.
    'session.raiseHelp': async (conn, { sessionId, note }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'RaiseHelpFlag', sessionId, ...(note ? { note } : {}) }), 'agent');
    },

    'session.lowerHelp': async (conn, { sessionId }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'LowerHelpFlag', sessionId }), 'agent');
    },

    // Issue 16 (ADR 24): participants besides the owner. The owner invites, cancels and removes; the invitee
    // answers (SessionAccess lets exactly them, 'invited'); a participant consults, posts and leaves.
    'session.invite': async (conn, { sessionId, agentId, note }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'InviteAgent', sessionId, agentId, ...(note ? { note } : {}) }), 'agent');
    },

    'session.acceptInvite': async (conn, { sessionId }, clientId) => {
      await this.access.check(conn.principal, sessionId, 'invited');
      return this.acceptedView(await this.chat.send(conn.principal, clientId, { type: 'AcceptInvite', sessionId }));
    },

    'session.declineInvite': async (conn, { sessionId }, clientId) => {
      await this.access.check(conn.principal, sessionId, 'invited');
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'DeclineInvite', sessionId }), 'agent');
    },

    'session.cancelInvite': async (conn, { sessionId, agentId }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'CancelInvite', sessionId, agentId }), 'agent');
    },

    // Answered as session.accept: the supervisor is in the conversation now (history, customer, resources).
    'session.bargeIn': async (conn, { sessionId }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return this.acceptedView(await this.chat.send(conn.principal, clientId, { type: 'BargeIn', sessionId }));
    },

    'session.consult': async (conn, { sessionId, text }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'Consult', sessionId, text }), 'agent');
    },

    'session.leave': async (conn, { sessionId }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'LeaveChat', sessionId }), 'agent');
    },

    'session.removeParticipant': async (conn, { sessionId, agentId }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return ackOf(await this.chat.send(conn.principal, clientId, { type: 'RemoveParticipant', sessionId, agentId }), 'agent');
    },

    'invites.list': async (conn) => ({ invites: this.projection.invitesOf(conn.principal.id) }),

    // Issue 16: answered as session.accept (the chat is the supervisor's now: history, customer, resources).
    'session.takeOver': async (conn, { sessionId, fromAgentId }, clientId) => {
      await this.access.check(conn.principal, sessionId);
      return this.acceptedView(await this.chat.send(conn.principal, clientId, { type: 'TakeOver', sessionId, fromAgentId }));
    },
  };

  /**
   * R3.3, what an agent gets with a chat it takes (accepted from a tab, or an offer): the history (side
   * notes included) from its most recent page on (older pages: session.history), customer information
   * and resources.
   */
  private async acceptedView(result: CommandOutcome) {
    const [page, customer, resources] = await Promise.all([
      this.pages.recent('agent', result.state),
      this.customers.infoFor(result.state),
      this.resources.resources(result.state.companyId),
    ]);
    return { session: detailFor('agent', result.state, page), customer, resources, duplicate: result.duplicate };
  }
}

/** The event of one type among a command's events. */
function eventOf<T extends SessionEvent['type']>(events: readonly SessionEvent[], type: T): Extract<SessionEvent, { type: T }> | undefined {
  return events.find((e): e is Extract<SessionEvent, { type: T }> => e.type === type);
}
