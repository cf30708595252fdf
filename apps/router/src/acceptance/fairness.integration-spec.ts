import { ChatCluster } from '@switchboard/testing';
import { agentIds, assignments, replayLoads, startInBursts, streamUntil, userIds } from './router-load';

const AGENTS = agentIds(10);
const SESSIONS = 200;

describe('router fairness: 10 agents of equal cap, 200 sessions arriving (router and chat-actor OS processes)', () => {
  const cluster = new ChatCluster({ chatActors: 2, routers: 2 });

  beforeAll(async () => {
    await cluster.start();
    await cluster.allPartitionsOwned();
    await cluster.seedAgents(AGENTS.map((id) => ({ id })));
    await cluster.seedEndUsers(userIds(SESSIONS));
    await cluster.saveSettings({ agentAutoAccept: true, maxConcurrentChatsPerAgent: 25 });
  }, 60_000);
  afterAll(() => cluster.stop());

  it('R4.1 fairness: assignments per agent differ by at most one at every moment of the run', async () => {
    const sessions = await startInBursts(cluster, userIds(SESSIONS), { burst: 50, gapMs: 10 });
    const events = await streamUntil(cluster, (e) => assignments(e).length >= SESSIONS, 60_000);

    expect(new Set(assignments(events).map((a) => a.sessionId))).toEqual(new Set(sessions));
    let checked = 0;
    replayLoads(events, (loads) => {
      const counts = AGENTS.map((a) => loads.get(a) ?? 0);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      checked++;
    });
    expect(checked).toBe(SESSIONS);
    expect(assignments(events).every((a) => (a as { via?: string }).via === 'autoAssign')).toBe(true);
  }, 120_000);
});
