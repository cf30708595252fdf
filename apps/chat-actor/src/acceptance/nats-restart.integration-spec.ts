import { ChatCluster, eventually, serverLost, startOwnNats } from '@switchboard/testing';
import { MixedLoad, verifyAcknowledged } from './mixed-load';

const USERS = Array.from({ length: 16 }, (_, i) => `nats-user-${i}`);
const AGENTS = Array.from({ length: 16 }, (_, i) => `nats-agent-${i}`);

describe('chat-actor acceptance: the NATS server restarted under load', () => {
  let nats: Awaited<ReturnType<typeof startOwnNats>>;
  let cluster: ChatCluster;

  beforeAll(async () => {
    nats = await startOwnNats();
    cluster = await new ChatCluster({ chatActors: 2, natsUrl: nats.url }).start();
    await cluster.seedAgents(AGENTS.map((id) => ({ id })));
    await cluster.seedEndUsers(USERS);
    await cluster.allPartitionsOwned();
  });
  afterAll(async () => {
    await cluster?.stop();
    await nats?.dispose();
  });

  it('A4 A5 every acknowledged command survives a NATS restart, the processes survive and serve again', async () => {
    const load = new MixedLoad(cluster, USERS, AGENTS);
    await load.start();
    // Under way: a few rounds of every worker acknowledged before the server goes.
    await eventually(() => expect(load.acknowledged.length).toBeGreaterThanOrEqual(USERS.length * 4), { timeoutMs: 30_000, intervalMs: 100 });
    const before = load.acknowledged.length;

    const lost = serverLost(cluster.nc);
    await nats.kill();
    await lost;
    await nats.restart();

    // Service resumes: new commands are acknowledged after the restart.
    const restartedAt = Date.now();
    await eventually(() => expect(load.answers.filter((a) => a.sentAt > restartedAt).length).toBeGreaterThanOrEqual(50), { timeoutMs: 30_000, intervalMs: 100 });
    await load.stop();

    expect(cluster.processes.every((p) => p.alive())).toBe(true);
    expect(load.unexpected).toEqual([]);
    expect(load.acknowledged.length).toBeGreaterThan(before);
    await verifyAcknowledged(cluster, load);
    await cluster.allPartitionsOwned();
  }, 120_000);
});
