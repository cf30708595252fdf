import { z } from 'zod';
import { SESSION_ID_PATTERN } from './routing';

/** Longest message, note, description or summary, in characters. */
export const MAX_TEXT = 4000;

const id = z.string().min(1).max(128);
const text = z.string().min(1).max(MAX_TEXT);

export const actorSchema = z.object({
  role: z.enum(['endUser', 'agent', 'admin', 'system']),
  id,
});

const base = {
  commandId: z.string().min(8).max(128),
  sessionId: z.string().regex(SESSION_ID_PATTERN, 'not a session id'),
  actor: actorSchema,
};

/**
 * Every command to a chat session, as it travels on NATS (gateway or router
 * to chat-actor). The actor is set by the gateway from the authenticated
 * token, never by the client.
 */
export const sessionCommandSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('StartSession'), requestId: id, description: text, topic: id.optional() }).strict(),
  z.object({ ...base, type: z.literal('AcceptSession') }).strict(),
  z.object({ ...base, type: z.literal('AutoAssign'), agentId: id, capacityReserved: z.boolean().optional() }).strict(),
  z.object({ ...base, type: z.literal('TransferToAgent'), targetAgentId: id, sideNote: text.optional() }).strict(),
  z.object({ ...base, type: z.literal('TransferToQueue'), queue: id, sideNote: text.optional() }).strict(),
  z.object({ ...base, type: z.literal('ReleaseSession') }).strict(),
  z.object({ ...base, type: z.literal('EndChat'), resolveTicket: z.boolean().optional() }).strict(),
  z.object({ ...base, type: z.literal('AbandonSession') }).strict(),
  z.object({ ...base, type: z.literal('CancelByUser') }).strict(),
  z.object({ ...base, type: z.literal('MarkUserLeft') }).strict(),
  z.object({ ...base, type: z.literal('MarkUserReturned') }).strict(),
  z.object({ ...base, type: z.literal('PostMessage'), text }).strict(),
  z.object({ ...base, type: z.literal('AddSideNote'), text }).strict(),
  z.object({ ...base, type: z.literal('CreateTicket'), summary: text }).strict(),
  z.object({ ...base, type: z.literal('RequestControl'), assetId: id.optional() }).strict(),
  z.object({ ...base, type: z.literal('ForceClose'), comment: text.optional() }).strict(),
  z.object({ ...base, type: z.literal('TargetWentOffline'), agentId: id }).strict(),
]);
export type SessionCommandMessage = z.infer<typeof sessionCommandSchema>;

export const chatCommandRequestSchema = z.object({ command: sessionCommandSchema });
export type ChatCommandRequest = z.infer<typeof chatCommandRequestSchema>;

/**
 * The session as chat-actor replies carry it: its summary (the domain's
 * SessionState), never its history, so a reply's size does not depend on
 * the chat's length. The history is read in pages from the store.
 */
export const sessionViewSchema = z
  .object({
    sessionId: z.string(),
    version: z.number().int().nonnegative(),
    status: z.enum(['QUEUED', 'ASSIGNED', 'PENDING_TRANSFER', 'CLOSED', 'ABANDONED']),
    queue: z.string(),
    companyId: z.string(),
    endUserId: z.string(),
    ownerAgentId: z.string().optional(),
    transferTargetAgentId: z.string().optional(),
    participants: z.array(z.string()),
  })
  .passthrough();

export const sessionEventSchema = z.object({ seq: z.number().int().positive(), type: z.string(), sessionId: z.string() }).passthrough();

export const chatCommandResultSchema = z.object({
  sessionId: z.string(),
  version: z.number().int().nonnegative(),
  /** The events this command produced (for a repeated command id: those of its first run; `version` is then the seq they reached). */
  events: z.array(sessionEventSchema).max(8),
  duplicate: z.boolean(),
  session: sessionViewSchema,
});
export type ChatCommandResult = z.infer<typeof chatCommandResultSchema>;

/**
 * What the chat event stream carries for every event: the event and the
 * session's summary right after it, so consumers (gateway, router) need no
 * read-back. `seq` orders a session's events; consumers drop seq they saw.
 */
export const chatEventMessageSchema = z.object({
  event: sessionEventSchema,
  /**
   * The seq of the session's previous event its end user sees (side notes
   * skipped; 0: none), decided by the chat actor from the stored state, so
   * every gateway gives end users the same unbroken `prevSeq` chain.
   */
  prevVisibleSeq: z.number().int().nonnegative(),
  session: z.object({
    sessionId: z.string(),
    version: z.number(),
    status: z.string(),
    queue: z.string(),
    companyId: z.string(),
    endUserId: z.string(),
    ownerAgentId: z.string().optional(),
    transferTargetAgentId: z.string().optional(),
    queuedAt: z.string().optional(),
    cancelledByUser: z.boolean(),
    userLeft: z.boolean(),
  }),
});
export type ChatEventMessage = z.infer<typeof chatEventMessageSchema>;
