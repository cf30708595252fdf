import { MAX_TEXT, WS_CLOSE_CODES } from '@switchboard/contracts';
import { eventually } from '@switchboard/testing';
import { RealtimeStack } from '../../testing/realtime-stack';
import { openRawSocket, type RawSocket } from './raw-socket';
import { ConnectionRegistry } from '../connection/connection-registry';

const errorCodes = (socket: RawSocket) => socket.frames.map((f) => (f['error'] as { code?: string } | undefined)?.code).filter(Boolean);
/** Spaces a client's sends out in time (the client's own pace, not a wait for the server). */
const pace = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 13, the limits of the connection layer: a reader that stops cannot
 * grow the gateway, oversized frames are counted, a flood is cut at a
 * documented rate, and one principal's sockets share one budget.
 */
describe('connection limits (issue 13)', () => {
  // No heartbeat during the test: a reader that stops reading also stops answering pings, and would be dropped for that first.
  const stack = new RealtimeStack({ gatewayEnv: { WS_HEARTBEAT_MS: '600000' } });
  let sessionId: string;
  let url: string;
  beforeAll(async () => {
    await stack.start();
    await stack.addEndUser('cl-user');
    await stack.addEndUser('cl-many');
    await stack.addAgent('ag-cl', { queues: ['Network'] });
    // A chat with 30 posts of the longest text: each history page is about 120 KB.
    const user = await stack.client('cl-user');
    const agent = await stack.client('ag-cl');
    sessionId = (await user.startSession('slow reader', 'vpn')).session.sessionId;
    await agent.accept(sessionId);
    // 30 posts in a row stay within the connection's burst of 40 frames: the client gathers its receipts (RECEIPT_COALESCE_MS).
    for (let i = 0; i < 30; i++) await user.post(sessionId, `${i} ${'z'.repeat(MAX_TEXT - 4)}`);
    url = `${stack.urls[0]!.replace(/^http/, 'ws')}/ws?token=${await stack.login('cl-user', 'user123')}`;
  }, 300_000);
  afterAll(() => stack.stop());

  it('issue 13 item 2: a socket that stops reading is closed with 4413 SEND_BUFFER_FULL, and 3 slow readers do not grow the gateway', async () => {
    // The gateway as `npm start` runs it (default limits), in the test process to see its sockets.
    const registry = stack.gateways[0]!.app.get(ConnectionRegistry);
    // The readers keep only hello: what they read later is not held by the test process, whose memory is measured.
    const readers = await Promise.all([1, 2, 3].map(() => openRawSocket(url, () => false)));
    const serverSide = [...registry.of('endUser', 'cl-user')];
    const before = process.memoryUsage().rss;
    let peak = before;
    /** The most unsent data the gateway held for one of them. */
    let peakBuffered = 0;
    for (const reader of readers) reader.ws.pause(); // stops reading: the TCP window closes, the gateway's send buffer fills
    // Each keeps asking for pages of its own history (about 128 KB each) while it reads nothing, until the gateway gives up
    // on it (closing) once its unsent data passes the bound; it then reads again and finds the close frame behind the data.
    const codes = await Promise.all(
      readers.map(async (reader, r) => {
        const conn = serverSide.find((c) => c.id === reader.frames[0]!['connectionId'])!;
        for (let round = 0; conn.socket.readyState < conn.socket.CLOSING; round++) {
          if (round > 1500) throw new Error('the gateway never closed the slow reader');
          for (let i = 0; i < 10; i++) reader.ws.send(JSON.stringify({ type: 'session.history', clientId: `slow-${r}-${round}-${i}`, sessionId, limit: 100 }));
          peak = Math.max(peak, process.memoryUsage().rss);
          peakBuffered = Math.max(peakBuffered, conn.socket.bufferedAmount);
          await pace(100);
        }
        reader.ws.resume();
        return (await reader.closed).code;
      }),
    );
    expect(codes).toEqual([4413, 4413, 4413].map(() => WS_CLOSE_CODES.SEND_BUFFER_FULL));
    // The bound (4 MiB by default) and at most the one page that crossed it.
    expect(peakBuffered).toBeLessThanOrEqual(4 * 2 ** 20 + 256 * 1024);
    // For the record (docs/security.md): the test process holds the gateway, its clients and the garbage of the pages read.
    process.stdout.write(`slow readers: RSS ${(before / 2 ** 20).toFixed(1)} MiB before, peak ${(peak / 2 ** 20).toFixed(1)} MiB; at most ${(peakBuffered / 2 ** 20).toFixed(2)} MiB unsent per socket\n`);
    // The gateway still serves everyone else.
    const fine = await openRawSocket(url);
    fine.ws.send(JSON.stringify({ type: 'ping', clientId: 'after-slow-readers' }));
    await eventually(() => expect(fine.frames.some((f) => f['clientId'] === 'after-slow-readers' && f['ok'] === true)).toBe(true));
    fine.ws.close();
  }, 240_000);

  it('issue 13 item 5: frames over the size limit count against the rate limit, and a flood of them is disconnected with 4429', async () => {
    const socket = await openRawSocket(url);
    const oversized = JSON.stringify({ type: 'ping', clientId: 'oversize1', pad: 'x'.repeat(20 * 1024) });
    for (let i = 0; i < 80; i++) socket.ws.send(oversized);
    await eventually(() => expect(errorCodes(socket)).toHaveLength(80));
    const codes = errorCodes(socket);
    // The burst (40) is answered FRAME_TOO_LARGE; the rest were refused by the rate limiter like any frame.
    expect(codes.filter((c) => c === 'FRAME_TOO_LARGE').length).toBeLessThan(50);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThan(30);
    for (let i = 0; i < 400; i++) socket.ws.send(oversized);
    expect((await socket.closed).code).toBe(WS_CLOSE_CODES.RATE_LIMIT_ABUSE);
  });

  it('issue 13 item 5: a flood at 5 times the flood limit (500 frames/s) is disconnected with 4429 within seconds', async () => {
    const socket = await openRawSocket(url);
    let closed = false;
    void socket.closed.then(() => (closed = true));
    // 500 frames per second, in steps of 50 every 100 ms, for at most 4 s.
    for (let step = 0; step < 40 && !closed; step++) {
      for (let i = 0; i < 50; i++) socket.ws.send('{}');
      await pace(100);
    }
    expect((await socket.closed).code).toBe(WS_CLOSE_CODES.RATE_LIMIT_ABUSE);
  });

  it('issue 13 item 5: one principal may hold at most 20 sockets, and all of its sockets share one command budget', async () => {
    const many = `${stack.urls[0]!.replace(/^http/, 'ws')}/ws?token=${await stack.login('cl-many', 'user123')}`;
    const sockets = await Promise.all(Array.from({ length: 20 }, () => openRawSocket(many)));
    const refused = await openRawSocket(many);
    expect(refused.frames[0]).toMatchObject({ type: 'error', error: { code: 'TOO_MANY_CONNECTIONS' } });
    expect((await refused.closed).code).toBe(WS_CLOSE_CODES.TOO_MANY_CONNECTIONS);
    // 20 sockets x a burst of 40 pings each: one socket alone would get 800 through; the principal gets its burst of 60.
    for (const [n, socket] of sockets.entries()) {
      for (let i = 0; i < 40; i++) socket.ws.send(JSON.stringify({ type: 'ping', clientId: `many-${n}-${String(i).padStart(3, '0')}` }));
    }
    await eventually(() => expect(sockets.reduce((n, s) => n + s.frames.filter((f) => f['type'] === 'reply').length, 0)).toBe(800));
    const ok = sockets.reduce((n, s) => n + s.frames.filter((f) => f['type'] === 'reply' && f['ok'] === true).length, 0);
    expect(ok).toBeGreaterThanOrEqual(60);
    expect(ok).toBeLessThan(120);
    for (const socket of sockets) socket.ws.close();
  });
});
