import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { fail, ok, replySchema, type Reply } from '@switchboard/contracts';
import type { z } from 'zod';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const encodeJson = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));
export const decodeJson = (data: Uint8Array): unknown => JSON.parse(decoder.decode(data));

/** A refusal with a stable code, turned into a `{ ok: false }` reply by `serveRequests`. */
export class RequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface ServeOptions<S extends z.ZodType> {
  subject: string;
  queue?: string;
  schema: S;
  /** Requests larger than this are refused before parsing. */
  maxBytes?: number;
  onError?: (error: unknown, subject: string) => void;
}

/**
 * Thin NATS adapter: parse, validate, call one handler, reply exactly once
 * with the envelope. A bad or failing request never stops the subscription.
 */
export function serveRequests<S extends z.ZodType, R>(
  nc: NatsConnection,
  options: ServeOptions<S>,
  handler: (request: z.infer<S>, msg: Msg) => Promise<R>,
): Subscription {
  const maxBytes = options.maxBytes ?? 64 * 1024;
  return nc.subscribe(options.subject, {
    queue: options.queue,
    callback: (err, msg) => {
      if (err) {
        options.onError?.(err, options.subject);
        return;
      }
      void respond(msg);
    },
  });

  async function respond(msg: Msg): Promise<void> {
    let reply: Reply<R>;
    try {
      reply = ok(await handle(msg));
    } catch (error) {
      if (error instanceof RequestError) {
        reply = fail(error.code, error.message, error.details);
      } else {
        options.onError?.(error, options.subject);
        reply = fail('INTERNAL', 'The service failed to handle the request');
      }
    }
    if (msg.reply) msg.respond(encodeJson(reply));
  }

  async function handle(msg: Msg): Promise<R> {
    if (msg.data.length > maxBytes) {
      throw new RequestError('PAYLOAD_TOO_LARGE', `Request is ${msg.data.length} bytes; the limit is ${maxBytes}`);
    }
    let body: unknown;
    try {
      body = decodeJson(msg.data);
    } catch {
      throw new RequestError('BAD_REQUEST', 'Request is not valid JSON');
    }
    const parsed = options.schema.safeParse(body);
    if (!parsed.success) {
      throw new RequestError('BAD_REQUEST', 'Request does not match its contract', parsed.error.issues);
    }
    return handler(parsed.data, msg);
  }
}

/**
 * Sends a request and validates the reply against its contract. Transport
 * failures come back as typed errors too, so callers handle one shape.
 */
export async function requestJson<T extends z.ZodType>(
  nc: NatsConnection,
  subject: string,
  payload: unknown,
  dataSchema: T,
  options: { timeoutMs?: number } = {},
): Promise<Reply<z.infer<T>>> {
  let raw: Msg;
  try {
    raw = await nc.request(subject, encodeJson(payload), { timeout: options.timeoutMs ?? 5000 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = /timeout/i.test(message) ? 'TIMEOUT' : 'UNAVAILABLE';
    return fail(code, `No answer on ${subject}: ${message}`) as Reply<z.infer<T>>;
  }
  const parsed = replySchema(dataSchema).safeParse(safeDecode(raw.data));
  if (!parsed.success) {
    return fail('INTERNAL', `Reply on ${subject} does not match its contract`, parsed.error.issues) as Reply<z.infer<T>>;
  }
  return parsed.data as Reply<z.infer<T>>;
}

function safeDecode(data: Uint8Array): unknown {
  try {
    return decodeJson(data);
  } catch {
    return undefined;
  }
}
