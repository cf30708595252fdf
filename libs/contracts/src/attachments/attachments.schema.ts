import { z } from 'zod';
import { plainText } from '../text/plain-text';

/**
 * Files and screenshots in a chat (issue 17). The bytes travel over HTTP
 * only (streamed by the gateway into the attachment store, never over NATS
 * and never whole in memory); a chat command and its `AttachmentPosted` event
 * carry this reference, so the file takes its place in the session's history
 * in order with the messages.
 */

/** Longest file name kept, in characters (longer names are cut at the edge). */
export const ATTACHMENT_NAME_MAX = 255;

/**
 * Largest attachment an administrator may allow (`attachmentMaxBytes`,
 * 0 to this): 100 MiB. The default is ATTACHMENT_DEFAULT_MAX_BYTES.
 */
export const ATTACHMENT_MAX_BYTES_CEILING = 100 * 1024 * 1024;
export const ATTACHMENT_DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Most media types the administrator may list in `attachmentTypes`. */
export const ATTACHMENT_TYPES_MAX = 50;

/** Bytes of a file's beginning its type is decided from (the content's magic bytes, never its name). */
export const ATTACHMENT_SNIFF_BYTES = 4100;

/** A media type as the settings and the references hold it: `type/subtype`, lower case. */
export const mediaTypeSchema = z
  .string()
  .max(100)
  .regex(/^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/, 'must be a media type such as image/png');

/** The store's id of a file (a MongoDB ObjectId in hex for GridFS; other stores use the same alphabet). */
export const attachmentIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not an attachment id');

/**
 * What a message says about its file: the store's id, the name the sender
 * gave it (masked like a message), the type found in its content, and its
 * size in bytes. Bounded: at most a few hundred bytes.
 */
export const attachmentRefSchema = z
  .object({
    id: attachmentIdSchema,
    name: plainText().trim().min(1).max(ATTACHMENT_NAME_MAX),
    mediaType: mediaTypeSchema,
    size: z.number().int().min(1).max(ATTACHMENT_MAX_BYTES_CEILING),
  })
  .strict();
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;

/** Media types shown as an inline preview in the consoles (and served `inline`); every other type is a download. */
export const PREVIEWABLE_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export function isPreviewable(mediaType: string): boolean {
  return (PREVIEWABLE_MEDIA_TYPES as readonly string[]).includes(mediaType);
}

/**
 * Typed refusals of the attachment endpoints (`{code, message}`, with the
 * HTTP status of ATTACHMENT_ERROR_STATUS). Besides these, an upload may get
 * the chat session's own codes (`NOT_OWNER`, `SESSION_CLOSED`, ...).
 */
export const ATTACHMENT_ERROR_CODES = [
  /** Larger than the administrator's `attachmentMaxBytes` (or attachments are off: 0). */
  'ATTACHMENT_TOO_LARGE',
  /** The type found in the content is not in `attachmentTypes`, whatever the name or Content-Type said. */
  'ATTACHMENT_TYPE_NOT_ALLOWED',
  /** An upload without a single byte. */
  'ATTACHMENT_EMPTY',
  /** The caller is neither a participant of the chat nor an administrator. */
  'NOT_A_PARTICIPANT',
  /** The signed link's time is up: ask for a new one. */
  'LINK_EXPIRED',
  /** The link was not signed by this deployment, or was changed. */
  'LINK_INVALID',
  /** No such file (or not in that chat). */
  'ATTACHMENT_NOT_FOUND',
] as const;
export type AttachmentErrorCode = (typeof ATTACHMENT_ERROR_CODES)[number];

export const ATTACHMENT_ERROR_STATUS: Readonly<Record<AttachmentErrorCode, number>> = {
  ATTACHMENT_TOO_LARGE: 413,
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  ATTACHMENT_EMPTY: 400,
  NOT_A_PARTICIPANT: 403,
  LINK_EXPIRED: 410,
  LINK_INVALID: 403,
  ATTACHMENT_NOT_FOUND: 404,
};

/** `GET /api/sessions/:sessionId/attachments/:attachmentId/link`: a signed download link that expires. */
export const attachmentLinkSchema = z.object({
  /** Path and query on the gateway (relative: the consoles and the widget are served by it). */
  url: z.string(),
  expiresAt: z.string(),
});
export type AttachmentLink = z.infer<typeof attachmentLinkSchema>;
