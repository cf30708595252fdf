import type { SessionCommandMessage } from '@switchboard/contracts';

/**
 * Commands to one chat session. Defined once, by the zod schemas of
 * `@switchboard/contracts` (chat/commands.schema.ts, with the doc of each
 * command); the domain uses their inferred types through a type-only import,
 * erased at run time (ADR 7). Every command carries a `commandId` chosen by
 * the issuer (A3: a retry with the same id returns the first outcome) and the
 * `actor` who issued it, as authenticated by the gateway.
 *
 * Commands are validated at the edges (the chat actor's NATS subscription, the
 * gateway's WebSocket frames), never again here: `decide` trusts their shape.
 */
export type SessionCommand = ReadonlyEach<SessionCommandMessage>;

type ReadonlyEach<T> = T extends unknown ? Readonly<T> : never;
type CommandOf<T extends SessionCommand['type']> = Extract<SessionCommand, { readonly type: T }>;

/** R1, end user. `requestId` is client-chosen: a repeated start returns the first session (R1.1). */
export type StartSession = CommandOf<'StartSession'>;
/** R3, agent: from the Queue tab (QUEUED) or the Transferred tab (PENDING_TRANSFER to them). */
export type AcceptSession = CommandOf<'AcceptSession'>;
/** R4, system (router): the router proposes, the session's actor checks again and decides. */
export type AutoAssign = CommandOf<'AutoAssign'>;
/** R5, owning agent. */
export type TransferToAgent = CommandOf<'TransferToAgent'>;
/** R7, owning agent. */
export type TransferToQueue = CommandOf<'TransferToQueue'>;
/** R8, owning agent. */
export type ReleaseSession = CommandOf<'ReleaseSession'>;
/** R9, owning agent. */
export type EndChat = CommandOf<'EndChat'>;
/** R10, owning agent. */
export type AbandonSession = CommandOf<'AbandonSession'>;
/** R11, end user. */
export type CancelByUser = CommandOf<'CancelByUser'>;
/** R12, system (gateway, after the grace period) or the end user's own client. */
export type MarkUserLeft = CommandOf<'MarkUserLeft'>;
export type MarkUserReturned = CommandOf<'MarkUserReturned'>;
/** End user or owning agent. */
export type PostMessage = CommandOf<'PostMessage'>;
/** End user or owning agent: a file the gateway already stored. */
export type PostAttachment = CommandOf<'PostAttachment'>;
/** Owning agent; for agents only (R13). */
export type AddSideNote = CommandOf<'AddSideNote'>;
/** R14, owning agent. The ticket id comes from `ctx.newIds.ticketId`. */
export type CreateTicket = CommandOf<'CreateTicket'>;
/** R16, owning agent. */
export type RequestControl = CommandOf<'RequestControl'>;
/** R17, administrator. */
export type ForceClose = CommandOf<'ForceClose'>;
/** R5.4, system (router): the transfer target went offline before accepting; issue 14: or the agent of a pending offer left. */
export type TargetWentOffline = CommandOf<'TargetWentOffline'>;
/** System (the partition's owner, ADR 13): a deadline the session holds came. */
export type DeadlineReached = CommandOf<'DeadlineReached'>;
/** Issue 15, end user: a message (ticket) instead of waiting. */
export type LeaveMessage = CommandOf<'LeaveMessage'>;
/** Issue 15, end user: keep waiting after the maximum wait. */
export type KeepWaiting = CommandOf<'KeepWaiting'>;
/** Issue 14, the offered agent. */
export type AcceptOffer = CommandOf<'AcceptOffer'>;
export type DeclineOffer = CommandOf<'DeclineOffer'>;
/** Issue 14, the agent who ended or abandoned the chat: its disposition (wrap-up). */
export type RecordDisposition = CommandOf<'RecordDisposition'>;
/** Issue 15, agent who may see the waiting chat, or administrator. */
export type RaisePriority = CommandOf<'RaisePriority'>;
/** Issue 15, system (router): the wait estimate of the chat's stay in its queue. */
export type RecordWaitEstimate = CommandOf<'RecordWaitEstimate'>;
/** Issue 16, a supervisor of the chat's queue: the chat becomes theirs (once, whoever else tries at the same time). */
export type TakeOver = CommandOf<'TakeOver'>;
/** Issue 16, a supervisor of the chat's queue: a note for the owning agent only. */
export type Whisper = CommandOf<'Whisper'>;
/** Issue 16, the owning agent: ask the queue's supervisors for help. */
export type RaiseHelpFlag = CommandOf<'RaiseHelpFlag'>;
/** Issue 16, the owning agent or a supervisor of the queue. */
export type LowerHelpFlag = CommandOf<'LowerHelpFlag'>;
/** Issue 16 (ADR 24): participants besides the owner. */
export type InviteAgent = CommandOf<'InviteAgent'>;
export type AcceptInvite = CommandOf<'AcceptInvite'>;
export type DeclineInvite = CommandOf<'DeclineInvite'>;
export type CancelInvite = CommandOf<'CancelInvite'>;
export type BargeIn = CommandOf<'BargeIn'>;
export type Consult = CommandOf<'Consult'>;
export type LeaveChat = CommandOf<'LeaveChat'>;
export type RemoveParticipant = CommandOf<'RemoveParticipant'>;

/** Issue 17, the chat's end user after the end: its satisfaction rating, once. */
export type RateChat = CommandOf<'RateChat'>;

export type SessionCommandType = SessionCommand['type'];

/** Every command type (the architecture test checks the list is complete). */
export const SESSION_COMMAND_TYPES = [
  'StartSession',
  'AcceptSession',
  'AutoAssign',
  'TransferToAgent',
  'TransferToQueue',
  'ReleaseSession',
  'EndChat',
  'AbandonSession',
  'CancelByUser',
  'MarkUserLeft',
  'MarkUserReturned',
  'PostMessage',
  'PostAttachment',
  'AddSideNote',
  'CreateTicket',
  'RequestControl',
  'ForceClose',
  'TargetWentOffline',
  'DeadlineReached',
  'AcceptOffer',
  'DeclineOffer',
  'RecordDisposition',
  'RaisePriority',
  'RecordWaitEstimate',
  'TakeOver',
  'Whisper',
  'RaiseHelpFlag',
  'LowerHelpFlag',
  'InviteAgent',
  'AcceptInvite',
  'DeclineInvite',
  'CancelInvite',
  'BargeIn',
  'Consult',
  'LeaveChat',
  'RemoveParticipant',
  'LeaveMessage',
  'KeepWaiting',
  'RateChat',
] as const satisfies readonly SessionCommandType[];
