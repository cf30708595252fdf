import { z } from 'zod';
import { attachmentRefSchema } from '../attachments/attachments.schema';
import { actorSchema } from './actor.schema';
import { MAX_ESTIMATE_SECONDS, prioritySchema } from './session.schema';

/**
 * Domain events of a chat session: the single definition (the domain uses the
 * inferred types, ADR 7), as the chat actor stores them, publishes them on the
 * chat event stream and returns them in its replies.
 *
 * Each event is one entry of the session's history (R13): the history *is*
 * the event log, so nothing is kept twice and the order of history is the
 * order of events. Unknown keys are dropped when an event is parsed; every
 * field a consumer reads is listed here.
 */
const eventBase = {
  /** The per-session sequence number (1, 2, 3... without gaps). */
  seq: z.number().int().positive(),
  /** When the command was decided (ISO-8601 UTC). */
  at: z.string(),
  sessionId: z.string(),
  /** The command that produced the event (idempotency, A3). */
  commandId: z.string(),
  /** Who issued that command. */
  by: actorSchema,
};

/**
 * What was masked in an event's text before it was stored: `card` (a card
 * number that passed the Luhn check), `pattern` (a pattern the administrator
 * set in the settings). Absent when nothing was; the unmasked text is never
 * stored, so this is how the sender learns that the text changed.
 */
export const maskedKindSchema = z.enum(['card', 'pattern']);
export type MaskedKind = z.infer<typeof maskedKindSchema>;
const masked = z.array(maskedKindSchema).optional();

/** The fields the domain stamps on every event (`seq`, `at`, `sessionId`, `commandId`, `by`). */
export const sessionEventBaseSchema = z.object(eventBase);
export type SessionEventBaseMessage = z.infer<typeof sessionEventBaseSchema>;

/** R1. */
export const sessionStartedSchema = z.object({
  ...eventBase,
  type: z.literal('SessionStarted'),
  endUserId: z.string(),
  endUserName: z.string().optional(),
  companyId: z.string(),
  requestId: z.string(),
  description: z.string(),
  /** What was masked in `description`. */
  masked,
  queue: z.string(),
  topic: z.string().optional(),
  /** Issue 15: the highest priority of the end user, their company and the topic; absent = 0 (normal). */
  priority: prioritySchema.optional(),
  /** Issue 15: when the queue's maximum wait runs out (its `maxWaitSeconds`); arms the `maxWait` deadline. */
  maxWaitDueAt: z.string().optional(),
});

/**
 * End-user inactivity (issue 15), on a message or file from the agent who
 * has the chat: the end user is expected to answer. `inactivityWarnAt`: when
 * they are asked whether they are still there if they have not (arms the
 * `userInactivityWarn` deadline); `inactivityCloseAt`, only when the queue
 * has no warning: when the chat closes. Both absent when the queue has
 * neither; any message or file from the end user clears them.
 */
const awaitsAnswer = {
  inactivityWarnAt: z.string().optional(),
  inactivityCloseAt: z.string().optional(),
};

export const messagePostedSchema = z.object({
  ...eventBase,
  type: z.literal('MessagePosted'),
  from: z.enum(['endUser', 'agent']),
  authorId: z.string(),
  authorName: z.string().optional(),
  text: z.string(),
  /** What was masked in `text`. */
  masked,
  ...awaitsAnswer,
});

/**
 * A file or screenshot in the chat, in order with the messages: the reference
 * only (id, name, type found in the content, size); the bytes stay in the
 * attachment store and are fetched through a signed link.
 */
export const attachmentPostedSchema = z.object({
  ...eventBase,
  type: z.literal('AttachmentPosted'),
  from: z.enum(['endUser', 'agent']),
  authorId: z.string(),
  authorName: z.string().optional(),
  attachment: attachmentRefSchema,
  /** What was masked in the attachment's name. */
  masked,
  ...awaitsAnswer,
});

/** Agents only: never shown or sent to the end user (R13). */
export const sideNoteAddedSchema = z.object({
  ...eventBase,
  type: z.literal('SideNoteAdded'),
  authorId: z.string(),
  authorName: z.string(),
  text: z.string(),
  /** What was masked in `text`. */
  masked,
});

/** R3 (accept from Queue or Transferred tab) and R4 (automatic). */
export const sessionAssignedSchema = z.object({
  ...eventBase,
  type: z.literal('SessionAssigned'),
  agentId: z.string(),
  agentName: z.string(),
  via: z.enum(['accept', 'transfer', 'autoAssign', 'offer']),
  /** For `via: 'transfer'`: the agent who initiated the transfer. */
  fromAgentId: z.string().optional(),
  /**
   * When the agent must have written to the end user, by the queue's
   * first-reply limit (`firstReplySeconds`); absent when the queue has none.
   * Arms the session's `firstReply` deadline (ADR 13).
   */
  firstReplyDueAt: z.string().optional(),
});

/**
 * Wrap-up (issue 14), on the event that ends an agent's chat when its queue
 * has one: the agent gets no new chat until `wrapUpUntil`, or, with
 * `dispositionRequired`, until it records a disposition.
 */
function wrapUpFields() {
  return { wrapUpUntil: z.string().optional(), dispositionRequired: z.boolean().optional() };
}

/** Issue 14: the chat is offered to one agent, who accepts or declines before `expiresAt`; the session stays QUEUED. */
export const chatOfferedSchema = z.object({
  ...eventBase,
  type: z.literal('ChatOffered'),
  agentId: z.string(),
  agentName: z.string(),
  expiresAt: z.string(),
});

/** The offered agent declined, with one of the administrator's reasons; the chat is offered to someone else. */
export const offerDeclinedSchema = z.object({
  ...eventBase,
  type: z.literal('OfferDeclined'),
  agentId: z.string(),
  agentName: z.string(),
  reason: z.string(),
});

/** The offer's time ran out unanswered: the agent becomes Not responding; the chat is offered to someone else. */
export const offerLapsedSchema = z.object({
  ...eventBase,
  type: z.literal('OfferLapsed'),
  agentId: z.string(),
  agentName: z.string(),
  /** What the agent became (the administrator's `offerLapsePresence`); absent on events stored before it existed: notResponding. */
  presence: z.enum(['notResponding', 'away', 'offline']).optional(),
});

/** The offered agent went away or offline before answering (seen by the router): the offer is withdrawn at once. */
export const offerWithdrawnSchema = z.object({
  ...eventBase,
  type: z.literal('OfferWithdrawn'),
  agentId: z.string(),
  agentName: z.string(),
});

/**
 * No first reply: the agent did not write to the end user before the
 * session's `firstReply` deadline; ASSIGNED -> QUEUED in the same queue, and
 * the agent is never given this session again (`excludedAgentIds`). Shown to
 * the end user as a system message.
 */
export const firstReplyMissedSchema = z.object({
  ...eventBase,
  type: z.literal('FirstReplyMissed'),
  agentId: z.string(),
  agentName: z.string(),
  queue: z.string(),
});

/** R5: ASSIGNED -> PENDING_TRANSFER. */
export const transferRequestedSchema = z.object({
  ...eventBase,
  type: z.literal('TransferRequested'),
  fromAgentId: z.string(),
  fromAgentName: z.string(),
  toAgentId: z.string(),
  toAgentName: z.string(),
});

/** R7: ASSIGNED -> QUEUED in another queue. */
export const transferredToQueueSchema = z.object({
  ...eventBase,
  type: z.literal('TransferredToQueue'),
  fromAgentId: z.string(),
  fromAgentName: z.string(),
  fromQueue: z.string(),
  toQueue: z.string(),
});

/** R8: ASSIGNED -> QUEUED in the same queue. */
export const sessionReleasedSchema = z.object({
  ...eventBase,
  type: z.literal('SessionReleased'),
  agentId: z.string(),
  agentName: z.string(),
  queue: z.string(),
});

/** R5.4: the transfer target went offline before accepting: PENDING_TRANSFER -> QUEUED. */
export const transferRevertedSchema = z.object({
  ...eventBase,
  type: z.literal('TransferReverted'),
  reason: z.literal('targetOffline'),
  targetAgentId: z.string(),
  fromAgentId: z.string().optional(),
  queue: z.string(),
});

/** R11: flags the session; a QUEUED session is then closed by a `SessionClosed` event. */
export const userCancelledSchema = z.object({ ...eventBase, type: z.literal('UserCancelled') });

/**
 * R12. `closesAt` (issue 15): when the chat closes unless the end user comes
 * back first, by the queue's `userLeftCloseSeconds` (arms the `userLeft`
 * deadline); absent when the queue has none.
 */
export const userLeftSchema = z.object({ ...eventBase, type: z.literal('UserLeft'), closesAt: z.string().optional() });

/**
 * Issue 15: the end user did not answer the agent in time and is asked
 * whether they are still there (the widget shows the question, the agent a
 * system line). `closesAt`: when the chat closes unless the end user writes
 * first (arms the `userInactive` deadline); absent when the queue closes
 * nothing.
 */
export const userInactivityWarnedSchema = z.object({ ...eventBase, type: z.literal('UserInactivityWarned'), closesAt: z.string().optional() });

export const userReturnedSchema = z.object({ ...eventBase, type: z.literal('UserReturned') });

/** R14. */
export const ticketCreatedSchema = z.object({
  ...eventBase,
  type: z.literal('TicketCreated'),
  ticketId: z.string(),
  summary: z.string(),
  endUserId: z.string(),
  companyId: z.string(),
  agentId: z.string(),
});

/** R9.1: resolve and end. */
export const ticketResolvedSchema = z.object({ ...eventBase, type: z.literal('TicketResolved'), ticketId: z.string() });

/** R10: the ticket is cancelled before the session is abandoned. */
export const ticketCancelledSchema = z.object({ ...eventBase, type: z.literal('TicketCancelled'), ticketId: z.string() });

/** R16. */
export const remoteControlRequestedSchema = z.object({
  ...eventBase,
  type: z.literal('RemoteControlRequested'),
  agentId: z.string(),
  assetId: z.string(),
  deviceId: z.string(),
  url: z.string(),
});

/**
 * The session became CLOSED: ended by its agent (R9), cancelled by the end user
 * while not assigned (R11.1), force-closed by an administrator (R17), or
 * closed by its deadlines (issue 15): `userInactive`, the end user did not
 * answer the agent in time; `userLeft`, the end user marked as gone (R12)
 * did not come back in time.
 * Carries who was involved before the close so that notifications need no
 * earlier state.
 */
export const sessionClosedSchema = z.object({
  ...eventBase,
  type: z.literal('SessionClosed'),
  reason: z.enum(['agentEnded', 'userCancelled', 'forceClosed', 'userInactive', 'userLeft', 'messageLeft']),
  previousStatus: z.enum(['QUEUED', 'ASSIGNED', 'PENDING_TRANSFER']),
  agentId: z.string().optional(),
  transferTargetAgentId: z.string().optional(),
  queue: z.string(),
  comment: z.string().optional(),
  ...wrapUpFields(),
});

/** R10. */
export const sessionAbandonedSchema = z.object({
  ...eventBase,
  type: z.literal('SessionAbandoned'),
  agentId: z.string(),
  agentName: z.string(),
  ...wrapUpFields(),
});

/** Issue 14: the disposition code the agent who ended the chat picked during wrap-up. */
export const dispositionRecordedSchema = z.object({
  ...eventBase,
  type: z.literal('DispositionRecorded'),
  agentId: z.string(),
  code: z.string(),
});

/** Issue 15: an agent or administrator raised the priority of a waiting chat (agents only). */
export const priorityRaisedSchema = z.object({
  ...eventBase,
  type: z.literal('PriorityRaised'),
  /** The priority before (0 when the session had none). */
  from: prioritySchema,
  to: prioritySchema,
});

/**
 * Issue 15: how long the chat is expected to wait in its queue, a range in
 * seconds (shown to the end user as e.g. "about 2 to 4 minutes"), made by
 * the router from the queue's live capacity and recent handle times for the
 * stay in the queue that began at `queuedAt`.
 */
export const waitEstimatedSchema = z.object({
  ...eventBase,
  type: z.literal('WaitEstimated'),
  minSeconds: z.number().int().min(0).max(MAX_ESTIMATE_SECONDS),
  maxSeconds: z.number().int().min(0).max(MAX_ESTIMATE_SECONDS),
  queuedAt: z.string(),
});

/**
 * Issue 16: a supervisor of the chat's queue took the chat over from its
 * owner: it is theirs now (ASSIGNED stays ASSIGNED, the owner changes); the
 * former owner is told.
 */
export const sessionTakenOverSchema = z.object({
  ...eventBase,
  type: z.literal('SessionTakenOver'),
  fromAgentId: z.string(),
  fromAgentName: z.string(),
  agentId: z.string(),
  agentName: z.string(),
});

/** Issue 16, agents only (never sent or shown to the end user): a supervisor's note to the owning agent. */
export const whisperAddedSchema = z.object({
  ...eventBase,
  type: z.literal('WhisperAdded'),
  authorId: z.string(),
  authorName: z.string(),
  /** The owning agent it is for. */
  toAgentId: z.string(),
  text: z.string(),
  /** What was masked in `text`. */
  masked,
});

/** Issue 16, agents only: the owning agent asks the supervisors of the chat's queue for help. */
export const helpFlagRaisedSchema = z.object({
  ...eventBase,
  type: z.literal('HelpFlagRaised'),
  agentId: z.string(),
  agentName: z.string(),
  queue: z.string(),
  note: z.string().optional(),
});

/** Issue 16, agents only: the help flag is down, lowered by its agent or by a supervisor of the queue. */
export const helpFlagLoweredSchema = z.object({
  ...eventBase,
  type: z.literal('HelpFlagLowered'),
  /** The agent who had raised it. */
  agentId: z.string(),
  queue: z.string(),
});

/** Issue 16 (ADR 24), agents only: the owner invited `agentId` into the chat (pending until accepted, declined or cancelled). */
export const agentInvitedSchema = z.object({
  ...eventBase,
  type: z.literal('AgentInvited'),
  agentId: z.string(),
  agentName: z.string(),
  fromAgentId: z.string(),
  fromAgentName: z.string(),
  note: z.string().optional(),
  /** What was masked in `note`. */
  masked,
});

/** Issue 16, agents only: the invitation of `agentId` ended without a join (`declined` by them, `cancelled` by the owner). */
export const inviteEndedSchema = z.object({
  ...eventBase,
  type: z.literal('InviteEnded'),
  agentId: z.string(),
  agentName: z.string(),
  reason: z.enum(['declined', 'cancelled']),
});

/**
 * Issue 16: an agent besides the owner joined the conversation, seen by the
 * end user too (`invite`: an invited colleague accepted; `bargeIn`: a
 * supervisor of the queue stepped in).
 */
export const participantJoinedSchema = z.object({
  ...eventBase,
  type: z.literal('ParticipantJoined'),
  agentId: z.string(),
  agentName: z.string(),
  via: z.enum(['invite', 'bargeIn']),
});

/** Issue 16, seen by the end user too: a participant is out of the chat (`left` by themselves, `removed` by the owner). */
export const participantLeftSchema = z.object({
  ...eventBase,
  type: z.literal('ParticipantLeft'),
  agentId: z.string(),
  agentName: z.string(),
  reason: z.enum(['left', 'removed']),
});

/** Issue 16, agents only (never sent or shown to the end user): a consult between the owner and the participants. */
export const consultAddedSchema = z.object({
  ...eventBase,
  type: z.literal('ConsultAdded'),
  authorId: z.string(),
  authorName: z.string(),
  text: z.string(),
  /** What was masked in `text`. */
  masked,
});

/**
 * Issue 15, maximum wait: the chat waited its queue's `maxWaitSeconds` and
 * moves to the queue's overflow queue (still QUEUED, same `queuedAt`, once
 * per chat); `maxWaitDueAt`: the overflow queue's own maximum wait, if any.
 */
export const queueOverflowedSchema = z.object({
  ...eventBase,
  type: z.literal('QueueOverflowed'),
  fromQueue: z.string(),
  toQueue: z.string(),
  waitedSeconds: z.number().int().nonnegative(),
  maxWaitDueAt: z.string().optional(),
});

/**
 * Issue 15, maximum wait without overflow: the end user is told and offered
 * to leave a message (`LeaveMessage`) or keep waiting (`KeepWaiting`).
 */
export const longWaitOfferedSchema = z.object({ ...eventBase, type: z.literal('LongWaitOffered'), queue: z.string(), waitedSeconds: z.number().int().nonnegative() });

/** Issue 15: the end user keeps waiting; the maximum wait starts again (`maxWaitDueAt`). */
export const keptWaitingSchema = z.object({ ...eventBase, type: z.literal('KeptWaiting'), maxWaitDueAt: z.string().optional() });

/**
 * Issue 15: the end user left a message instead of chatting (`afterHours`:
 * at a start while the queue was closed; `longWait`: after waiting). It is
 * an open ticket linked to the session (R14), which `SessionClosed`
 * (`messageLeft`) then closes.
 */
export const messageLeftSchema = z.object({
  ...eventBase,
  type: z.literal('MessageLeft'),
  ticketId: z.string(),
  summary: z.string(),
  /** What was masked in `summary`. */
  masked,
  endUserId: z.string(),
  companyId: z.string(),
  queue: z.string(),
  reason: z.enum(['afterHours', 'longWait']),
});

/** Issue 17: the end user rated the chat after it ended (once); the comment is absent when they wrote none. */
export const chatRatedSchema = z.object({
  ...eventBase,
  type: z.literal('ChatRated'),
  endUserId: z.string(),
  score: z.number().int(),
  comment: z.string().optional(),
  /** What was masked in `comment`. */
  masked,
});

/** Every event of a chat session, told apart by `type`. */
export const sessionEventSchema = z.discriminatedUnion('type', [
  sessionStartedSchema,
  messagePostedSchema,
  attachmentPostedSchema,
  sideNoteAddedSchema,
  sessionAssignedSchema,
  transferRequestedSchema,
  transferredToQueueSchema,
  sessionReleasedSchema,
  transferRevertedSchema,
  userCancelledSchema,
  userLeftSchema,
  userReturnedSchema,
  userInactivityWarnedSchema,
  ticketCreatedSchema,
  ticketResolvedSchema,
  ticketCancelledSchema,
  remoteControlRequestedSchema,
  sessionClosedSchema,
  sessionAbandonedSchema,
  firstReplyMissedSchema,
  chatOfferedSchema,
  offerDeclinedSchema,
  offerLapsedSchema,
  offerWithdrawnSchema,
  dispositionRecordedSchema,
  priorityRaisedSchema,
  waitEstimatedSchema,
  sessionTakenOverSchema,
  whisperAddedSchema,
  helpFlagRaisedSchema,
  helpFlagLoweredSchema,
  agentInvitedSchema,
  inviteEndedSchema,
  participantJoinedSchema,
  participantLeftSchema,
  consultAddedSchema,
  queueOverflowedSchema,
  longWaitOfferedSchema,
  keptWaitingSchema,
  messageLeftSchema,
  chatRatedSchema,
]);
export type SessionEventMessage = z.infer<typeof sessionEventSchema>;
export type SessionEventMessageType = SessionEventMessage['type'];
