import { z } from 'zod';
import { attachmentRefSchema } from '../attachments/attachments.schema';
import { plainText } from '../text/plain-text';
import { actorSchema, idSchema } from './actor.schema';
import { sessionEventSchema } from './events.schema';
import { SESSION_ID_PATTERN } from './routing';
import { deadlineKindSchema, MAX_ESTIMATE_SECONDS, prioritySchema, sessionStateSchema, sessionSummarySchema } from './session.schema';

/**
 * Longest message, side note, description, ticket summary or comment, in
 * characters: the one text limit of the system (ADR 7), checked at each edge
 * (the WebSocket frames derive from these schemas).
 */
export const MAX_TEXT = 4000;

const id = idSchema;
/** Text of a command: trimmed, then 1 to MAX_TEXT characters. */
const text = plainText().trim().min(1).max(MAX_TEXT);

const base = {
  /** Chosen by the issuer: a retry with the same id returns the first outcome (A3). */
  commandId: plainText().min(8).max(128),
  sessionId: z.string().regex(SESSION_ID_PATTERN, 'not a session id'),
  /** Who issued the command, as authenticated by the gateway. */
  actor: actorSchema,
};

/*
 * Commands to one chat session: the single definition (the domain uses the
 * inferred types, ADR 7). Each is strict: a field the contract does not know
 * is refused, not dropped.
 */

/** R1, end user. `requestId` is client-chosen: a repeated start returns the first session (R1.1). */
export const startSessionSchema = z
  .object({
    ...base,
    type: z.literal('StartSession'),
    requestId: id,
    description: text,
    /** Topic id; required when Use Topics is on, ignored when it is off. */
    topic: id.optional(),
    /**
     * Issue 15: leave a message instead of chatting (offered when the queue
     * is closed): the description becomes an open ticket the desk sees and
     * the session closes at once (`MessageLeft`, `SessionClosed` `messageLeft`).
     */
    leaveMessage: z.literal(true).optional(),
  })
  .strict();

/** R3, agent: from the Queue tab (QUEUED) or the Transferred tab (PENDING_TRANSFER to them). */
export const acceptSessionSchema = z.object({ ...base, type: z.literal('AcceptSession') }).strict();

/**
 * R4, system (router): the router proposes, the session's actor checks again
 * and decides. In a queue that offers chats (`offerSeconds`, issue 14) the
 * chat is offered to the agent (`ChatOffered`) instead of assigned.
 */
export const autoAssignSchema = z
  .object({
    ...base,
    type: z.literal('AutoAssign'),
    agentId: id,
    /**
     * The router already reserved a slot of the agent's capacity for this session
     * (A6), so the agent's `load` in the context counts it: the cap check then
     * allows `load <= cap` instead of `load < cap`.
     */
    capacityReserved: z.boolean().optional(),
  })
  .strict();

/** R5, owning agent. */
export const transferToAgentSchema = z
  .object({ ...base, type: z.literal('TransferToAgent'), targetAgentId: id, sideNote: text.optional() })
  .strict();

/** R7, owning agent. */
export const transferToQueueSchema = z.object({ ...base, type: z.literal('TransferToQueue'), queue: id, sideNote: text.optional() }).strict();

/** R8, owning agent. */
export const releaseSessionSchema = z.object({ ...base, type: z.literal('ReleaseSession') }).strict();

/**
 * R9, owning agent. With a linked ticket the agent must choose (`resolveTicket`
 * true or false); cancelling the dialog sends no command at all.
 */
export const endChatSchema = z.object({ ...base, type: z.literal('EndChat'), resolveTicket: z.boolean().optional() }).strict();

/** R10, owning agent. */
export const abandonSessionSchema = z.object({ ...base, type: z.literal('AbandonSession') }).strict();

/** R11, end user. */
export const cancelByUserSchema = z.object({ ...base, type: z.literal('CancelByUser') }).strict();

/** R12, system (gateway, after the grace period) or the end user's own client. */
export const markUserLeftSchema = z.object({ ...base, type: z.literal('MarkUserLeft') }).strict();

export const markUserReturnedSchema = z.object({ ...base, type: z.literal('MarkUserReturned') }).strict();

/** End user or owning agent. */
export const postMessageSchema = z.object({ ...base, type: z.literal('PostMessage'), text }).strict();

/**
 * End user or owning agent: a file already in the attachment store, sent by
 * the gateway once it streamed the upload there (the bytes never travel on NATS).
 */
export const postAttachmentSchema = z.object({ ...base, type: z.literal('PostAttachment'), attachment: attachmentRefSchema }).strict();

/** Owning agent; for agents only (R13). */
export const addSideNoteSchema = z.object({ ...base, type: z.literal('AddSideNote'), text }).strict();

/** R14, owning agent. The ticket id comes from `ctx.newIds.ticketId`. */
export const createTicketSchema = z.object({ ...base, type: z.literal('CreateTicket'), summary: text }).strict();

/** R16, owning agent. `assetId` may be left out when the end user has exactly one asset. */
export const requestControlSchema = z.object({ ...base, type: z.literal('RequestControl'), assetId: id.optional() }).strict();

/** R17, administrator. */
export const forceCloseCommandSchema = z.object({ ...base, type: z.literal('ForceClose'), comment: text.optional() }).strict();

/** R5.4, system (presence tracker): the transfer target went offline before accepting. */
export const targetWentOfflineSchema = z.object({ ...base, type: z.literal('TargetWentOffline'), agentId: id }).strict();

/** Issue 14, the offered agent: take the chat. */
export const acceptOfferSchema = z.object({ ...base, type: z.literal('AcceptOffer') }).strict();
/** Longest decline reason, in characters. */
export const MAX_DECLINE_REASON = 80;
/** Issue 14, the offered agent: pass, with one of the administrator's reasons (`offerDeclineReasons`). */
export const declineOfferSchema = z.object({ ...base, type: z.literal('DeclineOffer'), reason: plainText().trim().min(1).max(MAX_DECLINE_REASON) }).strict();

/** Issue 14, the agent who ended or abandoned the chat: its disposition code (one of the administrator's `dispositionCodes`), once. */
export const recordDispositionSchema = z.object({ ...base, type: z.literal('RecordDisposition'), code: plainText().trim().min(1).max(MAX_DECLINE_REASON) }).strict();

/** Issue 17: lowest and highest score of a chat's satisfaction rating. */
export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** Issue 17: longest comment of a satisfaction rating, in characters (trimmed; empty means none). */
export const MAX_RATING_COMMENT = 1000;

/**
 * Issue 17, the chat's end user, after the chat closed or was abandoned:
 * how satisfied they are (RATING_MIN..RATING_MAX) and an optional comment,
 * once per chat (`ALREADY_RATED` after).
 */
export const rateChatSchema = z
  .object({
    ...base,
    type: z.literal('RateChat'),
    score: z.number().int().min(RATING_MIN).max(RATING_MAX),
    comment: plainText().trim().max(MAX_RATING_COMMENT).optional(),
  })
  .strict();

/**
 * Issue 16, a supervisor of the chat's queue: the chat becomes theirs.
 * `fromAgentId` is the owner the supervisor saw: when someone else took the
 * chat over meanwhile (two supervisors at once), the second is refused
 * (`ALREADY_TAKEN`), so ownership moves exactly once.
 */
export const takeOverSchema = z.object({ ...base, type: z.literal('TakeOver'), fromAgentId: id }).strict();

/** Issue 16, a supervisor of the chat's queue: a note to the owning agent only (never to the end user), marked as from the supervisor. */
export const whisperSchema = z.object({ ...base, type: z.literal('Whisper'), text }).strict();

/** Longest note with a help flag, in characters. */
export const MAX_HELP_NOTE = 500;
/** Issue 16, the owning agent: ask the supervisors of the chat's queue for help (an optional note says why). */
export const raiseHelpFlagSchema = z.object({ ...base, type: z.literal('RaiseHelpFlag'), note: plainText().trim().min(1).max(MAX_HELP_NOTE).optional() }).strict();
/** Issue 16, the owning agent or a supervisor of the chat's queue: the help flag is down. */
export const lowerHelpFlagSchema = z.object({ ...base, type: z.literal('LowerHelpFlag') }).strict();

/**
 * Issue 16 (ADR 24), participants besides the owner. The owner invites a
 * colleague (`agentId`, with an optional note): an agent the R6 transfer
 * rules allow (online, serving the chat's queue and company). At most
 * MAX_PENDING_INVITES invitations wait at once and MAX_PARTICIPANTS agents
 * join besides the owner.
 */
export const MAX_INVITE_NOTE = 500;
export const inviteAgentSchema = z
  .object({ ...base, type: z.literal('InviteAgent'), agentId: id, note: plainText().trim().min(1).max(MAX_INVITE_NOTE).optional() })
  .strict();
/** Issue 16, the invited agent: join the chat (whole history, live events, post to the end user or consult). */
export const acceptInviteSchema = z.object({ ...base, type: z.literal('AcceptInvite') }).strict();
/** Issue 16, the invited agent: do not join. */
export const declineInviteSchema = z.object({ ...base, type: z.literal('DeclineInvite') }).strict();
/** Issue 16, the owner: withdraw the invitation of `agentId`. */
export const cancelInviteSchema = z.object({ ...base, type: z.literal('CancelInvite'), agentId: id }).strict();
/** Issue 16, a supervisor of the chat's queue: join the conversation visibly (the end user is told); lowers a help flag. */
export const bargeInSchema = z.object({ ...base, type: z.literal('BargeIn') }).strict();
/** Issue 16, the owner or a participant: a message only agents see (never the end user). */
export const consultSchema = z.object({ ...base, type: z.literal('Consult'), text }).strict();
/** Issue 16, a participant (not the owner): leave the chat. */
export const leaveChatSchema = z.object({ ...base, type: z.literal('LeaveChat') }).strict();
/** Issue 16, the owner: remove participant `agentId` from the chat. */
export const removeParticipantSchema = z.object({ ...base, type: z.literal('RemoveParticipant'), agentId: id }).strict();

/**
 * Issue 15, end user, on a chat still waiting in its queue: leave a message
 * instead (`text`, else the description): it becomes an open ticket the desk
 * sees and the chat closes (`MessageLeft`, `SessionClosed` `messageLeft`).
 */
export const leaveMessageSchema = z.object({ ...base, type: z.literal('LeaveMessage'), text: text.optional() }).strict();

/** Issue 15, end user, after `LongWaitOffered`: keep waiting (the maximum wait starts again). */
export const keepWaitingSchema = z.object({ ...base, type: z.literal('KeepWaiting') }).strict();

/**
 * A deadline of the session came (ADR 13), fired by the owner of its
 * partition with the command id `timer:<sessionId>:<kind>:<armedAtSeq>`.
 * Refused (`DEADLINE_NOT_ARMED`) when the session no longer holds that
 * deadline as armed at that seq: a late or second firing changes nothing.
 */
export const deadlineReachedSchema = z
  .object({ ...base, type: z.literal('DeadlineReached'), kind: deadlineKindSchema, armedAtSeq: z.number().int().positive() })
  .strict();

/**
 * Issue 15, agent (who may see the waiting chat, R2/R19) or administrator:
 * raise the priority of a QUEUED chat to `priority` (higher than it is).
 */
export const raisePrioritySchema = z.object({ ...base, type: z.literal('RaisePriority'), priority: prioritySchema }).strict();

/**
 * Issue 15, system (router): record the wait estimate of a QUEUED chat for
 * its stay in the queue that began at `queuedAt` (once per stay). A range
 * with `minSeconds` above `maxSeconds` is refused (VALIDATION).
 */
export const recordWaitEstimateSchema = z
  .object({
    ...base,
    type: z.literal('RecordWaitEstimate'),
    minSeconds: z.number().int().min(0).max(MAX_ESTIMATE_SECONDS),
    maxSeconds: z.number().int().min(0).max(MAX_ESTIMATE_SECONDS),
    queuedAt: z.string().max(64),
  })
  .strict();

/**
 * Every command to a chat session, as it travels on NATS (gateway, router or
 * admin API to chat-actor), validated there once by the chat actor (and at
 * the WebSocket edge by the frame payloads, which derive from these).
 */
export const sessionCommandSchema = z.discriminatedUnion('type', [
  startSessionSchema,
  acceptSessionSchema,
  autoAssignSchema,
  transferToAgentSchema,
  transferToQueueSchema,
  releaseSessionSchema,
  endChatSchema,
  abandonSessionSchema,
  cancelByUserSchema,
  markUserLeftSchema,
  markUserReturnedSchema,
  postMessageSchema,
  postAttachmentSchema,
  addSideNoteSchema,
  createTicketSchema,
  requestControlSchema,
  forceCloseCommandSchema,
  targetWentOfflineSchema,
  deadlineReachedSchema,
  acceptOfferSchema,
  declineOfferSchema,
  recordDispositionSchema,
  raisePrioritySchema,
  recordWaitEstimateSchema,
  takeOverSchema,
  whisperSchema,
  raiseHelpFlagSchema,
  lowerHelpFlagSchema,
  inviteAgentSchema,
  acceptInviteSchema,
  declineInviteSchema,
  cancelInviteSchema,
  bargeInSchema,
  consultSchema,
  leaveChatSchema,
  removeParticipantSchema,
  leaveMessageSchema,
  keepWaitingSchema,
  rateChatSchema,
]);
export type SessionCommandMessage = z.infer<typeof sessionCommandSchema>;
export type SessionCommandMessageType = SessionCommandMessage['type'];

export const chatCommandRequestSchema = z.object({
  /** The sender's CHAT_SCHEMA_VERSION (issue 18); absent: 1. A chat-actor refuses a newer one with UNSUPPORTED_VERSION. */
  v: z.number().int().min(1).optional(),
  command: sessionCommandSchema,
});
export type ChatCommandRequest = z.infer<typeof chatCommandRequestSchema>;

/**
 * A chat actor's answer to a command: what changed, never the history, so a
 * reply's size does not depend on the chat's length (the history is read in
 * pages from the store).
 */
export const chatCommandResultSchema = z.object({
  sessionId: z.string(),
  version: z.number().int().nonnegative(),
  /** The events this command produced (for a repeated command id: those of its first run; `version` is then the seq they reached). */
  events: z.array(sessionEventSchema).max(8),
  duplicate: z.boolean(),
  /** The session's summary now (the domain's SessionState). */
  session: sessionStateSchema,
});
export type ChatCommandResult = z.infer<typeof chatCommandResultSchema>;

/**
 * What the chat event stream carries for every event: the event and the
 * session's summary right after it, so consumers (gateway, router) need no
 * read-back. `seq` orders a session's events; consumers drop seq they saw.
 */
export const chatEventMessageSchema = z.object({
  /** The writer's CHAT_SCHEMA_VERSION (issue 18: rolling upgrades); absent on messages from before versions: 1. */
  v: z.number().int().min(1).optional(),
  event: sessionEventSchema,
  /**
   * The seq of the session's previous event its end user sees (side notes
   * skipped; 0: none), decided by the chat actor from the stored state, so
   * every gateway gives end users the same unbroken `prevSeq` chain.
   */
  prevVisibleSeq: z.number().int().nonnegative(),
  session: sessionSummarySchema,
});
export type ChatEventMessage = z.infer<typeof chatEventMessageSchema>;
