import type { SessionEvent } from './events';
import type { IsoTime, LinkedTicket, SessionStatus } from './types';

/** One history entry is one event (see events.ts): messages, side notes and system events in order. */
export type HistoryEntry = SessionEvent;

/**
 * The chat session (the "Master Chat Record"). A plain JSON object: the
 * chat-actor stores it in MongoDB as it is and replaces it conditionally on
 * `version` (A2).
 *
 * Invariants (checked by the property tests):
 * - QUEUED: no owner, no transfer target, `queuedAt` set, not cancelled.
 * - ASSIGNED: exactly one owner (`ownerAgentId`), no transfer target.
 * - PENDING_TRANSFER: no owner; `transferTargetAgentId` is the owner-to-be.
 * - CLOSED / ABANDONED: terminal, no owner, no target.
 * - `version === history.length === history[last].seq`, seq 1..n without gaps.
 *
 * Idempotency record: every history entry carries the `commandId` that
 * produced it, and one command's events are contiguous. So the history itself
 * is the complete, never-trimmed map "command id -> outcome" (see
 * `findCommandOutcome`); no second structure to keep in step, and no MongoDB
 * field names made of client-chosen ids. Refused commands are not recorded
 * (a refusal changes nothing), so a retried refused command is decided again.
 */
export interface SessionState {
  readonly sessionId: string;
  /** Number of applied events = seq of the last event. */
  readonly version: number;
  readonly status: SessionStatus;
  readonly queue: string;
  readonly topic?: string;
  readonly companyId: string;
  readonly endUserId: string;
  readonly endUserName?: string;
  readonly requestId: string;
  readonly description: string;
  /** Set only while ASSIGNED. */
  readonly ownerAgentId?: string;
  /** Set only while PENDING_TRANSFER: the agent who must accept. */
  readonly transferTargetAgentId?: string;
  /** Set only while PENDING_TRANSFER: the agent who initiated the transfer. */
  readonly transferFromAgentId?: string;
  readonly cancelledByUser: boolean;
  readonly userLeft: boolean;
  readonly ticket?: LinkedTicket;
  /** Every agent the session was ever assigned to, in order of first assignment (read access, R15). */
  readonly participants: readonly string[];
  readonly history: readonly HistoryEntry[];
  readonly createdAt: IsoTime;
  /** When the session last entered QUEUED (oldest-first ordering, R4.1); absent when not QUEUED. */
  readonly queuedAt?: IsoTime;
  readonly assignedAt?: IsoTime;
  readonly closedAt?: IsoTime;
}
