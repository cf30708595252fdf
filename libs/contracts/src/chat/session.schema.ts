import { z } from 'zod';

/**
 * The chat session's summary: the single definition of the domain's
 * `SessionState` (the domain uses the inferred type, ADR 7), carried by every
 * chat-actor reply and, in part, by every chat event.
 *
 * Time is an ISO-8601 UTC string everywhere (`Date.prototype.toISOString()`
 * format): readable in MongoDB and in logs, and ordered by plain comparison of
 * the parsed value.
 */

export const SESSION_STATUS_VALUES = ['QUEUED', 'ASSIGNED', 'PENDING_TRANSFER', 'CLOSED', 'ABANDONED'] as const;
export const sessionStatusSchema = z.enum(SESSION_STATUS_VALUES);
export type SessionStatusValue = z.infer<typeof sessionStatusSchema>;

export const ticketStatusSchema = z.enum(['Open', 'Resolved', 'Cancelled']);

/** R14: the ticket linked to a session. */
export const linkedTicketSchema = z.object({
  ticketId: z.string(),
  status: ticketStatusSchema,
  summary: z.string(),
});

/** A command applied to the session: its id and the seq of its first event (its events start there). */
export const recentCommandSchema = z.object({
  id: z.string(),
  firstSeq: z.number().int().positive(),
});

/** An agent's display name as recorded when the session was assigned or transferred to them. */
export const agentNameRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
});

/**
 * Kinds of deadline a session can hold (ADR 13). `firstReply`: the owner
 * must write to the end user by then (the queue's `firstReplySeconds`).
 * `offer`: the agent a chat is offered to must accept or decline by then
 * (the queue's `offerSeconds`).
 * End-user inactivity (issue 15): `userInactivityWarn`, the end user who has
 * not answered the agent by then is asked whether they are still there
 * (`userInactivityWarnSeconds`); `userInactive`, the chat closes
 * (`userInactivityCloseSeconds`); `userLeft`, an end user marked as gone
 * (R12) has not come back by then and the chat closes (`userLeftCloseSeconds`).
 * `maxWait`: a queued chat waits for an agent until then (the queue's
 * `maxWaitSeconds`, issue 15), then overflows or its end user chooses.
 */
export const deadlineKindSchema = z.enum(['firstReply', 'offer', 'userInactivityWarn', 'userInactive', 'userLeft', 'maxWait']);
export type DeadlineKind = z.infer<typeof deadlineKindSchema>;

/**
 * A deadline held in the session's state: armed by an event (its seq is
 * `armedAtSeq`), cleared by another, fired by the partition's owner as a
 * `DeadlineReached` command with the id `timer:<sessionId>:<kind>:<armedAtSeq>`,
 * so a deadline fired twice takes effect once (A3).
 */
export const deadlineSchema = z.object({
  kind: deadlineKindSchema,
  dueAt: z.string(),
  armedAtSeq: z.number().int().positive(),
});

/** A chat offered to an agent (issue 14): pending until accepted, declined or lapsed. Set only while QUEUED. */
export const pendingOfferSchema = z.object({
  agentId: z.string(),
  agentName: z.string(),
  expiresAt: z.string(),
});

/**
 * Issue 15: how urgent a waiting chat is, a small integer from
 * `PRIORITY_MIN` (normal, the default) to `PRIORITY_MAX`. Queues and the
 * router serve higher priority first, then the longest wait (R4.1 extended).
 */
export const PRIORITY_MIN = 0;
export const PRIORITY_MAX = 3;
export const prioritySchema = z.number().int().min(PRIORITY_MIN).max(PRIORITY_MAX);
/** The names of the levels, index = priority (shown in the consoles). */
export const PRIORITY_NAMES = ['Normal', 'High', 'Urgent', 'Critical'] as const;

/**
 * Issue 15: the longest wait an estimate may name, in seconds (24 hours): an
 * estimate beyond it says nothing useful and is capped.
 */
export const MAX_ESTIMATE_SECONDS = 86_400;
const estimateSeconds = z.number().int().min(0).max(MAX_ESTIMATE_SECONDS);

/**
 * Issue 15: the wait shown to the end user for the session's current (or
 * last) stay in its queue: a range in seconds, from the queue's live capacity
 * and recent handle times, made when it entered the queue (`queuedAt`).
 * `waitedSeconds` is the real wait, set when an agent took the chat; the
 * dashboard compares the two.
 */
export const waitEstimateSchema = z
  .object({
    minSeconds: estimateSeconds,
    maxSeconds: estimateSeconds,
    queuedAt: z.string(),
    waitedSeconds: z.number().int().nonnegative().optional(),
  })
  .refine((e) => e.minSeconds <= e.maxSeconds, { message: 'minSeconds must not exceed maxSeconds', path: ['minSeconds'] });

/** At most one deadline per kind. */
export const MAX_DEADLINES = deadlineKindSchema.options.length;
/**
 * Agents a session never goes back to (they let it go without a first
 * reply): at most this many, the oldest forgotten first. Bounds the state,
 * and so every event that carries the summary.
 */
export const MAX_EXCLUDED_AGENTS = 32;

/**
 * Issue 16 (ADR 24): most agents in a chat besides its owner at once
 * (invited colleagues who joined, supervisors who barged in), and most
 * invitations waiting for an answer at once. Both bound the summary.
 */
export const MAX_PARTICIPANTS = 4;
export const MAX_PENDING_INVITES = 4;

/** Issue 16: an agent in the chat besides its owner. */
export const guestSchema = z.object({
  agentId: z.string(),
  agentName: z.string(),
  via: z.enum(['invite', 'bargeIn']),
  joinedAt: z.string(),
});

/** Issue 16: an invitation waiting for its agent's answer (one per agent). */
export const pendingInviteSchema = z.object({
  agentId: z.string(),
  agentName: z.string(),
  fromAgentId: z.string(),
  fromAgentName: z.string(),
  note: z.string().optional(),
  at: z.string(),
});

/**
 * The chat session's summary (the "Master Chat Record" without its history).
 * A plain JSON object of bounded size: the history is the event log (the
 * commits, read in pages), never part of the state, so neither the stored
 * snapshot nor any reply grows with the chat.
 *
 * Invariants (checked by the domain's property tests):
 * - QUEUED: no owner, no transfer target, `queuedAt` set, not cancelled.
 * - ASSIGNED: exactly one owner (`ownerAgentId`), no transfer target.
 * - PENDING_TRANSFER: no owner; `transferTargetAgentId` is the owner-to-be.
 * - CLOSED / ABANDONED: terminal, no owner, no target.
 * - `version` is the seq of the last event applied; events are 1..n without gaps.
 * - at most `SESSION_LIMITS.maxEvents` events (plus the closing ones).
 *
 * Idempotency record: every event carries the `commandId` that produced it,
 * and one command's events are stored together. Whoever stores the events
 * finds a command's earlier outcome by its id and passes it to `decide` in
 * `ctx.earlier`; refused commands are not recorded (a refusal changes
 * nothing), so a retried refused command is decided again.
 */
export const sessionStateSchema = z.object({
  sessionId: z.string(),
  /** Number of applied events = seq of the last event. */
  version: z.number().int().nonnegative(),
  status: sessionStatusSchema,
  queue: z.string(),
  topic: z.string().optional(),
  companyId: z.string(),
  endUserId: z.string(),
  endUserName: z.string().optional(),
  requestId: z.string(),
  description: z.string(),
  /** Set only while ASSIGNED. */
  ownerAgentId: z.string().optional(),
  /** Set only while PENDING_TRANSFER: the agent who must accept. */
  transferTargetAgentId: z.string().optional(),
  /** Set only while PENDING_TRANSFER: the agent who initiated the transfer. */
  transferFromAgentId: z.string().optional(),
  cancelledByUser: z.boolean(),
  userLeft: z.boolean(),
  ticket: linkedTicketSchema.optional(),
  /** Every agent the session was ever assigned to, in order of first assignment (read access, R15). */
  participants: z.array(z.string()),
  /**
   * Display names of the agents the session was assigned or transferred to,
   * as recorded then (used when a profile is gone). Bounded like participants.
   */
  agentNames: z.array(agentNameRecordSchema).optional(),
  /**
   * The last RECENT_COMMANDS command ids applied, oldest first: where a
   * retry's first outcome is stored (A3), found without a search. Derived
   * from the events' command ids, so it survives any failover.
   */
  recentCommands: z.array(recentCommandSchema).optional(),
  /** The seq of the last event the end user sees (R13: not a side note); 0 when none. */
  lastVisibleSeq: z.number().int().nonnegative().optional(),
  createdAt: z.string(),
  /** When the session last entered QUEUED (oldest-first ordering, R4.1); absent when not QUEUED. */
  queuedAt: z.string().optional(),
  assignedAt: z.string().optional(),
  closedAt: z.string().optional(),
  /** Deadlines the session holds (ADR 13), at most one per kind; absent when none. */
  deadlines: z.array(deadlineSchema).max(MAX_DEADLINES).optional(),
  /** Agents this session is never assigned or offered to again, oldest first (at most MAX_EXCLUDED_AGENTS). */
  excludedAgentIds: z.array(z.string()).max(MAX_EXCLUDED_AGENTS).optional(),
  /** The agent who ended or abandoned the session (issue 14: the one who records its disposition). */
  endedByAgentId: z.string().optional(),
  /** The disposition code the agent recorded after the chat (issue 14, wrap-up). */
  disposition: z.object({ code: z.string(), agentId: z.string() }).optional(),
  /** The offer waiting for its agent's answer (only while QUEUED). */
  offer: pendingOfferSchema.optional(),
  /**
   * Agents who declined the chat or let its offer lapse, oldest first (at
   * most MAX_EXCLUDED_AGENTS): offered it again only when no one else is eligible.
   */
  passedOverAgentIds: z.array(z.string()).max(MAX_EXCLUDED_AGENTS).optional(),
  /** Issue 15: PRIORITY_MIN..PRIORITY_MAX, absent = PRIORITY_MIN; from the end user, company or topic at start, raised while QUEUED. */
  priority: prioritySchema.optional(),
  /** Issue 15: the wait estimate of the session's current (or last) stay in its queue, and the real wait once known. */
  waitEstimate: waitEstimateSchema.optional(),
  /**
   * Issue 16: the owner asked the supervisors of the queue for help; cleared
   * when lowered, when a supervisor takes the chat over, and whenever the
   * chat leaves that agent.
   */
  helpFlag: z.object({ agentId: z.string(), raisedAt: z.string() }).optional(),
  /**
   * Issue 16 (ADR 24): the agents in the chat besides its owner (at most
   * MAX_PARTICIPANTS), only while ASSIGNED to the owner who had them: they
   * leave when the chat leaves that owner (transfer, queue, take-over, end).
   */
  guests: z.array(guestSchema).max(MAX_PARTICIPANTS).optional(),
  /** Issue 16: invitations waiting for an answer (at most MAX_PENDING_INVITES); dropped like `guests`. */
  invites: z.array(pendingInviteSchema).max(MAX_PENDING_INVITES).optional(),
  /** Issue 15: the queue the chat overflowed from after its maximum wait (a chat overflows once). */
  overflowedFrom: z.string().optional(),
  /** Issue 15: since when the end user has been offered to leave a message or keep waiting (while QUEUED). */
  longWaitSince: z.string().optional(),
  /** Issue 17: the end user's satisfaction rating, given once after the chat ended (the comment at most MAX_RATING_COMMENT characters). */
  rating: z.object({ score: z.number().int(), comment: z.string().optional(), at: z.string() }).optional(),
});
export type SessionStateMessage = z.infer<typeof sessionStateSchema>;

/**
 * What every chat event, list item and pushed frame says about the session
 * right after the event: the part of the summary that routing, lists and
 * pushes need.
 */
export const sessionSummarySchema = sessionStateSchema.pick({
  sessionId: true,
  version: true,
  status: true,
  queue: true,
  companyId: true,
  endUserId: true,
  ownerAgentId: true,
  transferTargetAgentId: true,
  queuedAt: true,
  cancelledByUser: true,
  userLeft: true,
  excludedAgentIds: true,
  offer: true,
  passedOverAgentIds: true,
  priority: true,
  helpFlag: true,
  guests: true,
  invites: true,
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;
