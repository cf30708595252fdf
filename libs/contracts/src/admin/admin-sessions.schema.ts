import { z } from 'zod';
import { MAX_TEXT } from '../chat/commands.schema';
import { SESSION_STATUS_VALUES, type SessionStatusValue } from '../chat/session.schema';
import { listQuerySchema, type Page } from './admin-resources.schema';
import type { TicketTranscript } from '../transcripts/transcripts.schema';

const isoDate = z.iso.datetime({ offset: true, message: 'not a date and time (ISO 8601)' });
const idFilter = z.string().trim().max(128).optional();

/** Master Chat Records search (R17): by id, end user, agent, status, time started. */
export const sessionListQuerySchema = listQuerySchema
  .extend({
    status: z.enum(SESSION_STATUS_VALUES).optional(),
    endUserId: idFilter,
    /** The agent who owns it now or ever held it. */
    agentId: idFilter,
    queue: idFilter,
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'must not be before "from"', path: ['to'] });
export type SessionListQuery = z.infer<typeof sessionListQuerySchema>;

export interface SessionSummaryView {
  sessionId: string;
  status: SessionStatusValue;
  queue: string;
  topic?: string;
  endUserId: string;
  endUserName?: string;
  companyId: string;
  ownerAgentId?: string;
  transferTargetAgentId?: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  cancelledByUser: boolean;
  userLeft: boolean;
}

export interface SessionHistoryEntryView {
  seq: number;
  type: string;
  at: string;
  by: { role: string; id: string };
  [field: string]: unknown;
}

/**
 * One Master Chat Record with the most recent page of its history (messages,
 * side notes, system events); older pages come from
 * `GET /api/admin/sessions/:id/history?beforeSeq=&limit=`.
 */
export interface SessionDetailView extends SessionSummaryView {
  version: number;
  /** Who holds it now: the owner (ASSIGNED) or the transfer target (PENDING_TRANSFER). */
  owner?: { agentId: string; displayName: string; role: 'owner' | 'transferTarget' };
  participants: string[];
  /** R14: the chat's ticket; `transcript`: its internal transcript, attached when the chat ended. */
  ticket?: { id?: string; status?: string; summary?: string; transcript?: TicketTranscript; [field: string]: unknown };
  history: SessionHistoryEntryView[];
  /** Issue 17: the end user's satisfaction rating (1 to 5, an optional comment), once the chat ended and they gave one. */
  rating?: { score: number; comment?: string; at: string };
  /** Older entries exist before the first of `history`. */
  hasOlder: boolean;
}

/** A page of a Master Chat Record's history, oldest first. */
export interface SessionHistoryPageView {
  events: SessionHistoryEntryView[];
  hasOlder: boolean;
  /** The session's latest seq. */
  lastSeq: number;
}

/** Query of `GET /api/admin/sessions/:id/history`: entries before `beforeSeq` (default: the newest), at most `limit` (1 to 100, default 50). */
export const sessionHistoryQuerySchema = z
  .object({
    beforeSeq: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();
export type SessionHistoryQuery = z.infer<typeof sessionHistoryQuerySchema>;

export const forceCloseSchema = z.object({ comment: z.string().trim().max(MAX_TEXT).optional() }).strict();
export type ForceCloseRequest = z.infer<typeof forceCloseSchema>;

// ---------- live dashboard ----------

export interface DashboardQueueView {
  queue: string;
  waiting: number;
  /** When the session waiting longest entered the queue; absent when none waits. */
  oldestQueuedAt?: string;
}

export interface DashboardAgentView {
  id: string;
  displayName: string;
  presence: 'online' | 'away' | 'notResponding' | 'offline';
  load: number;
  /** 0: no limit. */
  cap: number;
}

/**
 * How fresh a read of the chat records is (the sessions list and search, the
 * dashboard). A command is answered once the record's status, queue and
 * owner are written, so the figures reflect every change answered before
 * `asOf`; the events of a change go out just before its record follows, so
 * `recordsBehind` counts the rows read that had not yet followed an event
 * the gateway already had. Both `eventsBehind` and `recordsBehind` 0: the
 * figures hold every chat event up to `eventSeq`.
 */
export interface RecordFreshness {
  /** When the records were read. */
  asOf: string;
  /** Stream sequence of the newest chat event the gateway had taken in at `asOf` (0: none yet). */
  eventSeq: number;
  /** When that event happened. */
  lastEventAt?: string;
  /** Chat events already stored after `eventSeq` that the gateway had not taken in at `asOf`: 0 once it caught up. */
  eventsBehind: number;
  /** Rows of this read whose record had not yet followed an event already out that changed the session's status, queue or owner. */
  recordsBehind: number;
}

/** A page of the sessions list (search), with how fresh it is. */
export interface SessionPage extends Page<SessionSummaryView> {
  freshness: RecordFreshness;
}

/** What the dashboard shows; pushed whenever something changes (server-sent events). */
export interface DashboardSnapshot {
  generatedAt: string;
  freshness: RecordFreshness;
  queues: DashboardQueueView[];
  /** Oldest `queuedAt` over every queue; the page counts the wait up from it. */
  oldestQueuedAt?: string;
  agents: DashboardAgentView[];
  sessionsByStatus: Record<SessionStatusValue, number>;
  /** Assignments (accepted or automatic) per minute, oldest first, the current minute last. */
  assignmentsPerMinute: Array<{ minute: string; count: number }>;
  /**
   * Offers (issue 14): chats offered to an agent now, and offers declined and
   * lapsed within the same window as `assignmentsPerMinute` (15 minutes).
   * Absent from an older gateway.
   */
  offers?: { pending: number; declined: number; lapsed: number };
  /**
   * Issue 17: the satisfaction ratings of every chat rated so far, how many
   * and their average score (1 to 5; absent while none). Absent from an older gateway.
   */
  satisfaction?: { count: number; average?: number };
}
