import type { ChatEventMessage } from '@switchboard/contracts';
import { loadChangesOf } from '@switchboard/domain';
import { ChatCluster, eventually } from '@switchboard/testing';
import { agentIds, assignments, endChat, replayLoads, startInBursts, streamUntil, userIds } from './router-load';

const AGENTS = agentIds(50);
const CAP = 3;
const SESSIONS = 1000;
// With router-1..3 these three queues fall into partitions of three different routers.
const QUEUES = ['General', 'Software', 'Accounts'];

describe('router cap: 3 router processes, 50 agents with cap 3, 1,000 sessions in bursts', () => {
  const cluster = new ChatCluster({ chatActors: 2, routers: 3 });

  beforeAll(async () => {
    await cluster.start();
    await cluster.allPartitionsOwned();
    await cluster.seedQueuesWithTopics(QUEUES);
    await cluster.seedAgents(AGENTS.map((id) => ({ id, queues: ['Software', 'Accounts'] })));
    await cluster.seedEndUsers(userIds(SESSIONS));
    await cluster.saveSettings({ agentAutoAccept: true, supportQueues: true, useTopics: true, maxConcurrentChatsPerAgent: CAP });
  }, 60_000);
  afterAll(() => cluster.stop());

  it('A6 R4.1 no agent ever holds more than 3 sessions, and every session is assigned once capacity exists', async () => {
    // Agents work at their cap: an agent given its third chat ends its oldest, so every agent sits at the cap
    // while the router keeps assigning; what they still hold when every session is assigned is ended last.
    // Loads are checked live on every event.
    const live = new Map<string, number>();
    const liveViolations: string[] = [];
    const ends: Array<Promise<unknown>> = [];
    const held = new Map<string, string[]>();
    let assignedCount = 0;
    const seen = new Set<string>();
    const stopTap = cluster.tapEvents((m: ChatEventMessage) => {
      // A republished event reaches core subscribers again (the stream drops it by id): count it once.
      const key = `${m.event.sessionId}:${m.event.seq}`;
      if (seen.has(key)) return;
      seen.add(key);
      for (const c of loadChangesOf([m.event])) {
        const load = (live.get(c.agentId) ?? 0) + (c.change === 'assigned' ? 1 : -1);
        live.set(c.agentId, load);
        if (load > CAP) liveViolations.push(`${c.agentId} held ${load}`);
        if (c.change === 'assigned') {
          assignedCount++;
          const chats = [...(held.get(c.agentId) ?? []), c.sessionId];
          if (chats.length >= CAP) ends.push(endChat(cluster, chats.shift()!, c.agentId));
          held.set(c.agentId, chats);
        }
      }
    });

    const sessions = await startInBursts(cluster, userIds(SESSIONS), { burst: 100, gapMs: 300, topic: (i) => QUEUES[i % 3]!.toLowerCase() });
    await eventually(() => expect(assignedCount).toBeGreaterThanOrEqual(SESSIONS), { timeoutMs: 240_000, intervalMs: 250 });
    for (const [agentId, chats] of held) ends.push(...chats.splice(0).map((sessionId) => endChat(cluster, sessionId, agentId)));
    const events = await streamUntil(cluster, (e) => e.filter((m) => m.event.type === 'SessionClosed').length >= SESSIONS, 240_000);
    stopTap();
    await Promise.all(ends);

    let peak = 0;
    replayLoads(events, (loads, event) => {
      for (const [agent, load] of loads) {
        if (load > CAP) throw new Error(`${agent} held ${load} sessions after event ${event.type} of ${event.sessionId}`);
        peak = Math.max(peak, load);
      }
    });
    expect(peak).toBe(CAP);
    expect(liveViolations).toEqual([]);
    const assigned = assignments(events);
    expect(assigned).toHaveLength(SESSIONS);
    expect(new Set(assigned.map((a) => a.sessionId))).toEqual(new Set(sessions));

    const status = await cluster.routerStatus();
    expect(status.filter((r) => r.assignments > 0).length).toBe(3);
  }, 300_000);
});
