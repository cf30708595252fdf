import { ChatCluster, startOwnNats } from '@switchboard/testing';
import { MixedLoad, verifyAcknowledged } from './mixed-load';

const USERS = Array.from({ length: 16 }, (_, i) => `nats-user-${i}`);
const AGENTS = Array.from({ length: 16 }, (_, i) => `nats-agent-${i}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    await sleep(1500);
    const before = load.acknowledged.length;

    await nats.kill();
    await sleep(1000);
    await nats.restart();

    // Service resumes: new commands are acknowledged after the restart.
    const restartedAt = Date.now();
    while (load.answers.filter((a) => a.sentAt > restartedAt).length < 50) {
      if (Date.now() - restartedAt > 30_000) throw new Error('no service after the NATS restart');
      await sleep(100);
    }
    await load.stop();

    expect(cluster.processes.every((p) => p.alive())).toBe(true);
    expect(load.unexpected).toEqual([]);
    expect(load.acknowledged.length).toBeGreaterThan(before);
    await verifyAcknowledged(cluster, load);
    await cluster.allPartitionsOwned();
  }, 120_000);
});
