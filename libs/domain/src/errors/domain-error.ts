/**
 * Typed refusals. `decide` never throws for a business reason: it returns a
 * `DomainError` (plain, JSON-safe object) so that the actor can put it straight
 * into a NATS reply and the gateway can map `code` to a UI message (R19: every
 * refusal is a typed error with a code and a human message).
 */
export const DOMAIN_ERROR_CODES = [
  /** Malformed command: empty text, missing field, text too long... */
  'VALIDATION',
  /** The caller did not pass what `decide` needs in the context (a programming error of the caller). */
  'CONTEXT_INCOMPLETE',
  /** A command id was reused by another actor or for another session. */
  'COMMAND_ID_REUSED',
  /** R19: the actor may not act on this session at all. */
  'FORBIDDEN',
  'SESSION_NOT_FOUND',
  /** A start for an existing session id with another request id. */
  'SESSION_EXISTS',
  /** CLOSED or ABANDONED sessions accept no command. */
  'SESSION_CLOSED',
  /** The command does not apply in the session's current status. */
  'INVALID_STATE',
  /** R3.4: someone else got the session first. */
  'ALREADY_TAKEN',
  /** R19: only the owning agent transfers, releases, ends, abandons, creates tickets, requests control. */
  'NOT_OWNER',
  /** R5.1: only the transfer target accepts a PENDING_TRANSFER session. */
  'NOT_TRANSFER_TARGET',
  /** R5.3 / R6. */
  'TRANSFER_TARGET_NOT_ELIGIBLE',
  /** R7: Support Queues and Use Topics must both be on. */
  'QUEUE_TRANSFER_DISABLED',
  'QUEUE_NOT_FOUND',
  /** R1: Use Topics is on and the topic is missing or unknown. */
  'TOPIC_REQUIRED',
  'TOPIC_NOT_FOUND',
  /** R11.3 and after: the end user cancelled. */
  'USER_CANCELLED',
  /** R14: at most one ticket per session. */
  'TICKET_EXISTS',
  /** R9: resolveTicket asked for without a linked ticket. */
  'NO_TICKET',
  /** R9.1: with a linked ticket the agent must choose resolve or not. */
  'TICKET_CHOICE_REQUIRED',
  /** R16. */
  'REMOTE_CONTROL_NOT_CONFIGURED',
  'ASSET_NOT_FOUND',
  /** R4/R18: the agent is not online. */
  'AGENT_UNAVAILABLE',
  /** R4.1: the agent is at the max-concurrent cap. */
  'AGENT_AT_CAPACITY',
  /** R2: the agent is not of the session's queue or company. */
  'AGENT_NOT_ELIGIBLE',
  /** R4.2: with Agent Auto Accept on, agents do not pick from the Queue tab. */
  'MANUAL_ACCEPT_DISABLED',
  /** R4: auto-assignment issued while Agent Auto Accept is off. */
  'AUTO_ACCEPT_OFF',
  /** The session holds its maximum number of events (see `SESSION_LIMITS`): only ending it is still possible. */
  'SESSION_FULL',
  /** A `DeadlineReached` for a deadline the session no longer holds as armed at that seq (cleared, re-armed, fired). */
  'DEADLINE_NOT_ARMED',
  /** A `DeadlineReached` before the deadline's time (a timer that fired early): fired again later. */
  'DEADLINE_NOT_DUE',
  /** Issue 14: the chat is offered to an agent right now; it waits for that agent's answer. */
  'OFFER_PENDING',
  /** Issue 14: no offer of this chat is waiting for you (taken, declined, lapsed, or offered to someone else). */
  'OFFER_NOT_FOUND',
  /** Issue 14: the chat's disposition is recorded already, or the chat is not ended by you yet. */
  'DISPOSITION_NOT_OPEN',
  /** Issue 16: only a supervisor of the chat's queue monitors, whispers, takes over. */
  'NOT_SUPERVISOR',
  /** Issue 16 (ADR 24): you are not in this chat besides its owner (leave, or a participant's command). */
  'NOT_PARTICIPANT',
  /** Issue 16: the agent is in the chat already (owner or participant), or invited already. */
  'ALREADY_PARTICIPANT',
  /** Issue 16: no invitation of this chat waits for that agent (answered, cancelled, or never made). */
  'INVITE_NOT_FOUND',
  /** Issue 16: the chat has MAX_PARTICIPANTS participants, or MAX_PENDING_INVITES invitations waiting, already. */
  'TOO_MANY_PARTICIPANTS',
  /** Issue 15: the queue is outside its opening hours (details: `queue`, `nextOpeningAt` when known, `timeZone`); leave a message instead. */
  'QUEUE_CLOSED',
  /** Issue 17: the chat is not ended yet, so it cannot be rated. */
  'RATING_NOT_OPEN',
  /** Issue 17: the chat was rated already (once per chat). */
  'ALREADY_RATED',
  /** A file larger than the administrator's `attachmentMaxBytes` (0: attachments are off). */
  'ATTACHMENT_TOO_LARGE',
  /** A file whose content (magic bytes) is of a type not in `attachmentTypes`, whatever its name says. */
  'ATTACHMENT_TYPE_NOT_ALLOWED',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface DomainError {
  readonly code: DomainErrorCode;
  /** Human, English, safe to show to the person who issued the command. */
  readonly message: string;
  /** Optional machine-readable facts (ids, limits) for clients and logs. */
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

export function domainError(
  code: DomainErrorCode,
  message: string,
  details?: Record<string, string | number | boolean>,
): DomainError {
  return details === undefined ? { code, message } : { code, message, details };
}
