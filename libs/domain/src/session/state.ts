import type { SessionEvent } from './events';
import type { IsoTime, LinkedTicket, SessionStatus } from './types';

/** One history entry is one event (see events.ts): messages, side notes and system events in order. */
export type HistoryEntry = SessionEvent;

/** How many of the latest command ids a session remembers (`recentCommands`). */
export const RECENT_COMMANDS = 16;

/** A command applied to the session: its id and the seq of its first event (its events start there). */
export interface RecentCommand {
  readonly id: string;
  readonly firstSeq: number;
}

/** An agent's display name as recorded when the session was assigned or transferred to them. */
export interface AgentNameRecord {
  readonly id: string;
  readonly name: string;
}

/**
 * The chat session's summary (the "Master Chat Record" without its history).
 * A plain JSON object of bounded size: the history is the event log (the
 * commits, read in pages), never part of the state, so neither the stored
 * snapshot nor any reply grows with the chat.
 *
 * Invariants (checked by the property tests):
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
  /**
   * Display names of the agents the session was assigned or transferred to,
   * as recorded then (used when a profile is gone). Bounded like participants.
   */
  readonly agentNames?: readonly AgentNameRecord[];
  /**
   * The last RECENT_COMMANDS command ids applied, oldest first: where a
   * retry's first outcome is stored (A3), found without a search. Derived
   * from the events' command ids, so it survives any failover.
   */
  readonly recentCommands?: readonly RecentCommand[];
  /** The seq of the last event the end user sees (R13: not a side note); 0 when none. */
  readonly lastVisibleSeq?: number;
  readonly createdAt: IsoTime;
  /** When the session last entered QUEUED (oldest-first ordering, R4.1); absent when not QUEUED. */
  readonly queuedAt?: IsoTime;
  readonly assignedAt?: IsoTime;
  readonly closedAt?: IsoTime;
}
