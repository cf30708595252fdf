import type { SessionEvent } from '../session/events';
import type { SessionState } from '../session/state';
import { waitText } from '../policies/wait-estimate';

/**
 * Who a notification is for. The gateway resolves audiences to sockets; the
 * domain only says who. Agents whose Queue tab changes are not an audience:
 * the gateway sends them list changes computed from its open-sessions
 * projection (R2), not notices.
 */
export type Audience =
  | { readonly to: 'endUser'; readonly endUserId: string }
  | { readonly to: 'agent'; readonly agentId: string }
  /** Issue 16: every agent who supervises the queue (the gateway resolves them with `supervises`). */
  | { readonly to: 'supervisors'; readonly queue: string };

/**
 * Stable codes of what a notification tells its audience, with the default
 * English text beside them (`text`) so that simple clients need no table.
 */
export type NoticeCode =
  | 'SESSION_STARTED'
  | 'MESSAGE'
  /** A file or screenshot was sent (text: its name). */
  | 'ATTACHMENT'
  | 'SIDE_NOTE'
  /** R3.2: "<agent> is online". */
  | 'AGENT_JOINED'
  /** The session is now in the agent's My Chats. */
  | 'ASSIGNED_TO_YOU'
  /** The session left the agent's My Chats or Transferred tab. */
  | 'REMOVED_FROM_YOU'
  /** Issue 14: a chat is offered to the agent, to accept or decline before it expires. */
  | 'CHAT_OFFERED'
  /** Issue 14: the agent's offer ended without them taking it (declined or lapsed). */
  | 'OFFER_WITHDRAWN'
  /** Issue 14: the wrap-up disposition of a chat the agent ended is recorded. */
  | 'DISPOSITION_RECORDED'
  /** Issue 15: how long the end user is expected to wait (text: e.g. "about 2 to 4 minutes"). */
  | 'WAIT_ESTIMATE'
  /** Issue 17: the end user's rating of the ended chat is stored. */
  | 'CHAT_RATED'
  /** R5.1: appears in the target's Transferred tab. */
  | 'TRANSFER_OFFERED'
  | 'TRANSFERRED'
  | 'RELEASED'
  | 'BACK_IN_QUEUE'
  | 'USER_CANCELLED'
  | 'USER_LEFT'
  | 'USER_RETURNED'
  /** Issue 15: the end user is asked "Are you still there?" (the agent: that they were asked). */
  | 'USER_INACTIVITY_WARNED'
  | 'TICKET_CREATED'
  | 'TICKET_RESOLVED'
  | 'TICKET_CANCELLED'
  | 'REMOTE_CONTROL_LINK'
  | 'REMOTE_CONTROL_REQUESTED'
  | 'SESSION_ENDED'
  | 'SESSION_ABANDONED'
  /** Issue 16: a supervisor took the chat over (to the former owner; the supervisor gets ASSIGNED_TO_YOU). */
  | 'TAKEN_OVER'
  /** Issue 16: a supervisor's note to the owning agent (text: the note). */
  | 'WHISPER'
  /** Issue 16: an agent asks the supervisors of the chat's queue for help (to them, and to the agent). */
  | 'HELP_REQUESTED'
  /** Issue 16: the help flag is down (to the supervisors of the queue and the agent). */
  | 'HELP_LOWERED'
  /** Issue 16 (ADR 24): an invitation into a chat (to the invitee; text: who and the note). */
  | 'INVITED'
  /** Issue 16: an invitation ended without a join (to the invitee and the owner). */
  | 'INVITE_ENDED'
  /** Issue 16: an agent joined the chat besides its owner (to the end user, the owner and the agent). */
  | 'PARTICIPANT_JOINED'
  /** Issue 16: a participant is out of the chat (to the end user, the owner and the agent). */
  | 'PARTICIPANT_LEFT'
  /** Issue 16: a consult between the agents of a chat (to the owner; participants get the event). */
  | 'CONSULT'
  /** Issue 15: the chat waited too long and moved to another queue. */
  | 'QUEUE_OVERFLOWED'
  /** Issue 15: the chat waited its queue's maximum; the end user may leave a message or keep waiting. */
  | 'LONG_WAIT'
  /** Issue 15: the end user keeps waiting. */
  | 'KEPT_WAITING'
  /** Issue 15: the end user's message is an open ticket. */
  | 'MESSAGE_LEFT';

export interface Notification {
  readonly audience: Audience;
  readonly notice: NoticeCode;
  readonly text: string;
  readonly sessionId: string;
  /** Sequence number of the event: clients apply notifications of a session in seq order. */
  readonly seq: number;
  readonly event: SessionEvent;
}

/**
 * What `notificationsFor` reads of the session: a part of its summary, so the
 * summary a chat event carries (`ChatEventMessage['session']`) is enough.
 */
export type NotifiedSession = Pick<SessionState, 'endUserId' | 'ownerAgentId' | 'transferTargetAgentId'>;

/**
 * The notifications an event implies, as data. Each gateway computes them for
 * every chat event it receives (FanoutService) and delivers those addressed to
 * sockets connected to it. `state` is the session after the event (the summary
 * the chat event message carries). From it only the end user and the agent now
 * holding the session are read; events carry who was involved before a change
 * (previous owner, transfer target).
 *
 * Side notes and whispers are never addressed to the end user (R13, issue 16).
 */
export function notificationsFor(event: SessionEvent, state: NotifiedSession): Notification[] {
  const out: Notification[] = [];
  const add = (audience: Audience, notice: NoticeCode, text: string) =>
    out.push({ audience, notice, text, sessionId: event.sessionId, seq: event.seq, event });
  const endUser: Audience = { to: 'endUser', endUserId: state.endUserId };
  const agent = (agentId: string): Audience => ({ to: 'agent', agentId });
  // The agent currently holding the session: owner, or owner-to-be while a transfer is pending.
  const holder = state.ownerAgentId ?? state.transferTargetAgentId;

  switch (event.type) {
    case 'SessionStarted':
      add(endUser, 'SESSION_STARTED', 'Your request was received. An agent will be with you shortly.');
      break;
    case 'MessagePosted':
      add(endUser, 'MESSAGE', event.text);
      if (holder !== undefined) add(agent(holder), 'MESSAGE', event.text);
      break;
    case 'AttachmentPosted':
      add(endUser, 'ATTACHMENT', event.attachment.name);
      if (holder !== undefined) add(agent(holder), 'ATTACHMENT', event.attachment.name);
      break;
    case 'SideNoteAdded':
      // Agents only; during a transfer the note is for the target.
      if (holder !== undefined) add(agent(holder), 'SIDE_NOTE', event.text);
      break;
    case 'SessionAssigned':
      add(endUser, 'AGENT_JOINED', `${event.agentName} is online.`);
      add(agent(event.agentId), 'ASSIGNED_TO_YOU', 'The chat is in your My Chats.');
      break;
    case 'TransferRequested':
      add(endUser, 'TRANSFERRED', `Your chat is being transferred to ${event.toAgentName}.`);
      add(agent(event.fromAgentId), 'REMOVED_FROM_YOU', `Chat transferred to ${event.toAgentName}.`);
      add(agent(event.toAgentId), 'TRANSFER_OFFERED', `${event.fromAgentName} transferred a chat to you.`);
      break;
    case 'TransferredToQueue':
      add(endUser, 'TRANSFERRED', 'Your chat was transferred to another support team. An agent will be with you shortly.');
      add(agent(event.fromAgentId), 'REMOVED_FROM_YOU', `Chat transferred to queue ${event.toQueue}.`);
      break;
    case 'SessionReleased':
      add(endUser, 'RELEASED', 'Your chat was released for reassignment. Another agent will be with you shortly.');
      add(agent(event.agentId), 'REMOVED_FROM_YOU', 'Chat released.');
      break;
    case 'ChatOffered':
      add(agent(event.agentId), 'CHAT_OFFERED', `A chat is offered to you until ${event.expiresAt}.`);
      break;
    case 'OfferDeclined':
      add(agent(event.agentId), 'OFFER_WITHDRAWN', `You declined the chat (${event.reason}).`);
      break;
    case 'OfferWithdrawn':
      add(agent(event.agentId), 'OFFER_WITHDRAWN', 'The offer was withdrawn: you are no longer online.');
      break;
    case 'OfferLapsed':
      add(agent(event.agentId), 'OFFER_WITHDRAWN', 'The offer expired; you are now Not responding and get no new chats until you come back.');
      break;
    // Issue 15: the end user's wait; the agents' lists show the new priority from the summary.
    case 'WaitEstimated':
      add(endUser, 'WAIT_ESTIMATE', waitText(event.minSeconds, event.maxSeconds));
      break;
    case 'PriorityRaised':
      break;
    case 'DispositionRecorded':
      add(agent(event.agentId), 'DISPOSITION_RECORDED', `Disposition recorded: ${event.code}.`);
      break;
    case 'ChatRated':
      add(endUser, 'CHAT_RATED', 'Thank you for rating this chat.');
      break;
    case 'FirstReplyMissed':
      add(endUser, 'BACK_IN_QUEUE', 'Your agent could not reply in time, so your chat went back to the queue. Another agent will be with you shortly.');
      add(agent(event.agentId), 'REMOVED_FROM_YOU', 'Chat taken back: no first reply in time. It goes to another agent.');
      break;
    case 'TransferReverted':
      add(endUser, 'BACK_IN_QUEUE', 'Your chat is waiting for an agent again. An agent will be with you shortly.');
      add(agent(event.targetAgentId), 'REMOVED_FROM_YOU', 'A chat transferred to you went back to the queue.');
      break;
    case 'UserCancelled':
      add(endUser, 'USER_CANCELLED', 'You cancelled the chat.');
      if (holder !== undefined) add(agent(holder), 'USER_CANCELLED', 'End user has cancelled chat.');
      break;
    case 'UserLeft':
      if (holder !== undefined) add(agent(holder), 'USER_LEFT', 'The end user has left the chat.');
      break;
    case 'UserReturned':
      if (holder !== undefined) add(agent(holder), 'USER_RETURNED', 'The end user is back.');
      break;
    case 'UserInactivityWarned':
      add(endUser, 'USER_INACTIVITY_WARNED', event.closesAt !== undefined ? 'Are you still there? Reply to keep the chat open.' : 'Are you still there?');
      if (holder !== undefined) add(agent(holder), 'USER_INACTIVITY_WARNED', 'The end user was asked whether they are still there.');
      break;
    case 'TicketCreated':
      add(endUser, 'TICKET_CREATED', `Ticket ${event.ticketId} was created for your request.`);
      add(agent(event.agentId), 'TICKET_CREATED', `Ticket ${event.ticketId} created.`);
      break;
    case 'TicketResolved':
      add(endUser, 'TICKET_RESOLVED', `Ticket ${event.ticketId} was resolved.`);
      if (event.by.role === 'agent') add(agent(event.by.id), 'TICKET_RESOLVED', `Ticket ${event.ticketId} resolved.`);
      break;
    case 'TicketCancelled':
      add(endUser, 'TICKET_CANCELLED', `Ticket ${event.ticketId} was cancelled.`);
      if (event.by.role === 'agent') add(agent(event.by.id), 'TICKET_CANCELLED', `Ticket ${event.ticketId} cancelled.`);
      break;
    case 'RemoteControlRequested':
      add(agent(event.agentId), 'REMOTE_CONTROL_LINK', event.url);
      add(endUser, 'REMOTE_CONTROL_REQUESTED', 'The agent asked to take remote control of your device.');
      break;
    case 'QueueOverflowed':
      add(endUser, 'QUEUE_OVERFLOWED', 'All agents of this desk are busy: your chat moved to another desk so that you are answered sooner.');
      break;
    case 'LongWaitOffered':
      add(endUser, 'LONG_WAIT', 'Sorry for the wait: all agents are busy. You can leave us a message and we will get back to you, or keep waiting.');
      break;
    case 'KeptWaiting':
      add(endUser, 'KEPT_WAITING', 'Thank you for waiting. An agent will be with you as soon as possible.');
      break;
    case 'MessageLeft':
      add(endUser, 'MESSAGE_LEFT', `Your message was left as ticket ${event.ticketId}. We will get back to you.`);
      break;
    case 'SessionClosed':
      add(
        endUser,
        'SESSION_ENDED',
        event.reason === 'userCancelled' ? 'You cancelled the chat.' : event.reason === 'userInactive' ? 'The chat was closed because we did not hear from you.' : event.reason === 'messageLeft' ? 'Thank you: your message was left for our team.' : 'The chat session has ended.',
      );
      if (event.agentId !== undefined) add(agent(event.agentId), 'SESSION_ENDED', closedForAgent(event.reason));
      if (event.transferTargetAgentId !== undefined) {
        add(agent(event.transferTargetAgentId), 'REMOVED_FROM_YOU', 'A chat transferred to you was closed.');
      }
      break;
    case 'SessionAbandoned':
      add(endUser, 'SESSION_ABANDONED', 'The chat session has ended.');
      add(agent(event.agentId), 'SESSION_ABANDONED', 'Chat marked abandoned.');
      break;
    case 'SessionTakenOver':
      add(endUser, 'AGENT_JOINED', `${event.agentName} is now helping you.`);
      add(agent(event.fromAgentId), 'TAKEN_OVER', `${event.agentName} (supervisor) took this chat over.`);
      add(agent(event.agentId), 'ASSIGNED_TO_YOU', 'The chat is in your My Chats.');
      break;
    case 'HelpFlagRaised':
      add({ to: 'supervisors', queue: event.queue }, 'HELP_REQUESTED', `${event.agentName} asks for help${event.note ? `: ${event.note}` : '.'}`);
      add(agent(event.agentId), 'HELP_REQUESTED', 'The supervisors of the queue were alerted.');
      break;
    case 'HelpFlagLowered':
      add({ to: 'supervisors', queue: event.queue }, 'HELP_LOWERED', 'The help flag is down.');
      add(agent(event.agentId), 'HELP_LOWERED', 'Your help flag is down.');
      break;
    case 'AgentInvited':
      add(agent(event.agentId), 'INVITED', `${event.fromAgentName} invites you into a chat${event.note ? `: ${event.note}` : '.'}`);
      break;
    case 'InviteEnded':
      add(agent(event.agentId), 'INVITE_ENDED', event.reason === 'declined' ? 'You declined the invitation.' : 'The invitation was cancelled.');
      if (state.ownerAgentId !== undefined) add(agent(state.ownerAgentId), 'INVITE_ENDED', event.reason === 'declined' ? `${event.agentName} declined your invitation.` : `You cancelled the invitation of ${event.agentName}.`);
      break;
    case 'ParticipantJoined':
      add(endUser, 'PARTICIPANT_JOINED', `${event.agentName} joined the chat.`);
      add(agent(event.agentId), 'PARTICIPANT_JOINED', 'You joined the chat.');
      if (state.ownerAgentId !== undefined) add(agent(state.ownerAgentId), 'PARTICIPANT_JOINED', `${event.agentName} joined the chat${event.via === 'bargeIn' ? ' (supervisor)' : ''}.`);
      break;
    case 'ParticipantLeft':
      add(endUser, 'PARTICIPANT_LEFT', `${event.agentName} left the chat.`);
      add(agent(event.agentId), 'PARTICIPANT_LEFT', event.reason === 'removed' ? 'You were removed from the chat.' : 'You left the chat.');
      if (state.ownerAgentId !== undefined) add(agent(state.ownerAgentId), 'PARTICIPANT_LEFT', `${event.agentName} left the chat.`);
      break;
    case 'ConsultAdded':
      // Agents only (issue 16): the owner is told; every participant receives the event itself.
      if (state.ownerAgentId !== undefined) add(agent(state.ownerAgentId), 'CONSULT', event.text);
      break;
    case 'WhisperAdded':
      // Agents only (issue 16): the owning agent; the supervisor sees it as its author.
      add(agent(event.toAgentId), 'WHISPER', event.text);
      break;
  }
  return out;
}

/** What the agent who had a chat is told of its close (issue 15: the deadlines say why). */
function closedForAgent(reason: Extract<SessionEvent, { type: 'SessionClosed' }>['reason']): string {
  switch (reason) {
    case 'userInactive':
      return 'Chat closed: the end user did not answer.';
    case 'userLeft':
      return 'Chat closed: the end user left and did not come back.';
    default:
      return 'The chat session has ended.';
  }
}
