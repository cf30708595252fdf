import { z } from 'zod';
import type { WireError } from '../errors/error-codes';

/**
 * Every NATS request gets exactly one reply in this envelope. Replies are
 * validated on receipt, so a payload can never be mistaken for transport
 * metadata (the NestJS transporter unwraps any `response` key, #17669).
 */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: WireError };

export const wireErrorSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  details: z.unknown().optional(),
});

export function replySchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: wireErrorSchema }),
  ]);
}

export const ok = <T>(data: T): Reply<T> => ({ ok: true, data });
export const fail = (code: string, message: string, details?: unknown): Reply<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
