import { z } from 'zod';

/**
 * Transcripts of a chat (issue 17), over the gateway's REST API next to the
 * WebSocket (docs/protocol/websocket.md, "Transcripts"):
 *
 * - `endUser`: what the end user saw (messages and notifications, never side
 *   notes, R13), for the chat's end user and administrators;
 * - `internal`: everything, side notes included, for the agents of the chat
 *   (owner, transfer target, anyone who held it) and administrators; attached
 *   to the chat's ticket when the chat ends (R14).
 *
 * Both are PDF documents written while the history is read, a page of
 * TRANSCRIPT_PAGE_EVENTS events at a time, so a chat of any length is never
 * held whole in memory.
 */
export const TRANSCRIPT_KINDS = ['endUser', 'internal'] as const;
export type TranscriptKind = (typeof TRANSCRIPT_KINDS)[number];

/** Events read from the event log per page while a transcript is written (the session store's HISTORY_READ_MAX). */
export const TRANSCRIPT_PAGE_EVENTS = 100;

/** Media type of every transcript. */
export const TRANSCRIPT_MEDIA_TYPE = 'application/pdf';

/** Where a transcript is fetched (GET, `Authorization: Bearer <token>`). */
export function transcriptPath(sessionId: string, kind: TranscriptKind = 'endUser'): string {
  const base = `/api/transcripts/${encodeURIComponent(sessionId)}`;
  return kind === 'internal' ? `${base}/internal` : base;
}

/** The end user's e-mail choice for one chat: GET to read it, PUT `{send}` to change it. */
export function transcriptEmailPath(sessionId: string): string {
  return `/api/transcripts/${encodeURIComponent(sessionId)}/email`;
}

/** The internal transcript attached to a ticket (R14). */
export function ticketTranscriptPath(ticketId: string): string {
  return `/api/tickets/${encodeURIComponent(ticketId)}/transcript`;
}

/** The file name a transcript is offered under. */
export function transcriptFileName(sessionId: string, kind: TranscriptKind = 'endUser'): string {
  const safe = sessionId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
  return kind === 'internal' ? `chat-${safe}-internal.pdf` : `chat-${safe}.pdf`;
}

/** Body of `PUT /api/transcripts/:sessionId/email`. */
export const transcriptEmailRequestSchema = z.object({ send: z.boolean({ error: 'must be true or false' }) }).strict();
export type TranscriptEmailRequest = z.infer<typeof transcriptEmailRequestSchema>;

/**
 * Why the widget cannot offer the e-mail: the administrator's setting is off,
 * the gateway has no mail server configured, or the end user's record holds
 * no address (transcripts go only to the address on file, ADR 15).
 */
export const TRANSCRIPT_EMAIL_UNAVAILABLE_REASONS = ['settingOff', 'notConfigured', 'noAddress'] as const;

/** What the widget shows of the e-mail option for one chat. */
export const transcriptEmailStatusSchema = z.object({
  /** The end user may ask for the e-mail on this chat. */
  available: z.boolean(),
  /** Why not, when not available. */
  reason: z.enum(TRANSCRIPT_EMAIL_UNAVAILABLE_REASONS).optional(),
  /** The address on the end user's record it goes to (shown so they know where). */
  address: z.string().optional(),
  /** The end user asked for it: it is sent when the chat ends (at once when it already has). */
  requested: z.boolean(),
  /** When it was handed to the mail server. */
  sentAt: z.string().optional(),
});
export type TranscriptEmailStatus = z.infer<typeof transcriptEmailStatusSchema>;

/** The internal transcript as attached to a ticket (R14), as the admin chat record shows it. */
export const ticketTranscriptSchema = z.object({
  /** `GET` it here (ticketTranscriptPath). */
  path: z.string(),
  attachedAt: z.string(),
  /** The transcript holds the chat's events up to this seq (the chat's last when it ended). */
  lastSeq: z.number().int().nonnegative(),
});
export type TicketTranscript = z.infer<typeof ticketTranscriptSchema>;

/**
 * Refusals of the transcript endpoints (`{code, message}` with the HTTP status):
 * `UNAUTHORIZED` 401, `FORBIDDEN` 403 (not the chat's end user, not an agent of
 * the chat, not an administrator), `SESSION_NOT_FOUND` 404,
 * `TRANSCRIPT_NOT_ATTACHED` 404 (no ticket with a transcript),
 * `VALIDATION` 400, `TRANSCRIPT_EMAIL_UNAVAILABLE` 409 (`details.reason`),
 * `TOO_MANY_TRANSCRIPTS` 429 (the gateway writes its most at once, `details.max`).
 */
export const TRANSCRIPT_ERROR_CODES = [
  'UNAUTHORIZED',
  'FORBIDDEN',
  'SESSION_NOT_FOUND',
  'TRANSCRIPT_NOT_ATTACHED',
  'VALIDATION',
  'TRANSCRIPT_EMAIL_UNAVAILABLE',
  'TOO_MANY_TRANSCRIPTS',
] as const;
export type TranscriptErrorCode = (typeof TRANSCRIPT_ERROR_CODES)[number];
