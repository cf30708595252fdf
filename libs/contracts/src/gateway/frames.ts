import { z } from 'zod';
import { plainText } from '../text/plain-text';
import { settingsSchema } from '../admin/admin-resources.schema';
import { principalSchema } from '../auth/auth.schema';
import {
  abandonSessionSchema,
  acceptOfferSchema,
  acceptSessionSchema,
  declineOfferSchema,
  recordDispositionSchema,
  raisePrioritySchema,
  rateChatSchema,
  addSideNoteSchema,
  cancelByUserSchema,
  keepWaitingSchema,
  leaveMessageSchema,
  createTicketSchema,
  endChatSchema,
  postMessageSchema,
  releaseSessionSchema,
  requestControlSchema,
  startSessionSchema,
  takeOverSchema,
  whisperSchema,
  raiseHelpFlagSchema,
  lowerHelpFlagSchema,
  inviteAgentSchema,
  cancelInviteSchema,
  consultSchema,
  removeParticipantSchema,
  transferToAgentSchema,
  transferToQueueSchema,
} from '../chat/commands.schema';
import { pendingInviteSchema, sessionSummarySchema } from '../chat/session.schema';
import { chatReceiptsSchema, receiptSideSchema } from '../chat/receipts.schema';
import {
  agentListSchema,
  agentRefSchema,
  queueRefSchema,
  topicRefSchema,
  customerInfoSchema,
  knowledgeArticleSchema,
  listItemSchema,
  resourcesSchema,
  sessionEventViewSchema,
  sessionDetailSchema,
  historyPageSchema,
  HISTORY_PAGE_MAX,
} from './views';
import { AGENT_LIST_MAX_ITEMS, PENDING_OFFERS_MAX } from './limits';
import { boardSchema, boardSnapshotFrameSchema, type BoardSnapshotFrame } from './board';

export const PROTOCOL_VERSION = 1;

/**
 * Issue 16 (ADR 24): most invitations `invites.list` returns (the oldest
 * first); an agent invited into more open chats sees the rest as those end.
 */
export const INVITES_LIST_MAX = 50;
/** Issue 16: an invitation waiting for the agent, with the chat it is into (a row of the Invites tab). */
export const invitationViewSchema = z.object({
  sessionId: z.string(),
  queue: z.string(),
  endUserName: z.string().optional(),
  description: z.string().optional(),
  invite: pendingInviteSchema,
});
export type InvitationView = z.infer<typeof invitationViewSchema>;

/**
 * Chosen by the client, unique per command it sends (a UUID is fine). It is
 * the idempotency key (A3): sending a command again with the same clientId
 * returns the first answer and changes nothing more.
 */
export const clientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'clientId: 8 to 64 of A-Z a-z 0-9 _ -');
/** A session id, exactly as the chat commands on NATS take it. */
const sessionId = postMessageSchema.shape.sessionId;

/**
 * Payload of each command (the frame is `{ type, clientId, ...payload }`).
 * A payload that becomes a chat command is the client's part of that
 * command's NATS schema (`pick`), so every limit (text length, id format) is
 * written once, in chat/commands.schema.ts; the gateway adds the command id
 * and the actor.
 */
export const commandPayloads = {
  ping: z.object({}),
  /** R1; issue 15: `leaveMessage` leaves a message (a ticket) instead of chatting, offered when the answer was `QUEUE_CLOSED`. */
  'session.start': startSessionSchema.pick({ description: true, topic: true, leaveMessage: true }),
  'session.current': z.object({}),
  'session.post': postMessageSchema.pick({ sessionId: true, text: true }),
  'session.cancel': cancelByUserSchema.pick({ sessionId: true }),
  /** Issue 15: on a chat still waiting, leave a message (a ticket) instead; the chat closes. */
  'session.leaveMessage': leaveMessageSchema.pick({ sessionId: true, text: true }),
  /** Issue 15: after a long wait (`LongWaitOffered`), keep waiting. */
  'session.keepWaiting': keepWaitingSchema.pick({ sessionId: true }),
  'session.resume': z.object({ sessionId, afterSeq: z.number().int().min(0) }),
  /** A page of older history: the entries before `beforeSeq` (default: the newest), at most `limit`. */
  'session.history': z.object({
    sessionId,
    beforeSeq: z.number().int().min(1).optional(),
    limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).optional(),
  }),
  /** The lists now; `offset`: skip that many rows of each list (reads the rows past a bounded frame). */
  'agent.lists': z.object({ offset: z.number().int().min(0).max(1_000_000).optional() }),
  'session.accept': acceptSessionSchema.pick({ sessionId: true }),
  /** Issue 14: take the chat offered to you (a `ChatOffered` event named you). */
  'session.acceptOffer': acceptOfferSchema.pick({ sessionId: true }),
  /** Issue 14: pass on the chat offered to you, with one of `session.declineReasons`. */
  'session.declineOffer': declineOfferSchema.pick({ sessionId: true, reason: true }),
  /** Issue 14: the reasons an agent may give when declining an offer (the administrator's list). */
  'session.declineReasons': z.object({}),
  /** Issue 14, wrap-up: the disposition of a chat you ended or abandoned, one of `session.dispositionCodes`. */
  'session.disposition': recordDispositionSchema.pick({ sessionId: true, code: true }),
  /** Issue 14: the disposition codes (the administrator's list). */
  'session.dispositionCodes': z.object({}),
  /** Issue 15: raise the priority of a waiting chat you may see (agent) or any (administrator), only upwards. */
  'session.raisePriority': raisePrioritySchema.pick({ sessionId: true, priority: true }),
  'session.sideNote': addSideNoteSchema.pick({ sessionId: true, text: true }),
  'session.transferTargets': z.object({ sessionId }),
  'session.transferToAgent': transferToAgentSchema.pick({ sessionId: true, targetAgentId: true, sideNote: true }),
  'session.transferToQueue': transferToQueueSchema.pick({ sessionId: true, queue: true, sideNote: true }),
  'session.release': releaseSessionSchema.pick({ sessionId: true }),
  'session.end': endChatSchema.pick({ sessionId: true, resolveTicket: true }),
  'session.abandon': abandonSessionSchema.pick({ sessionId: true }),
  'session.createTicket': createTicketSchema.pick({ sessionId: true, summary: true }),
  'session.requestControl': requestControlSchema.pick({ sessionId: true, assetId: true }),
  'session.customerInfo': z.object({ sessionId }),
  'session.resources': z.object({ sessionId }),
  'knowledge.search': z.object({ query: plainText().trim().min(1).max(200) }),
  'presence.set': z.object({ presence: z.enum(['online', 'away']) }),
  'presence.get': z.object({}),
  'topics.list': z.object({}),
  /**
   * Issue 16, supervisors: watch a chat of a queue you supervise, read-only and
   * live (its events come as `session.event` frames until it ends or you
   * stop); nothing is recorded and the end user is not told.
   */
  'session.monitor': z.object({ sessionId }),
  /** Issue 16: stop watching a chat you monitor. */
  'session.unmonitor': z.object({ sessionId }),
  /**
   * Issue 16, supervisors: the monitoring board of the queues you supervise
   * (ADR 25), answered with it; then `board.snapshot` frames whenever it
   * changes, until `board.unfollow` or the socket closes.
   */
  'board.follow': z.object({}),
  /** Issue 16: stop the board's frames. */
  'board.unfollow': z.object({}),
  /** Issue 16, supervisors: a note to the owning agent only (never to the end user). */
  'session.whisper': whisperSchema.pick({ sessionId: true, text: true }),
  /** Issue 16, supervisors: the chat becomes yours; `fromAgentId` is the owner you saw (refused ALREADY_TAKEN if it moved meanwhile). */
  'session.takeOver': takeOverSchema.pick({ sessionId: true, fromAgentId: true }),
  /** Issue 16, the owning agent: ask the supervisors of the chat's queue for help. */
  'session.raiseHelp': raiseHelpFlagSchema.pick({ sessionId: true, note: true }),
  /** Issue 16, the owning agent or a supervisor of the chat's queue: lower the help flag. */
  'session.lowerHelp': lowerHelpFlagSchema.pick({ sessionId: true }),
  /** Issue 16 (ADR 24), the owner: invite a colleague (the R6 transfer rules say who) with an optional note. */
  'session.invite': inviteAgentSchema.pick({ sessionId: true, agentId: true, note: true }),
  /** Issue 16, the invited agent: join (answered as session.accept: history, customer, resources). */
  'session.acceptInvite': z.object({ sessionId }),
  /** Issue 16, the invited agent: do not join. */
  'session.declineInvite': z.object({ sessionId }),
  /** Issue 16, the owner: withdraw an invitation. */
  'session.cancelInvite': cancelInviteSchema.pick({ sessionId: true, agentId: true }),
  /** Issue 16, a supervisor of the chat's queue: join visibly (answered as session.accept); lowers the help flag. */
  'session.bargeIn': z.object({ sessionId }),
  /** Issue 16, the owner or a participant: a message only agents see. */
  'session.consult': consultSchema.pick({ sessionId: true, text: true }),
  /** Issue 16, a participant: leave the chat. */
  'session.leave': z.object({ sessionId }),
  /** Issue 16, the owner: remove a participant. */
  'session.removeParticipant': removeParticipantSchema.pick({ sessionId: true, agentId: true }),
  /** Issue 16: the invitations waiting for you (the Invites tab), at most INVITES_LIST_MAX, oldest first. */
  'invites.list': z.object({}),
  /** Issue 17: the user is typing in this chat (throttled: TYPING_THROTTLE_MS by the client, TYPING_RELAY_MIN_INTERVAL_MS per socket by the gateway). Relayed to the other side, not stored. */
  'session.typing': z.object({ sessionId }),
  /**
   * Issue 17: this side's client has every event up to `delivered` and had
   * every event up to `seen` on screen (at least one of the two). Marks only
   * grow: a lower or repeated one changes nothing.
   */
  'session.receipt': z.object({ sessionId, delivered: z.number().int().min(0).optional(), seen: z.number().int().min(0).optional() }),
  /** Issue 17: the end user's satisfaction rating of their chat after it ended, once. */
  'session.rate': rateChatSchema.pick({ sessionId: true, score: true, comment: true }),
} as const;

export type CommandType = keyof typeof commandPayloads;
export const COMMAND_TYPES = Object.keys(commandPayloads) as CommandType[];

/** What a session command changed: the session's new seq and the events it produced (visible ones). */
export const commandAckSchema = z.object({
  sessionId: z.string(),
  seq: z.number().int().nonnegative(),
  /** True when the clientId was seen before: this is the first answer again, nothing changed. */
  duplicate: z.boolean(),
  events: z.array(sessionEventViewSchema),
});
export type CommandAck = z.infer<typeof commandAckSchema>;

const listRows = z.array(listItemSchema).max(AGENT_LIST_MAX_ITEMS);

/** Issue 14: a chat offered to the agent, as `presence.get` tells it: its deadline, the milliseconds left by the gateway's clock, and the chat as a list row. */
export const pendingOfferViewSchema = z.object({
  sessionId: z.string(),
  expiresAt: z.string(),
  leftMs: z.number().int().positive(),
  session: listItemSchema,
});
export type PendingOfferView = z.infer<typeof pendingOfferViewSchema>;
const rowCount = z.number().int().nonnegative();

/**
 * An agent's three lists, bounded: each list's first rows (oldest waiting
 * first) up to AGENT_LIST_MAX_ITEMS and LISTS_FRAME_MAX_BYTES for the whole
 * frame; `totals` counts every row of each list.
 */
export const listsSchema = z.object({
  queue: listRows,
  transferred: listRows,
  myChats: listRows,
  totals: z.object({ queue: rowCount, transferred: rowCount, myChats: rowCount }),
  /** True when some list holds fewer rows than its total (more waiting than shown). */
  truncated: z.boolean(),
});
export type AgentLists = z.infer<typeof listsSchema>;

/** `data` of a successful reply, per command. */
export const replyDataSchemas = {
  ping: z.object({ now: z.string() }),
  'session.start': z.object({ session: sessionDetailSchema, duplicate: z.boolean() }),
  'session.current': z.object({ session: sessionDetailSchema.nullable() }),
  'session.post': commandAckSchema,
  'session.cancel': commandAckSchema,
  'session.leaveMessage': commandAckSchema,
  'session.keepWaiting': commandAckSchema,
  'session.resume': z.object({
    session: sessionSummarySchema,
    /**
     * The events after `afterSeq` the caller may see, in seq order: at most
     * HISTORY_PAGE_MAX, the most recent ones. When more were missed,
     * `hasOlder` is true and the rest can be read with `session.history`.
     */
    events: z.array(sessionEventViewSchema).max(HISTORY_PAGE_MAX),
    hasOlder: z.boolean(),
    /** The session's latest seq: the caller's new position, even when the last events were not for it. */
    lastSeq: z.number().int().nonnegative(),
    /** Issue 17: the chat's receipts as stored (both sides); absent from an older gateway. */
    receipts: chatReceiptsSchema.optional(),
  }),
  'session.history': historyPageSchema.extend({
    /** The session's latest seq. */
    lastSeq: z.number().int().nonnegative(),
  }),
  'agent.lists': listsSchema,
  'session.accept': z.object({ session: sessionDetailSchema, customer: customerInfoSchema, resources: resourcesSchema, duplicate: z.boolean() }),
  'session.acceptOffer': z.object({ session: sessionDetailSchema, customer: customerInfoSchema, resources: resourcesSchema, duplicate: z.boolean() }),
  'session.declineOffer': commandAckSchema,
  'session.declineReasons': z.object({ reasons: z.array(z.string()).max(20) }),
  'session.disposition': commandAckSchema,
  'session.dispositionCodes': z.object({ codes: z.array(z.string()).max(20) }),
  'session.raisePriority': commandAckSchema,
  'session.sideNote': commandAckSchema,
  'session.transferTargets': z.object({
    agents: z.array(agentRefSchema),
    /** R7: support queues the chat can go to (other than its own); empty when Support Queues or Use Topics is off. */
    queues: z.array(queueRefSchema),
  }),
  'session.transferToAgent': commandAckSchema,
  'session.transferToQueue': commandAckSchema,
  'session.release': commandAckSchema,
  'session.end': commandAckSchema,
  'session.abandon': commandAckSchema,
  'session.createTicket': commandAckSchema.extend({ ticketId: z.string() }),
  'session.requestControl': commandAckSchema.extend({ url: z.string(), assetId: z.string(), deviceId: z.string() }),
  'session.customerInfo': customerInfoSchema,
  'session.resources': resourcesSchema,
  'knowledge.search': z.object({ articles: z.array(knowledgeArticleSchema) }),
  'presence.set': z.object({ presence: z.enum(['online', 'away']) }),
  'presence.get': z.object({
    presence: z.enum(['online', 'away', 'notResponding', 'offline']),
    /** Issue 14: the agent's wrap-up while it lasts (a console that connects after the end shows it again); `secondsLeft` 0 once only a required disposition holds it. */
    wrapUp: z.object({ sessionId: z.string(), until: z.string(), dispositionRequired: z.boolean(), secondsLeft: z.number().int().min(0) }).optional(),
    /**
     * Issue 14: the chats offered to the agent now, the soonest due first (at most PENDING_OFFERS_MAX), so a
     * console that connects during an offer (a reload, a reconnect) shows it again; `leftMs` by the
     * gateway's clock. Absent when none.
     */
    offers: z.array(pendingOfferViewSchema).max(PENDING_OFFERS_MAX).optional(),
  }),
  'topics.list': z.object({ useTopics: z.boolean(), topics: z.array(topicRefSchema) }),
  'session.monitor': z.object({
    session: sessionSummarySchema,
    /** The most recent page of the history (side notes and whispers included), oldest first. */
    events: z.array(sessionEventViewSchema).max(HISTORY_PAGE_MAX),
    hasOlder: z.boolean(),
    lastSeq: z.number().int().nonnegative(),
  }),
  'session.unmonitor': z.object({ sessionId: z.string() }),
  'board.follow': boardSchema,
  'board.unfollow': z.object({ following: z.literal(false) }),
  'session.whisper': commandAckSchema,
  'session.takeOver': z.object({ session: sessionDetailSchema, customer: customerInfoSchema, resources: resourcesSchema, duplicate: z.boolean() }),
  'session.raiseHelp': commandAckSchema,
  'session.lowerHelp': commandAckSchema,
  'session.invite': commandAckSchema,
  'session.acceptInvite': z.object({ session: sessionDetailSchema, customer: customerInfoSchema, resources: resourcesSchema, duplicate: z.boolean() }),
  'session.declineInvite': commandAckSchema,
  'session.cancelInvite': commandAckSchema,
  'session.bargeIn': z.object({ session: sessionDetailSchema, customer: customerInfoSchema, resources: resourcesSchema, duplicate: z.boolean() }),
  'session.consult': commandAckSchema,
  'session.leave': commandAckSchema,
  'session.removeParticipant': commandAckSchema,
  'invites.list': z.object({ invites: z.array(invitationViewSchema).max(INVITES_LIST_MAX) }),
  'session.typing': z.object({ relayed: z.boolean() }),
  /** The chat's receipts after this one (both sides), as stored. */
  'session.receipt': z.object({ sessionId: z.string(), receipts: chatReceiptsSchema }),
  'session.rate': commandAckSchema,
} as const satisfies Record<CommandType, z.ZodType>;

export type CommandPayload<T extends CommandType> = z.infer<(typeof commandPayloads)[T]>;
export type ReplyData<T extends CommandType> = z.infer<(typeof replyDataSchemas)[T]>;

/** The outer shape every client frame must have; the payload is checked per command after it. */
export const clientFrameEnvelopeSchema = z.object({ type: z.string().min(1).max(64), clientId: clientIdSchema }).passthrough();

/** A complete client frame of one command type (for clients that want to validate before sending). */
export function clientFrameSchema<T extends CommandType>(type: T) {
  return commandPayloads[type].extend({ type: z.literal(type), clientId: clientIdSchema }).strict();
}

// ---- server frames -------------------------------------------------------

export const wsErrorSchema = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
export type WsError = z.infer<typeof wsErrorSchema>;

/**
 * The administrator's settings an agent console acts on (issue 14: idle
 * agents), sent in an agent's hello and again as `agent.settings` when they change.
 */
export const agentConsoleSettingsSchema = settingsSchema.pick({ agentIdleMinutes: true });
export type AgentConsoleSettings = z.infer<typeof agentConsoleSettingsSchema>;

/** First frame after the handshake. */
export const helloFrameSchema = z.object({
  type: z.literal('hello'),
  protocol: z.literal(PROTOCOL_VERSION),
  connectionId: z.string(),
  principal: principalSchema,
  limits: z.object({
    maxFrameBytes: z.number().int().positive(),
    ratePerSecond: z.number().positive(),
    burst: z.number().int().positive(),
    requestTimeoutMs: z.number().int().positive(),
  }),
  /** Agents only: the settings the agent console acts on, as they are at connecting. */
  agentSettings: agentConsoleSettingsSchema.optional(),
});

/** Exactly one per command frame that carried a valid clientId. */
export const replyFrameSchema = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('reply'), clientId: z.string(), command: z.string().optional(), ok: z.literal(true), data: z.unknown() }),
  z.object({ type: z.literal('reply'), clientId: z.string(), command: z.string().optional(), ok: z.literal(false), error: wsErrorSchema }),
]);

/** A refusal of a frame that had no usable clientId (not JSON, no clientId...). */
export const errorFrameSchema = z.object({ type: z.literal('error'), error: wsErrorSchema });

export const noticeSchema = z.object({ code: z.string(), text: z.string() });

/** An event of a session the connection may see, with its seq (order and gap detection). */
export const sessionEventFrameSchema = z.object({
  type: z.literal('session.event'),
  sessionId: z.string(),
  seq: z.number().int().positive(),
  /**
   * The seq of the session's previous event sent to this viewer (0: none). A
   * client that applied less than this has missed something: session.resume.
   * Agents get seq - 1; end users skip the side notes they never see.
   */
  prevSeq: z.number().int().nonnegative(),
  event: sessionEventViewSchema,
  session: sessionSummarySchema,
  /** What the event means for this connection (R3.2 agent joined, R5.2 transferred, ...). */
  notices: z.array(noticeSchema),
});

/** Agents: the Queue / Transferred / My Chats lists, bounded (once after hello, and after presence, settings or profile changes). */
export const listsSnapshotFrameSchema = listsSchema.extend({ type: z.literal('lists.snapshot') });

export const listChangeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('upsert'), list: agentListSchema, item: listItemSchema }),
  z.object({ op: z.literal('remove'), list: agentListSchema, sessionId: z.string(), version: z.number().int().nonnegative() }),
]);
export type ListChange = z.infer<typeof listChangeSchema>;

/** Agents: changes of the lists, pushed as they happen (R2, R3, R5, R7). */
export const listsChangedFrameSchema = z.object({ type: z.literal('lists.changed'), changes: z.array(listChangeSchema).min(1) });

/**
 * End users: the place of their waiting session in its queue (1: served
 * next, R4.1 oldest first). Sent while the session is QUEUED, on connecting
 * and whenever the place changes; the session's events say when it leaves.
 */
export const queuePositionFrameSchema = z.object({
  type: z.literal('session.queuePosition'),
  sessionId: z.string(),
  queue: z.string(),
  position: z.number().int().positive(),
});

/** Agents: the settings their console acts on changed (an administrator saved them); replaces what hello said. */
export const agentSettingsFrameSchema = z.object({ type: z.literal('agent.settings'), settings: agentConsoleSettingsSchema });

/** Issue 17: the other side of the chat is typing (show it for TYPING_SHOW_MS, or until its next message). */
export const typingFrameSchema = z.object({ type: z.literal('session.typing'), sessionId: z.string(), from: receiptSideSchema });

/** Issue 17: a chat's receipts changed (both sides, as stored); take the greater of each mark. */
export const receiptsFrameSchema = z.object({ type: z.literal('session.receipts'), sessionId: z.string(), receipts: chatReceiptsSchema });

export const serverFrameSchema = z.discriminatedUnion('type', [
  helloFrameSchema,
  z.object({ type: z.literal('reply') }).passthrough(),
  errorFrameSchema,
  sessionEventFrameSchema,
  listsSnapshotFrameSchema,
  listsChangedFrameSchema,
  queuePositionFrameSchema,
  agentSettingsFrameSchema,
  typingFrameSchema,
  receiptsFrameSchema,
  boardSnapshotFrameSchema,
]);

export type HelloFrame = z.infer<typeof helloFrameSchema>;
export type ReplyFrame = z.infer<typeof replyFrameSchema>;
export type ErrorFrame = z.infer<typeof errorFrameSchema>;
export type SessionEventFrame = z.infer<typeof sessionEventFrameSchema>;
export type ListsSnapshotFrame = z.infer<typeof listsSnapshotFrameSchema>;
export type ListsChangedFrame = z.infer<typeof listsChangedFrameSchema>;
export type QueuePositionFrame = z.infer<typeof queuePositionFrameSchema>;
export type AgentSettingsFrame = z.infer<typeof agentSettingsFrameSchema>;
export type TypingFrame = z.infer<typeof typingFrameSchema>;
export type ReceiptsFrame = z.infer<typeof receiptsFrameSchema>;
export type ServerFrame = BoardSnapshotFrame | TypingFrame | ReceiptsFrame | HelloFrame | ReplyFrame | ErrorFrame | SessionEventFrame | ListsSnapshotFrame | ListsChangedFrame | QueuePositionFrame | AgentSettingsFrame;
