import type { SessionEventBaseMessage, SessionEventMessage } from '@switchboard/contracts';

/**
 * Domain events of a chat session. Defined once, by the zod schemas of
 * `@switchboard/contracts` (chat/events.schema.ts, with the doc of each event
 * and field); the domain uses their inferred types through a type-only
 * import, erased at run time (ADR 7).
 *
 * Each event is one entry of the session's history (R13): the history *is* the
 * event log, so nothing is kept twice and the order of history is the order of
 * events. `seq` is the per-session sequence number (1, 2, 3... without gaps);
 * `commandId` names the command that produced the event (idempotency, A3);
 * `by` is who issued that command.
 */
export type SessionEvent = ReadonlyEach<SessionEventMessage>;

type ReadonlyEach<T> = T extends unknown ? Readonly<T> : never;
type EventOf<T extends SessionEvent['type']> = Extract<SessionEvent, { readonly type: T }>;

/** The fields `decide` stamps on every event. */
type EventBase = SessionEventBaseMessage;

/** R1. */
export type SessionStarted = EventOf<'SessionStarted'>;
export type MessagePosted = EventOf<'MessagePosted'>;
/** A file or screenshot, in order with the messages (the reference; the bytes are in the attachment store). */
export type AttachmentPosted = EventOf<'AttachmentPosted'>;
/** Agents only: never shown or sent to the end user (R13). */
export type SideNoteAdded = EventOf<'SideNoteAdded'>;
/** R3 (accept from Queue or Transferred tab) and R4 (automatic). */
export type SessionAssigned = EventOf<'SessionAssigned'>;
/** R5: ASSIGNED -> PENDING_TRANSFER. */
export type TransferRequested = EventOf<'TransferRequested'>;
/** R7: ASSIGNED -> QUEUED in another queue. */
export type TransferredToQueue = EventOf<'TransferredToQueue'>;
/** R8: ASSIGNED -> QUEUED in the same queue. */
export type SessionReleased = EventOf<'SessionReleased'>;
/** R5.4: the transfer target went offline before accepting: PENDING_TRANSFER -> QUEUED. */
export type TransferReverted = EventOf<'TransferReverted'>;
/** R11: flags the session; a QUEUED session is then closed by a `SessionClosed` event. */
export type UserCancelled = EventOf<'UserCancelled'>;
/** R12. */
export type UserLeft = EventOf<'UserLeft'>;
export type UserReturned = EventOf<'UserReturned'>;
/** Issue 15: the end user left the agent unanswered and is asked whether they are still there. */
export type UserInactivityWarned = EventOf<'UserInactivityWarned'>;
/** R14. */
export type TicketCreated = EventOf<'TicketCreated'>;
/** R9.1: resolve and end. */
export type TicketResolved = EventOf<'TicketResolved'>;
/** R10: the ticket is cancelled before the session is abandoned. */
export type TicketCancelled = EventOf<'TicketCancelled'>;
/** R16. */
export type RemoteControlRequested = EventOf<'RemoteControlRequested'>;
/** The session became CLOSED (R9, R11.1, R17). */
export type SessionClosed = EventOf<'SessionClosed'>;
/** R10. */
export type SessionAbandoned = EventOf<'SessionAbandoned'>;
/** No first reply by the deadline: ASSIGNED -> QUEUED, never back to that agent. */
export type FirstReplyMissed = EventOf<'FirstReplyMissed'>;
/** Issue 14: offers. */
export type ChatOffered = EventOf<'ChatOffered'>;
export type OfferDeclined = EventOf<'OfferDeclined'>;
export type OfferLapsed = EventOf<'OfferLapsed'>;
export type OfferWithdrawn = EventOf<'OfferWithdrawn'>;
/** Issue 14: wrap-up. */
export type DispositionRecorded = EventOf<'DispositionRecorded'>;
/** Issue 15: priority and the wait estimate. */
export type PriorityRaised = EventOf<'PriorityRaised'>;
export type WaitEstimated = EventOf<'WaitEstimated'>;
/** Issue 16: supervisors. */
export type SessionTakenOver = EventOf<'SessionTakenOver'>;
export type WhisperAdded = EventOf<'WhisperAdded'>;
export type HelpFlagRaised = EventOf<'HelpFlagRaised'>;
export type HelpFlagLowered = EventOf<'HelpFlagLowered'>;
/** Issue 16 (ADR 24): participants besides the owner. */
export type AgentInvited = EventOf<'AgentInvited'>;
export type InviteEnded = EventOf<'InviteEnded'>;
export type ParticipantJoined = EventOf<'ParticipantJoined'>;
export type ParticipantLeft = EventOf<'ParticipantLeft'>;
export type ConsultAdded = EventOf<'ConsultAdded'>;
/** Issue 17: the end user's satisfaction rating. */
export type ChatRated = EventOf<'ChatRated'>;

/** Issue 15, maximum wait: moved to the overflow queue. */
export type QueueOverflowed = EventOf<'QueueOverflowed'>;
/** Issue 15: the end user may leave a message or keep waiting. */
export type LongWaitOffered = EventOf<'LongWaitOffered'>;
export type KeptWaiting = EventOf<'KeptWaiting'>;
/** Issue 15: the end user's message, an open ticket; the session closes. */
export type MessageLeft = EventOf<'MessageLeft'>;

export type SessionEventType = SessionEvent['type'];

/** Every event type (the architecture test checks the list is complete). */
export const SESSION_EVENT_TYPES = [
  'SessionStarted',
  'MessagePosted',
  'AttachmentPosted',
  'SideNoteAdded',
  'SessionAssigned',
  'TransferRequested',
  'TransferredToQueue',
  'SessionReleased',
  'TransferReverted',
  'UserCancelled',
  'UserLeft',
  'UserReturned',
  'UserInactivityWarned',
  'TicketCreated',
  'TicketResolved',
  'TicketCancelled',
  'RemoteControlRequested',
  'SessionClosed',
  'SessionAbandoned',
  'FirstReplyMissed',
  'ChatOffered',
  'OfferDeclined',
  'OfferLapsed',
  'OfferWithdrawn',
  'DispositionRecorded',
  'PriorityRaised',
  'WaitEstimated',
  'SessionTakenOver',
  'WhisperAdded',
  'HelpFlagRaised',
  'HelpFlagLowered',
  'AgentInvited',
  'InviteEnded',
  'ParticipantJoined',
  'ParticipantLeft',
  'ConsultAdded',
  'QueueOverflowed',
  'LongWaitOffered',
  'KeptWaiting',
  'MessageLeft',
  'ChatRated',
] as const satisfies readonly SessionEventType[];

/** The payload of an event without the fields `decide` stamps on every event. */
export type EventPayload<E extends SessionEvent = SessionEvent> = E extends SessionEvent
  ? Omit<E, keyof EventBase>
  : never;
