import { WS_CLOSE_CODES } from '@switchboard/contracts';
import { eventually, serverLost, startOwnNats } from '@switchboard/testing';
import { RealtimeStack } from '../../testing/realtime-stack';
import { openRawSocket, type RawSocket } from './raw-socket';

const isHello = (s: RawSocket) => s.frames[0]?.['type'] === 'hello';
const replies = (sockets: RawSocket[]) => sockets.flatMap((s) => s.frames.filter((f) => f['type'] === 'reply'));
const closeAll = async (sockets: RawSocket[]) => {
  for (const s of sockets) s.ws.close();
  await Promise.all(sockets.map((s) => s.closed));
};

/**
 * Issue 13 item 5 across gateway instances (ADR 10): one user's sockets and
 * commands are limited over every gateway sharing a NATS, not per gateway.
 * Gateway 0 runs in this process; gateways 1 and 2 are OS processes (one is
 * stopped, one crashed). Default limits: 20 sockets, 30 commands/s with
 * bursts of 60 per user.
 */
describe('limits per principal across gateways (issue 13 item 5, ADR 10)', () => {
  const LEASE_MS = 3_000;
  const stack = new RealtimeStack({ gatewayProcesses: 2, gatewayEnv: { WS_PRINCIPAL_LEASE_MS: String(LEASE_MS), WS_HEARTBEAT_MS: '600000' } });
  let n = 0;
  /** A fresh end user and a socket URL per gateway with its token. */
  const user = async () => {
    const id = `pl-user${++n}`;
    await stack.addEndUser(id);
    const token = await stack.login(id, 'user123');
    return stack.urls.map((u) => `${u.replace(/^http/, 'ws')}/ws?token=${token}`);
  };
  const openMany = (url: string, count: number) => Promise.all(Array.from({ length: count }, () => openRawSocket(url)));

  beforeAll(() => stack.start(), 180_000);
  afterAll(() => stack.stop());

  it('issue 13 item 5: one user with sockets on two gateways is refused past 20 sockets in all with 4409, and a place frees up when a socket closes', async () => {
    const [g0, g1] = await user();
    const first = await openMany(g0!, 10);
    const second = await openMany(g1!, 10);
    expect([...first, ...second].every(isHello)).toBe(true);
    for (const url of [g0!, g1!]) {
      const refused = await openRawSocket(url);
      expect(refused.frames[0]).toMatchObject({ type: 'error', error: { code: 'TOO_MANY_CONNECTIONS' } });
      expect((await refused.closed).code).toBe(WS_CLOSE_CODES.TOO_MANY_CONNECTIONS);
    }
    // One socket closes on gateway 1: gateway 0 admits one more, then is full again.
    second.pop()!.ws.close();
    let again: RawSocket | undefined;
    await eventually(async () => {
      const attempt = await openRawSocket(g0!);
      if (isHello(attempt)) again = attempt;
      else await attempt.closed;
      expect(again).toBeDefined();
    });
    const full = await openRawSocket(g0!);
    expect((await full.closed).code).toBe(WS_CLOSE_CODES.TOO_MANY_CONNECTIONS);
    await closeAll([...first, ...second, again!]);
  });

  it('issue 13 item 5: commands over sockets on two gateways share one budget per user (RATE_LIMITED past it), which refills', async () => {
    const [g0, g1] = await user();
    const sockets = [...(await openMany(g0!, 2)), ...(await openMany(g1!, 2))];
    // 4 sockets x 40 pings (each socket's own burst): per gateway the user would get 2 x 60 = 120 through; over both, its burst of 60.
    for (const [s, socket] of sockets.entries()) {
      for (let i = 0; i < 40; i++) socket.ws.send(JSON.stringify({ type: 'ping', clientId: `plimit-${s}-${String(i).padStart(3, '0')}` }));
    }
    await eventually(() => expect(replies(sockets)).toHaveLength(160));
    const ok = replies(sockets).filter((r) => r['ok'] === true).length;
    const refused = replies(sockets).filter((r) => r['ok'] === false);
    expect(ok).toBeGreaterThanOrEqual(55);
    // The burst, what refilled while the test sent (30/s), and at most one unused slice (3) per gateway.
    expect(ok).toBeLessThan(90);
    expect(refused.every((r) => (r['error'] as { code: string }).code === 'RATE_LIMITED')).toBe(true);
    expect(refused.some((r) => (r['error'] as { message: string }).message.includes('over all your connections'))).toBe(true);
    // Both gateways refused some: neither had the budget to itself.
    for (const group of [sockets.slice(0, 2), sockets.slice(2)]) expect(replies(group).some((r) => r['ok'] === false)).toBe(true);
    // The budget refills: a command goes through again on either gateway.
    for (const [s, socket] of [sockets[0]!, sockets[2]!].entries()) {
      await eventually(() => {
        socket.ws.send(JSON.stringify({ type: 'ping', clientId: `plafter-${s}-${socket.frames.length}` }));
        expect(socket.frames.some((f) => String(f['clientId']).startsWith(`plafter-${s}-`) && f['ok'] === true)).toBe(true);
      });
    }
    await closeAll(sockets);
  });

  it('issue 13 item 5: the places a gateway held come free when it stops, and within the lease when it crashes', async () => {
    const [g0, g1, g2] = await user();
    const here = await openMany(g0!, 10);
    await openMany(g1!, 10);
    expect((await openRawSocket(g0!)).frames[0]).toMatchObject({ error: { code: 'TOO_MANY_CONNECTIONS' } });
    // Gateway 1 stops (SIGTERM): its 10 places are given back as it shuts down.
    await stack.gatewayProcesses[0]!.stop();
    const more = await openMany(g0!, 10);
    expect(more.every(isHello)).toBe(true);
    await closeAll(more);
    // Gateway 2 crashes (SIGKILL) holding 10 places: they count until its lease runs out, then no more.
    await openMany(g2!, 10);
    expect((await openRawSocket(g0!)).frames[0]).toMatchObject({ error: { code: 'TOO_MANY_CONNECTIONS' } });
    await stack.gatewayProcesses[1]!.kill();
    const crashedAt = Date.now();
    let admitted: RawSocket | undefined;
    await eventually(
      async () => {
        const attempt = await openRawSocket(g0!);
        if (isHello(attempt)) admitted = attempt;
        expect(admitted).toBeDefined();
      },
      { timeoutMs: 3 * LEASE_MS },
    );
    expect(Date.now() - crashedAt).toBeLessThan(LEASE_MS + 2_000);
    await closeAll([...here, admitted!]);
  }, 60_000);
});

/** ADR 10: NATS slow or away must not stop everyone; each gateway then holds the limits for its own sockets. */
describe('limits per principal while NATS does not answer (ADR 10)', () => {
  let nats: Awaited<ReturnType<typeof startOwnNats>>;
  let stack: RealtimeStack;
  beforeAll(async () => {
    nats = await startOwnNats();
    stack = await new RealtimeStack({ natsUrl: nats.url, gatewayEnv: { WS_HEARTBEAT_MS: '600000' } }).start();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await nats?.dispose();
  });

  it('issue 13 item 5: with NATS down, sockets are admitted and commands answered within the gateway\'s own limits', async () => {
    await stack.addEndUser('pl-offline');
    const url = `${stack.urls[0]!.replace(/^http/, 'ws')}/ws?token=${await stack.login('pl-offline', 'user123')}`;
    const lost = serverLost(stack.nc);
    await nats.kill();
    await lost;
    const sockets = await Promise.all([openRawSocket(url), openRawSocket(url)]);
    expect(sockets.every(isHello)).toBe(true);
    for (const [s, socket] of sockets.entries()) {
      for (let i = 0; i < 40; i++) socket.ws.send(JSON.stringify({ type: 'ping', clientId: `ploff-${s}-${String(i).padStart(3, '0')}` }));
    }
    await eventually(() => expect(replies(sockets)).toHaveLength(80), { timeoutMs: 15_000 });
    const ok = replies(sockets).filter((r) => r['ok'] === true).length;
    // The gateway's own budget for the user (a burst of 60), not nothing and not per socket.
    expect(ok).toBeGreaterThanOrEqual(55);
    expect(ok).toBeLessThan(75);
    await closeAll(sockets);
    await nats.restart();
  }, 60_000);
});
