import { eventually, startOwnNats } from '@switchboard/testing';
import { RealtimeStack, recorder } from '../../testing/realtime-stack';

/** A8 A5: pushes and commands resume after the NATS server restarts; the sockets stay connected. */
describe('gateway across a NATS restart', () => {
  let nats: Awaited<ReturnType<typeof startOwnNats>>;
  let stack: RealtimeStack;

  beforeAll(async () => {
    nats = await startOwnNats();
    stack = await new RealtimeStack({ natsUrl: nats.url }).start();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await nats?.dispose();
  });

  it('A8 after a NATS crash and restart, messages flow again between end user and agent, in order, without reconnecting', async () => {
    const user = await stack.client('erin');
    const agent = await stack.client('alice');
    const agentSeen = recorder(agent);
    const id = (await user.startSession('NATS will restart', 'vpn')).session.sessionId;
    await agent.accept(id);
    await user.post(id, 'before the restart');
    await eventually(() => expect(agentSeen.of(id).map((e) => e.event['text'])).toContain('before the restart'));

    await nats.kill();
    // Down as the gateway sees it (its readiness check fails on NATS), before it comes back.
    await eventually(async () => expect((await fetch(`${stack.urls[0]}/health/ready`)).status).toBe(503), { timeoutMs: 15_000, intervalMs: 100 });
    await nats.restart();

    // The same clientId until it is acknowledged: applied once whatever the retries.
    await eventually(async () => expect((await user.command('session.post', { sessionId: id, text: 'after the restart' }, { clientId: 'after-restart-1' })).ok).toBe(true), {
      timeoutMs: 30_000,
      intervalMs: 500,
    });
    await eventually(() => expect(agentSeen.of(id).map((e) => e.event['text'])).toContain('after the restart'), { timeoutMs: 45_000 });
    const texts = agentSeen.of(id).filter((e) => e.type === 'MessagePosted').map((e) => e.event['text']);
    expect(texts).toEqual(['before the restart', 'after the restart']);
    expect(user.connected && agent.connected).toBe(true);
  }, 120_000);
});
