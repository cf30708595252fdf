import { domainError, type DomainError } from '../errors/domain-error';
import type { Settings } from '../settings/settings';

/**
 * The administrator's limits on files and screenshots (issue 17): a largest
 * size and the media types allowed, the type always as found in the content
 * (magic bytes), never as the name or the sender's Content-Type claims.
 * The numbers are the contracts' (`ATTACHMENT_*` in attachments.schema.ts);
 * the domain imports no values from there, so they are repeated here and a
 * unit test checks that both agree.
 */
export const ATTACHMENT_LIMITS = {
  /** Largest `attachmentMaxBytes` an administrator may set: 100 MiB. */
  maxBytesCeiling: 100 * 1024 * 1024,
  /** Most entries of `attachmentTypes`. */
  maxTypes: 50,
} as const;

export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Screenshots, photos, PDFs and plain text (logs): what an IT service desk is sent most. */
export const DEFAULT_ATTACHMENT_TYPES: readonly string[] = Object.freeze([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
]);

const MEDIA_TYPE = /^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/;

/** The settings' attachment fields checked; undefined when they are fine. */
export function attachmentSettingsProblem(maxBytes: unknown, types: unknown): { field: string; message: string } | undefined {
  if (typeof maxBytes !== 'number' || !Number.isInteger(maxBytes) || maxBytes < 0 || maxBytes > ATTACHMENT_LIMITS.maxBytesCeiling) {
    return {
      field: 'attachmentMaxBytes',
      message: `Largest attachment must be a whole number of bytes from 0 (attachments off) to ${ATTACHMENT_LIMITS.maxBytesCeiling} (100 MiB).`,
    };
  }
  if (!Array.isArray(types) || types.length > ATTACHMENT_LIMITS.maxTypes) {
    return { field: 'attachmentTypes', message: `Attachment types must be a list of at most ${ATTACHMENT_LIMITS.maxTypes} media types.` };
  }
  const bad = types.find((t) => typeof t !== 'string' || t.length > 100 || !MEDIA_TYPE.test(t));
  if (bad !== undefined) {
    return { field: 'attachmentTypes', message: `"${String(bad).slice(0, 100)}" is not a media type such as image/png (lower case, type/subtype).` };
  }
  return undefined;
}

/**
 * An upload of `size` bytes (as far as known: the declared length, or the
 * bytes received so far) against the limit; undefined while it fits.
 */
export function attachmentSizeProblem(settings: Pick<Settings, 'attachmentMaxBytes'>, size: number): DomainError | undefined {
  const max = settings.attachmentMaxBytes;
  if (max === 0) return domainError('ATTACHMENT_TOO_LARGE', 'Attachments are switched off by your administrator.', { maxBytes: 0 });
  if (size <= max) return undefined;
  return domainError('ATTACHMENT_TOO_LARGE', `The file is larger than the ${formatBytes(max)} your administrator allows.`, { maxBytes: max });
}

/**
 * The type found in the file's content against the allowed list. `claimed`
 * (from the name or Content-Type) only makes the message clearer: a file that
 * claims one type and holds another is refused as what it holds.
 */
export function attachmentTypeProblem(
  settings: Pick<Settings, 'attachmentTypes'>,
  detected: string,
  claimed?: string,
): DomainError | undefined {
  if (settings.attachmentTypes.includes(detected)) return undefined;
  const disguised = claimed !== undefined && claimed !== detected && settings.attachmentTypes.includes(claimed);
  return domainError(
    'ATTACHMENT_TYPE_NOT_ALLOWED',
    disguised
      ? `The file says it is ${claimed} but its content is ${describeType(detected)}, which your administrator does not allow.`
      : `Files of type ${describeType(detected)} are not allowed here.`,
    { detected, ...(claimed !== undefined ? { claimed } : {}), allowed: settings.attachmentTypes.join(', ') },
  );
}

/**
 * The media type of a file from its beginning: what the magic-byte sniffer
 * found, else `text/plain` when the beginning is UTF-8 text without control
 * characters (logs, configuration), else `application/octet-stream`.
 */
export function detectedMediaType(sniffed: string | undefined, head: Uint8Array): string {
  if (sniffed !== undefined) return sniffed.toLowerCase();
  return looksLikeText(head) ? 'text/plain' : 'application/octet-stream';
}

/** UTF-8 without NUL or control characters other than tab, line feed, carriage return and form feed (a cut last character is fine). */
export function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

/** The media type a file name's extension suggests, for messages only (never for a decision). */
export function mediaTypeOfName(name: string): string | undefined {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  if (ext === undefined) return undefined;
  return NAME_TYPES[ext];
}

const NAME_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  log: 'text/plain',
};

function describeType(mediaType: string): string {
  return mediaType === 'application/octet-stream' ? 'unknown binary data' : mediaType;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
