import { z } from 'zod';
import { listQuerySchema } from './admin-resources.schema';

export const SESSION_STATUS_VALUES = ['QUEUED', 'ASSIGNED', 'PENDING_TRANSFER', 'CLOSED', 'ABANDONED'] as const;
export type SessionStatusValue = (typeof SESSION_STATUS_VALUES)[number];

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

/** One Master Chat Record with its whole history (messages, side notes, system events). */
export interface SessionDetailView extends SessionSummaryView {
  version: number;
  /** Who holds it now: the owner (ASSIGNED) or the transfer target (PENDING_TRANSFER). */
  owner?: { agentId: string; displayName: string; role: 'owner' | 'transferTarget' };
  participants: string[];
  ticket?: { id?: string; status?: string; summary?: string; [field: string]: unknown };
  history: SessionHistoryEntryView[];
}

export const forceCloseSchema = z.object({ comment: z.string().trim().max(4000).optional() }).strict();
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
  presence: 'online' | 'away' | 'offline';
  load: number;
  /** 0: no limit. */
  cap: number;
}

/** What the dashboard shows; pushed whenever something changes (server-sent events). */
export interface DashboardSnapshot {
  generatedAt: string;
  queues: DashboardQueueView[];
  /** Oldest `queuedAt` over every queue; the page counts the wait up from it. */
  oldestQueuedAt?: string;
  agents: DashboardAgentView[];
  sessionsByStatus: Record<SessionStatusValue, number>;
  /** Assignments (accepted or automatic) per minute, oldest first, the current minute last. */
  assignmentsPerMinute: Array<{ minute: string; count: number }>;
}
