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
  /**
   * Replies larger than this are not sent: the caller gets `REPLY_TOO_LARGE`
   * instead. The connection's `max_payload` (1 MiB by default) always applies.
   */
  maxReplyBytes?: number;
  /** Handler failures and replies that could not be sent; never thrown further. */
  onError?: (error: unknown, subject: string) => void;
}

/** NATS's default `max_payload`, used while the server has not said its own. */
export const DEFAULT_MAX_PAYLOAD = 1024 * 1024;

/** A reply that was not sent as computed; reported through `onError`. */
export class ReplyNotSentError extends Error {
  constructor(
    readonly code: 'REPLY_TOO_LARGE' | 'REPLY_FAILED',
    message: string,
    readonly subject: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReplyNotSentError';
  }
}

/**
 * Thin NATS adapter: parse, validate, call one handler, reply exactly once
 * with the envelope. A bad or failing request never stops the subscription,
 * and a reply that cannot be sent becomes a typed error reply
 * (`REPLY_TOO_LARGE`, `REPLY_FAILED`) instead of a rejection: a failure is an
 * answer, not an exit (ADR 0005).
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
      respond(msg).catch((error: unknown) => report(error));
    },
  });

  function report(error: unknown): void {
    try {
      options.onError?.(error, options.subject);
    } catch {
      // A failing error reporter must not turn into an unhandled rejection either.
    }
  }

  async function respond(msg: Msg): Promise<void> {
    let reply: Reply<R>;
    try {
      reply = ok(await handle(msg));
    } catch (error) {
      if (error instanceof RequestError) {
        reply = fail(error.code, error.message, error.details);
      } else {
        report(error);
        reply = fail('INTERNAL', 'The service failed to handle the request');
      }
    }
    if (msg.reply) send(msg, reply);
  }

  /** Encodes and sends the reply; whatever fails is answered and reported, never thrown. */
  function send(msg: Msg, reply: Reply<R>): void {
    const limit = Math.min(options.maxReplyBytes ?? Number.POSITIVE_INFINITY, nc.info?.max_payload ?? DEFAULT_MAX_PAYLOAD);
    let data: Uint8Array;
    try {
      data = encodeJson(reply);
    } catch (error) {
      report(new ReplyNotSentError('REPLY_FAILED', `The reply on ${options.subject} could not be encoded`, options.subject, { cause: error }));
      sendFallback(msg, 'REPLY_FAILED', 'The service could not encode its reply');
      return;
    }
    if (data.length > limit) {
      const message = `The reply is ${data.length} bytes; the limit is ${limit}`;
      report(new ReplyNotSentError('REPLY_TOO_LARGE', `${message} (${options.subject})`, options.subject));
      sendFallback(msg, 'REPLY_TOO_LARGE', message, { bytes: data.length, limit });
      return;
    }
    try {
      msg.respond(data);
    } catch (error) {
      report(new ReplyNotSentError('REPLY_FAILED', `The reply on ${options.subject} could not be sent`, options.subject, { cause: error }));
      sendFallback(msg, 'REPLY_FAILED', 'The service could not send its reply');
    }
  }

  /** One try at a small typed error in place of the reply that could not go. */
  function sendFallback(msg: Msg, code: string, message: string, details?: unknown): void {
    try {
      msg.respond(encodeJson(fail(code, message, details)));
    } catch (error) {
      report(new ReplyNotSentError('REPLY_FAILED', `No reply at all could be sent on ${options.subject}`, options.subject, { cause: error }));
    }
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
