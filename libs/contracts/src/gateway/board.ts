import { z } from 'zod';
import { sessionStateSchema, sessionSummarySchema } from '../chat/session.schema';

/**
 * Issue 16, the supervisors' monitoring board (ADR 25): per supervised queue,
 * live, what waits, who works on what and who asked for help. Built by the
 * gateway from its projection of the open chats and the agents' live state;
 * nothing is stored for it. Every part is bounded:
 */
/** Most queues a board shows (the supervisor's first ones, by name); `truncated` says when there are more. */
export const BOARD_MAX_QUEUES = 10;
/** Most waiting chats a queue shows (in the order they are served); `totals.waiting` counts them all. */
export const BOARD_MAX_WAITING_PER_QUEUE = 25;
/** Most chats in progress a queue shows (help flags first, then the oldest); `totals.chats` counts them all. */
export const BOARD_MAX_CHATS_PER_QUEUE = 25;
/** Most agents a queue shows (those with chats or online first, then by name); `totals.agents` counts them all. */
export const BOARD_MAX_AGENTS_PER_QUEUE = 25;
/** What these bounds keep a `board.snapshot` frame within, whatever its ids and names hold (tested with ids and queue names of 64 characters, names of 120 and end users' names of 200, all in 3-byte characters where they may be). */
export const BOARD_FRAME_MAX_BYTES = 1024 * 1024;
/** A board socket gets at most one `board.snapshot` per this many milliseconds (changes in between are coalesced). */
export const BOARD_PUSH_MIN_INTERVAL_MS = 250;

/** A chat as the board shows it: times as ISO instants (the console counts from them with `board.now`). */
export const boardChatSchema = sessionSummarySchema
  .pick({ sessionId: true, status: true, queue: true, priority: true, queuedAt: true, ownerAgentId: true, transferTargetAgentId: true, helpFlag: true })
  .extend({
    ...sessionStateSchema.pick({ endUserName: true, createdAt: true }).partial().shape,
    /** Waiting chats: the agent it is offered to now and until when (issue 14). */
    offer: z.object({ agentId: z.string(), expiresAt: z.string() }).optional(),
    /** When the end user last wrote (a message or a file); absent: not since this gateway started. */
    lastEndUserMessageAt: z.string().optional(),
    /** When an agent last wrote to the end user; absent: not since this gateway started. */
    lastAgentMessageAt: z.string().optional(),
  });
export type BoardChat = z.infer<typeof boardChatSchema>;

export const boardAgentSchema = z.object({
  agentId: z.string(),
  name: z.string(),
  presence: z.enum(['online', 'away', 'notResponding', 'wrapUp', 'offline']),
  /** Chats the agent has now (all queues). */
  load: z.number().int().nonnegative(),
});
export type BoardAgent = z.infer<typeof boardAgentSchema>;

const count = z.number().int().nonnegative();

export const boardQueueSchema = z.object({
  queue: z.string(),
  /** QUEUED chats in the order they are served (priority, then wait). */
  waiting: z.array(boardChatSchema).max(BOARD_MAX_WAITING_PER_QUEUE),
  /** ASSIGNED and PENDING_TRANSFER chats: help flags first, then the oldest. */
  chats: z.array(boardChatSchema).max(BOARD_MAX_CHATS_PER_QUEUE),
  /** The queue's agents (every agent serves General) and any agent with a chat of it. */
  agents: z.array(boardAgentSchema).max(BOARD_MAX_AGENTS_PER_QUEUE),
  totals: z.object({ waiting: count, chats: count, agents: count, offers: count, helpFlags: count }),
});
export type BoardQueue = z.infer<typeof boardQueueSchema>;

export const boardSchema = z.object({
  /** The gateway's clock when the board was built: waits and "since" times count from it. */
  now: z.string(),
  queues: z.array(boardQueueSchema).max(BOARD_MAX_QUEUES),
  /** True when the supervisor has more queues than BOARD_MAX_QUEUES. */
  truncated: z.boolean(),
});
export type Board = z.infer<typeof boardSchema>;

/** Supervisors who follow the board (`board.follow`): the whole board again whenever it changed. */
export const boardSnapshotFrameSchema = boardSchema.extend({ type: z.literal('board.snapshot') });
export type BoardSnapshotFrame = z.infer<typeof boardSnapshotFrameSchema>;
