import { z } from 'zod';
import { sessionStateSchema, sessionSummarySchema } from '../chat/session.schema';

/**
 * One entry of a session's history as a client sees it: the chat session
 * event (`type`, `seq`, `at`, `by` and the event's own fields, see the
 * protocol reference). End users never receive `SideNoteAdded` entries (R13)
 * and never see `commandId`.
 */
export const sessionEventViewSchema = z
  .object({
    seq: z.number().int().positive(),
    type: z.string(),
    at: z.string(),
    sessionId: z.string(),
  })
  .passthrough();
export type SessionEventView = z.infer<typeof sessionEventViewSchema>;

// What every list item and pushed event says about the session right after the event:
// `sessionSummarySchema` (chat/session.schema.ts), the same summary the chat events carry.

/** A row of an agent's Queue, Transferred or My Chats list. */
export const listItemSchema = sessionSummarySchema.extend(
  sessionStateSchema.pick({ endUserName: true, description: true, topic: true, createdAt: true }).partial().shape,
);
export type ListItem = z.infer<typeof listItemSchema>;

export const AGENT_LISTS = ['queue', 'transferred', 'myChats'] as const;
export const agentListSchema = z.enum(AGENT_LISTS);
export type AgentList = z.infer<typeof agentListSchema>;

/**
 * Most entries a history page holds (`session.history`, and the recent page
 * that `session.start`, `session.current`, `session.accept` and
 * `session.resume` carry). Replies never carry a whole history: a chat's
 * length does not change the size of any frame.
 */
export const HISTORY_PAGE_MAX = 100;
/** Entries of the recent page when the client asks for no particular number. */
export const HISTORY_PAGE_DEFAULT = 50;

/** A page of a session's history, oldest first. */
export const historyPageSchema = z.object({
  events: z.array(sessionEventViewSchema).max(HISTORY_PAGE_MAX),
  /** True when older entries exist before the first one of `events`: ask `session.history` with `beforeSeq`. */
  hasOlder: z.boolean(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

/**
 * The session with the most recent page of its history (for the end user:
 * without side notes). `history` holds at most HISTORY_PAGE_DEFAULT entries;
 * `hasOlder` says whether older ones can be read with `session.history`.
 */
export const sessionDetailSchema = sessionSummarySchema.extend({
  // The session state's own fields, taken from its schema (each field is written once, in chat/session.schema.ts).
  ...sessionStateSchema.pick({ description: true, topic: true, endUserName: true, createdAt: true, ticket: true }).shape,
  /** The display name of the agent who owns the chat (R3.2), when it is ASSIGNED: the assignment may lie before the recent page. */
  ownerAgentName: z.string().optional(),
  history: z.array(sessionEventViewSchema).max(HISTORY_PAGE_MAX),
  hasOlder: z.boolean(),
});
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

/** R15 Customer Information tab. */
export const customerInfoSchema = z.object({
  endUserId: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  site: z.string().optional(),
  company: z.object({ id: z.string(), name: z.string().optional() }),
  assets: z.array(z.object({ id: z.string(), name: z.string().optional(), deviceId: z.string().optional() })),
  openTickets: z.array(z.object({ ticketId: z.string(), summary: z.string(), sessionId: z.string() })),
});
export type CustomerInfo = z.infer<typeof customerInfoSchema>;

export const knowledgeArticleSchema = z.object({ id: z.string(), title: z.string(), body: z.string(), tags: z.array(z.string()) });
export type KnowledgeArticle = z.infer<typeof knowledgeArticleSchema>;

/** R15 Resources tab. */
export const resourcesSchema = z.object({
  outages: z.array(z.object({ id: z.string(), title: z.string(), status: z.string(), startedAt: z.string().optional() })),
  responseTemplates: z.array(z.object({ id: z.string(), title: z.string(), text: z.string() })),
  knowledgeArticles: z.array(knowledgeArticleSchema),
});
export type Resources = z.infer<typeof resourcesSchema>;

export const agentRefSchema = z.object({ id: z.string(), name: z.string() });

/** R7: a support queue a chat can be transferred to. */
export const queueRefSchema = z.object({ id: z.string() });

/** R1: a topic an end user picks when starting a chat (when Use Topics is on). */
export const topicRefSchema = z.object({ id: z.string(), name: z.string() });
