import type { ActorMessage, SessionStateMessage } from '@switchboard/contracts';

/**
 * Shared vocabulary of the session aggregate. The types that travel in
 * commands, events and the summary are those of `@switchboard/contracts`
 * (type-only import, ADR 7).
 *
 * Time is an ISO-8601 UTC string everywhere (`Date.prototype.toISOString()`
 * format): readable in MongoDB and in logs, and ordered by plain comparison of
 * the parsed value. The domain never reads a clock: `now` comes in the context.
 */
export type IsoTime = string;

/** Who issued a command. `system` is the router / gateway acting on its own (R4, R5.4, R12). */
export type Actor = Readonly<ActorMessage>;
export type ActorRole = Actor['role'];

export type SessionStatus = SessionStateMessage['status'];

/** Statuses in which a session is live (R1.2: at most one per end user). */
export const OPEN_STATUSES: readonly SessionStatus[] = ['QUEUED', 'ASSIGNED', 'PENDING_TRANSFER'];

export function isOpenStatus(status: SessionStatus): boolean {
  return status === 'QUEUED' || status === 'ASSIGNED' || status === 'PENDING_TRANSFER';
}

export function isTerminalStatus(status: SessionStatus): boolean {
  return status === 'CLOSED' || status === 'ABANDONED';
}

export type LinkedTicket = Readonly<NonNullable<SessionStateMessage['ticket']>>;
export type TicketStatus = LinkedTicket['status'];
