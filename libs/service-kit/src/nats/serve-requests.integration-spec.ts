import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { requestJson, serveRequests } from './nats-json';

// The test NATS (default max_payload, 1 MiB) comes from the jest global setup;
// libs below the testing lib read its address directly.
const natsUrl = () => process.env['SB_TEST_NATS_URL']!;

describe('serveRequests against a real nats-server: a reply above max_payload', () => {
  let server: NatsConnection;
  let client: NatsConnection;
  let subscription: Subscription;
  const subject = `t${randomBytes(4).toString('hex')}.big`;
  const errors: unknown[] = [];

  beforeAll(async () => {
    server = await connect({ servers: natsUrl() });
    client = await connect({ servers: natsUrl() });
    subscription = serveRequests(
      server,
      { subject, schema: z.object({ size: z.number().int().min(0) }), onError: (error) => errors.push(error) },
      // A reply of `size` characters of payload (plus the JSON envelope).
      async (request) => ({ text: 'x'.repeat(request.size) }),
    );
    await server.flush();
  });

  afterAll(async () => {
    subscription?.unsubscribe();
    await server?.close();
    await client?.close();
  });

  it('gives the caller REPLY_TOO_LARGE, and the subscription answers the next request', async () => {
    const maxPayload = server.info!.max_payload;
    expect(maxPayload).toBeGreaterThan(0);

    const tooLarge = await requestJson(client, subject, { size: maxPayload + 1 }, z.object({ text: z.string() }), { timeoutMs: 5000 });
    expect(tooLarge).toEqual({
      ok: false,
      error: { code: 'REPLY_TOO_LARGE', message: expect.stringContaining(`the limit is ${maxPayload}`), details: { bytes: expect.any(Number), limit: maxPayload } },
    });
    expect(errors).toEqual([expect.objectContaining({ code: 'REPLY_TOO_LARGE' })]);

    const next = await requestJson(client, subject, { size: 10 }, z.object({ text: z.string() }), { timeoutMs: 5000 });
    expect(next).toEqual({ ok: true, data: { text: 'x'.repeat(10) } });
  });

  it('sends a reply just under max_payload whole', async () => {
    const maxPayload = server.info!.max_payload;
    const envelope = '{"ok":true,"data":{"text":""}}'.length;
    const reply = await requestJson(client, subject, { size: maxPayload - envelope }, z.object({ text: z.string() }), { timeoutMs: 5000 });
    expect(reply.ok).toBe(true);
    if (reply.ok) expect(reply.data.text).toHaveLength(maxPayload - envelope);
  });
});
