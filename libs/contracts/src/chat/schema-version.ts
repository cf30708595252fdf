import { chatEventMessageSchema, type ChatEventMessage } from './commands.schema';
import { sessionEventSchema } from './events.schema';

/**
 * The version of the chat's messages on NATS (events, commands) and of the
 * events stored with each commit (issue 18: rolling upgrades). Raised only
 * for a change an older process cannot read; a new event type needs no
 * raise, since an older consumer skips a type it does not know. Messages
 * and documents written before versions existed carry none: version 1.
 */
export const CHAT_SCHEMA_VERSION = 1;

const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set(sessionEventSchema.options.map((o) => o.shape.type.value));

/** True for an event type this process's contracts define (a stored event of another type was written by a newer process). */
export function isKnownEventType(type: string): boolean {
  return KNOWN_EVENT_TYPES.has(type);
}

/** Why a consumer skips a chat event it read: from a newer writer, of a type it does not know, or malformed. */
export type ChatEventSkip = { reason: 'newerVersion'; version: number } | { reason: 'unknownType'; type: string } | { reason: 'invalid'; issues: string };

/**
 * How every consumer of the chat event stream reads a message: a message of
 * a newer schema version, or of an event type this process does not know,
 * is skipped (the caller logs it), never a failure, so old and new processes
 * can run side by side during an upgrade.
 */
export function readChatEventMessage(raw: unknown): { ok: true; message: ChatEventMessage } | { ok: false; skip: ChatEventSkip } {
  const body = typeof raw === 'object' && raw !== null ? (raw as { v?: unknown; event?: { type?: unknown } }) : {};
  if (typeof body.v === 'number' && body.v > CHAT_SCHEMA_VERSION) return { ok: false, skip: { reason: 'newerVersion', version: body.v } };
  const type = body.event?.type;
  if (typeof type === 'string' && !KNOWN_EVENT_TYPES.has(type)) return { ok: false, skip: { reason: 'unknownType', type } };
  const parsed = chatEventMessageSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, skip: { reason: 'invalid', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 500) } };
  return { ok: true, message: parsed.data };
}

/** A short description of a skip, for a log line. */
export function describeSkip(skip: ChatEventSkip): string {
  if (skip.reason === 'newerVersion') return `schema version ${skip.version} (this process reads up to ${CHAT_SCHEMA_VERSION})`;
  if (skip.reason === 'unknownType') return `event type ${skip.type} unknown to this process`;
  return `malformed: ${skip.issues}`;
}
