import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { z } from 'zod';
import { decodeJson, encodeJson, serveRequests, type ServeOptions } from './nats-json';

type Callback = (err: Error | null, msg: Msg) => void;

/** A connection that hands the subscription's callback to the test, and a server max_payload. */
function fakeConnection(maxPayload?: number) {
  let callback: Callback | undefined;
  const nc = {
    info: maxPayload === undefined ? undefined : { max_payload: maxPayload },
    subscribe: (_subject: string, opts: { callback: Callback }) => {
      callback = opts.callback;
      return {} as Subscription;
    },
  } as unknown as NatsConnection;
  return { nc, deliver: (msg: Msg) => callback!(null, msg) };
}

/** A request whose `respond` runs `behaviour` per call and records what was sent. */
function request(body: unknown, behaviour: (call: number, data: Uint8Array) => void = () => undefined) {
  const sent: unknown[] = [];
  let calls = 0;
  let settle: () => void = () => undefined;
  const msg = {
    data: encodeJson(body),
    reply: '_INBOX.x',
    respond: (data: Uint8Array) => {
      calls += 1;
      try {
        behaviour(calls, data);
        sent.push(decodeJson(data));
        return true;
      } finally {
        settle();
      }
    },
  } as unknown as Msg;
  return { msg, sent, calls: () => calls, responded: (n: number) => new Promise<void>((r) => (settle = () => calls >= n && r())) };
}

function serve(nc: NatsConnection, handler: () => Promise<unknown>, options: Partial<ServeOptions<z.ZodType>> = {}) {
  const errors: unknown[] = [];
  serveRequests(nc, { subject: 'test.subject', schema: z.object({}).passthrough(), onError: (e) => errors.push(e), ...options }, handler);
  return errors;
}

describe('serveRequests: a reply that cannot be sent is answered with a typed error', () => {
  it('answers REPLY_TOO_LARGE when the encoded reply exceeds the server max_payload', async () => {
    const { nc, deliver } = fakeConnection(200);
    const errors = serve(nc, async () => ({ text: 'x'.repeat(500) }));
    const req = request({});
    const done = req.responded(1);
    deliver(req.msg);
    await done;
    expect(req.sent).toEqual([{ ok: false, error: { code: 'REPLY_TOO_LARGE', message: expect.stringContaining('the limit is 200'), details: { bytes: expect.any(Number), limit: 200 } } }]);
    expect(errors).toEqual([expect.objectContaining({ code: 'REPLY_TOO_LARGE' })]);
  });

  it('applies maxReplyBytes when it is below the server max_payload', async () => {
    const { nc, deliver } = fakeConnection(1024 * 1024);
    serve(nc, async () => ({ text: 'x'.repeat(500) }), { maxReplyBytes: 100 });
    const req = request({});
    const done = req.responded(1);
    deliver(req.msg);
    await done;
    expect(req.sent).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'REPLY_TOO_LARGE' }) })]);
  });

  it('falls back to 1 MiB when the server has not said its max_payload', async () => {
    const { nc, deliver } = fakeConnection(undefined);
    serve(nc, async () => ({ text: 'x'.repeat(1024 * 1024) }));
    const req = request({});
    const done = req.responded(1);
    deliver(req.msg);
    await done;
    expect(req.sent).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'REPLY_TOO_LARGE', details: expect.objectContaining({ limit: 1024 * 1024 }) }) })]);
  });

  it('sends a reply within the limit unchanged', async () => {
    const { nc, deliver } = fakeConnection(1000);
    serve(nc, async () => ({ text: 'small' }));
    const req = request({});
    const done = req.responded(1);
    deliver(req.msg);
    await done;
    expect(req.sent).toEqual([{ ok: true, data: { text: 'small' } }]);
  });

  it('when respond throws, tries once to send REPLY_FAILED and reports the failure', async () => {
    const { nc, deliver } = fakeConnection(1000);
    const errors = serve(nc, async () => ({ text: 'fine' }));
    const req = request({}, (call) => {
      if (call === 1) throw new Error('connection draining');
    });
    const done = req.responded(2);
    deliver(req.msg);
    await done;
    expect(req.calls()).toBe(2);
    expect(req.sent).toEqual([{ ok: false, error: { code: 'REPLY_FAILED', message: 'The service could not send its reply' } }]);
    expect(errors).toEqual([expect.objectContaining({ code: 'REPLY_FAILED', cause: expect.objectContaining({ message: 'connection draining' }) })]);
  });

  it('when even the fallback cannot be sent, reports both and lets no rejection escape', async () => {
    const { nc, deliver } = fakeConnection(1000);
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const errors = serve(nc, async () => ({ text: 'fine' }));
      const req = request({}, () => {
        throw new Error('connection closed');
      });
      const done = req.responded(2);
      deliver(req.msg);
      await done;
      // Let any escaped rejection surface: Node reports them once the microtask queue is drained.
      await new Promise((r) => setImmediate(r));
      expect(req.calls()).toBe(2);
      expect(errors).toHaveLength(2);
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('answers REPLY_FAILED when the reply cannot be encoded as JSON', async () => {
    const { nc, deliver } = fakeConnection(1000);
    const errors = serve(nc, async () => ({ n: BigInt(1) }));
    const req = request({});
    const done = req.responded(1);
    deliver(req.msg);
    await done;
    expect(req.sent).toEqual([{ ok: false, error: { code: 'REPLY_FAILED', message: 'The service could not encode its reply' } }]);
    expect(errors).toEqual([expect.objectContaining({ code: 'REPLY_FAILED' })]);
  });

  it('a throwing onError does not escape either', async () => {
    const { nc, deliver } = fakeConnection(100);
    serveRequests(
      nc,
      { subject: 's', schema: z.object({}).passthrough(), onError: () => { throw new Error('reporter broken'); } },
      async () => ({ text: 'x'.repeat(500) }),
    );
    const req = request({});
    const done = req.responded(1);
    deliver(req.msg);
    await done;
    expect(req.sent).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'REPLY_TOO_LARGE' }) })]);
  });
});
