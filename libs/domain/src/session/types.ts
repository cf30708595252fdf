/**
 * Shared vocabulary of the session aggregate.
 *
 * Time is an ISO-8601 UTC string everywhere (`Date.prototype.toISOString()`
 * format): readable in MongoDB and in logs, and ordered by plain comparison of
 * the parsed value. The domain never reads a clock: `now` comes in the context.
 */
export type IsoTime = string;

export type ActorRole = 'endUser' | 'agent' | 'admin' | 'system';

/** Who issued a command. `system` is the router / gateway acting on its own (R4, R5.4, R12). */
export interface Actor {
  readonly role: ActorRole;
  readonly id: string;
}

export const SESSION_STATUSES = ['QUEUED', 'ASSIGNED', 'PENDING_TRANSFER', 'CLOSED', 'ABANDONED'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Statuses in which a session is live (R1.2: at most one per end user). */
export const OPEN_STATUSES: readonly SessionStatus[] = ['QUEUED', 'ASSIGNED', 'PENDING_TRANSFER'];

export function isOpenStatus(status: SessionStatus): boolean {
  return status === 'QUEUED' || status === 'ASSIGNED' || status === 'PENDING_TRANSFER';
}

export function isTerminalStatus(status: SessionStatus): boolean {
  return status === 'CLOSED' || status === 'ABANDONED';
}

export type TicketStatus = 'Open' | 'Resolved' | 'Cancelled';

export interface LinkedTicket {
  readonly ticketId: string;
  readonly status: TicketStatus;
  readonly summary: string;
}

/** Longest accepted message, side note, description or summary, in characters. */
export const MAX_TEXT_LENGTH = 10_000;
