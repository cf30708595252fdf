import { AgentStateStore } from '@switchboard/agent-state';
import { consistently, eventually } from '@switchboard/testing';
import { RealtimeStack } from '../../testing/realtime-stack';
import { OpenSessionsProjection } from '../sessions/open-sessions.projection';

/**
 * A gateway killed with its sockets: the grace timers it ran die with it, so
 * the surviving gateway must notice on its own that those agents and end
 * users are connected nowhere (R12, R18).
 */
describe('a gateway instance lost with its connections', () => {
  const stack = new RealtimeStack({ gatewayProcesses: 1, gatewayEnv: { PRESENCE_SWEEP_MS: '500' } });
  beforeAll(() => stack.start(), 180_000);
  afterAll(() => stack.stop());

  const G1 = 0;
  const G2 = 1;

  it('R18 R12 its agents go offline and its end users are marked as left after the grace period, unless they reconnect to another gateway in time', async () => {
    const store = stack.gateways[0]!.app.get(AgentStateStore);
    const projection = stack.gateways[0]!.app.get(OpenSessionsProjection);
    for (const id of ['ag-lost', 'ag-moved']) await stack.addAgent(id, { queues: ['Network', 'Hardware'] });
    await stack.addEndUser('gl-user');
    const lost = await stack.client('ag-lost', { gateway: G2 });
    await stack.client('ag-moved', { gateway: G2 });
    const user = await stack.client('gl-user', { gateway: G2 });
    const { session } = await user.startSession('Printer offline', 'printer');
    await lost.accept(session.sessionId);
    await eventually(async () => expect((await store.get('ag-moved')).state.presence).toBe('online'));

    await stack.gatewayProcesses[0]!.kill();
    // One agent comes back through the other gateway well within the grace period (1.5 s).
    await stack.client('ag-moved', { gateway: G1 });

    await eventually(async () => expect((await store.get('ag-lost')).state.presence).toBe('offline'), { timeoutMs: 10_000 });
    await eventually(() => expect(projection.get(session.sessionId)?.userLeft).toBe(true), { timeoutMs: 10_000 });
    // Past the grace period and a sweep or two: the agent that moved stays online all along.
    await consistently(async () => expect((await store.get('ag-moved')).state.presence).toBe('online'), { forMs: 2500, intervalMs: 100 });

    // The end user returns through the surviving gateway: the mark is cleared (R12).
    await stack.client('gl-user', { gateway: G1 });
    await eventually(() => expect(projection.get(session.sessionId)?.userLeft).toBe(false), { timeoutMs: 10_000 });
  }, 60_000);
});
