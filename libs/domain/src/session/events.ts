import type { Actor, IsoTime } from './types';

/**
 * Domain events of a chat session. Each event is one entry of the session's
 * history (R13): the history *is* the event log, so nothing is kept twice and
 * the order of history is the order of events. `seq` is the per-session
 * sequence number (1, 2, 3... without gaps); `commandId` names the command that
 * produced the event (idempotency, A3); `by` is who issued that command.
 */
interface EventBase {
  readonly seq: number;
  readonly at: IsoTime;
  readonly sessionId: string;
  readonly commandId: string;
  readonly by: Actor;
}

/** R1. */
export interface SessionStarted extends EventBase {
  readonly type: 'SessionStarted';
  readonly endUserId: string;
  readonly endUserName?: string;
  readonly companyId: string;
  readonly requestId: string;
  readonly description: string;
  readonly queue: string;
  readonly topic?: string;
}

export interface MessagePosted extends EventBase {
  readonly type: 'MessagePosted';
  readonly from: 'endUser' | 'agent';
  readonly authorId: string;
  readonly authorName?: string;
  readonly text: string;
}

/** Agents only: never shown or sent to the end user (R13). */
export interface SideNoteAdded extends EventBase {
  readonly type: 'SideNoteAdded';
  readonly authorId: string;
  readonly authorName: string;
  readonly text: string;
}

/** R3 (accept from Queue or Transferred tab) and R4 (automatic). */
export interface SessionAssigned extends EventBase {
  readonly type: 'SessionAssigned';
  readonly agentId: string;
  readonly agentName: string;
  readonly via: 'accept' | 'transfer' | 'autoAssign';
  /** For `via: 'transfer'`: the agent who initiated the transfer. */
  readonly fromAgentId?: string;
}

/** R5: ASSIGNED -> PENDING_TRANSFER. */
export interface TransferRequested extends EventBase {
  readonly type: 'TransferRequested';
  readonly fromAgentId: string;
  readonly fromAgentName: string;
  readonly toAgentId: string;
  readonly toAgentName: string;
}

/** R7: ASSIGNED -> QUEUED in another queue. */
export interface TransferredToQueue extends EventBase {
  readonly type: 'TransferredToQueue';
  readonly fromAgentId: string;
  readonly fromAgentName: string;
  readonly fromQueue: string;
  readonly toQueue: string;
}

/** R8: ASSIGNED -> QUEUED in the same queue. */
export interface SessionReleased extends EventBase {
  readonly type: 'SessionReleased';
  readonly agentId: string;
  readonly agentName: string;
  readonly queue: string;
}

/** R5.4: the transfer target went offline before accepting: PENDING_TRANSFER -> QUEUED. */
export interface TransferReverted extends EventBase {
  readonly type: 'TransferReverted';
  readonly reason: 'targetOffline';
  readonly targetAgentId: string;
  readonly fromAgentId?: string;
  readonly queue: string;
}

/** R11: flags the session; a QUEUED session is then closed by a `SessionClosed` event. */
export interface UserCancelled extends EventBase {
  readonly type: 'UserCancelled';
}

/** R12. */
export interface UserLeft extends EventBase {
  readonly type: 'UserLeft';
}

export interface UserReturned extends EventBase {
  readonly type: 'UserReturned';
}

/** R14. */
export interface TicketCreated extends EventBase {
  readonly type: 'TicketCreated';
  readonly ticketId: string;
  readonly summary: string;
  readonly endUserId: string;
  readonly companyId: string;
  readonly agentId: string;
}

/** R9.1: resolve and end. */
export interface TicketResolved extends EventBase {
  readonly type: 'TicketResolved';
  readonly ticketId: string;
}

/** R10: the ticket is cancelled before the session is abandoned. */
export interface TicketCancelled extends EventBase {
  readonly type: 'TicketCancelled';
  readonly ticketId: string;
}

/** R16. */
export interface RemoteControlRequested extends EventBase {
  readonly type: 'RemoteControlRequested';
  readonly agentId: string;
  readonly assetId: string;
  readonly deviceId: string;
  readonly url: string;
}

/**
 * The session became CLOSED: ended by its agent (R9), cancelled by the end user
 * while not assigned (R11.1), or force-closed by an administrator (R17).
 * Carries who was involved before the close so that notifications need no
 * earlier state.
 */
export interface SessionClosed extends EventBase {
  readonly type: 'SessionClosed';
  readonly reason: 'agentEnded' | 'userCancelled' | 'forceClosed';
  readonly previousStatus: 'QUEUED' | 'ASSIGNED' | 'PENDING_TRANSFER';
  readonly agentId?: string;
  readonly transferTargetAgentId?: string;
  readonly queue: string;
  readonly comment?: string;
}

/** R10. */
export interface SessionAbandoned extends EventBase {
  readonly type: 'SessionAbandoned';
  readonly agentId: string;
  readonly agentName: string;
}

export type SessionEvent =
  | SessionStarted
  | MessagePosted
  | SideNoteAdded
  | SessionAssigned
  | TransferRequested
  | TransferredToQueue
  | SessionReleased
  | TransferReverted
  | UserCancelled
  | UserLeft
  | UserReturned
  | TicketCreated
  | TicketResolved
  | TicketCancelled
  | RemoteControlRequested
  | SessionClosed
  | SessionAbandoned;

export type SessionEventType = SessionEvent['type'];

export const SESSION_EVENT_TYPES = [
  'SessionStarted',
  'MessagePosted',
  'SideNoteAdded',
  'SessionAssigned',
  'TransferRequested',
  'TransferredToQueue',
  'SessionReleased',
  'TransferReverted',
  'UserCancelled',
  'UserLeft',
  'UserReturned',
  'TicketCreated',
  'TicketResolved',
  'TicketCancelled',
  'RemoteControlRequested',
  'SessionClosed',
  'SessionAbandoned',
] as const satisfies readonly SessionEventType[];

/** The payload of an event without the fields `decide` stamps on every event. */
export type EventPayload<E extends SessionEvent = SessionEvent> = E extends SessionEvent
  ? Omit<E, keyof EventBase>
  : never;
