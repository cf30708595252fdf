import { ChatCluster } from '@switchboard/testing';
import { partitionOfQueue } from '../ownership/queue-ownership';
import { agentIds, assignments, startInBursts, streamUntil, userIds } from './router-load';

const SESSIONS = 400;
const ROUTER_PARTITIONS = 16;

describe('router crash: a router process killed mid-burst (router and chat-actor OS processes)', () => {
  const cluster = new ChatCluster({ chatActors: 2, routers: 2 });

  beforeAll(async () => {
    await cluster.start();
    await cluster.allPartitionsOwned();
    await cluster.seedAgents(agentIds(20).map((id) => ({ id })));
    await cluster.seedEndUsers(userIds(SESSIONS));
    await cluster.saveSettings({ agentAutoAccept: true, maxConcurrentChatsPerAgent: 0 });
  }, 60_000);
  afterAll(() => cluster.stop());

  it('A7 every waiting session is still assigned exactly once after the router serving its queue is killed', async () => {
    const general = partitionOfQueue('General', ROUTER_PARTITIONS);
    let killed: string | undefined;
    const sessions = await startInBursts(cluster, userIds(SESSIONS), {
      burst: 40,
      gapMs: 100,
      onBurst: async (started) => {
        if (killed || started < 120) return;
        const owner = (await cluster.routerStatus()).find((r) => r.partitions.includes(general));
        const victim = cluster.routers.find((_, i) => `router-${i + 1}` === owner?.instanceId);
        if (!owner || !victim) throw new Error('no router serves General');
        killed = owner.instanceId;
        await victim.kill();
      },
    });
    expect(killed).toBeDefined();

    const events = await streamUntil(cluster, (e) => assignments(e).length >= SESSIONS, 90_000);
    const perSession = new Map<string, number>();
    for (const a of assignments(events)) perSession.set(a.sessionId, (perSession.get(a.sessionId) ?? 0) + 1);
    expect([...perSession.keys()].sort()).toEqual([...sessions].sort());
    expect([...perSession.values()].every((n) => n === 1)).toBe(true);

    const survivors = await cluster.routerStatus();
    expect(survivors).toHaveLength(1);
    expect(survivors[0]!.partitions).toHaveLength(ROUTER_PARTITIONS);
  }, 180_000);
});
