import { ChatCluster, consistently, eventually, opsHeaders } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { agentIds, assignments, startInBursts, streamUntil, userIds } from './router-load';

describe('router rules: presence, transfers and the Auto Accept switch (router and chat-actor OS processes)', () => {
  const cluster = new ChatCluster({ chatActors: 2, routers: 2 });
  const AGENTS = agentIds(5);

  beforeAll(async () => {
    await cluster.start();
    await cluster.allPartitionsOwned();
    await cluster.seedAgents(AGENTS.map((id) => ({ id, presence: 'offline' })));
    await cluster.seedEndUsers([...userIds(150), ...userIds(20, 'wait'), ...userIds(1, 'transfer'), ...userIds(10, 'switch')]);
    await cluster.saveSettings({ agentAutoAccept: true, maxConcurrentChatsPerAgent: 0 });
  }, 60_000);
  afterAll(() => cluster.stop());

  const waitingGeneral = async () => (await cluster.routerStatus()).reduce((n, r) => Math.max(n, r.waiting['General'] ?? 0), 0);

  it('R4.1 R18 sessions wait while nobody is online and are assigned as soon as an agent comes online', async () => {
    const sessions = await startInBursts(cluster, userIds(20, 'wait'), { burst: 20, gapMs: 0 });
    await eventually(async () => expect(await waitingGeneral()).toBe(20));
    await consistently(async () => expect(assignments(await cluster.streamEvents())).toHaveLength(0), { forMs: 500, intervalMs: 100 });

    const online = Date.now();
    await cluster.agentStates.setPresence(AGENTS[0]!, 'online');
    const events = await streamUntil(cluster, (e) => assignments(e).length >= 20, 20_000);
    const assigned = assignments(events);
    expect(new Set(assigned.map((a) => a.sessionId))).toEqual(new Set(sessions));
    expect(assigned.every((a) => a.agentId === AGENTS[0])).toBe(true);
    // Event-driven: the first assignment follows the agent coming online within milliseconds, not a timer tick.
    expect(Date.parse(assigned[0]!.at) - online).toBeLessThan(1000);
  }, 60_000);

  it('R18 no session is ever assigned to an agent at a moment the agent is offline, under presence churn', async () => {
    const offlineWindows = new Map<string, Array<[number, number]>>();
    const wentOffline = new Map<string, number>();
    const flip = async () => {
      const agent = AGENTS[Math.floor(Math.random() * AGENTS.length)]!;
      if (wentOffline.has(agent)) {
        const start = wentOffline.get(agent)!;
        const before = Date.now();
        await cluster.agentStates.setPresence(agent, 'online');
        wentOffline.delete(agent);
        offlineWindows.set(agent, [...(offlineWindows.get(agent) ?? []), [start, before]]);
      } else if (wentOffline.size < AGENTS.length - 1) {
        await cluster.agentStates.setPresence(agent, 'offline');
        wentOffline.set(agent, Date.now());
      }
    };
    const before = assignments(await cluster.streamEvents()).length;
    // Presence churns while the router assigns each burst just started: four changes a burst, one after another.
    await startInBursts(cluster, userIds(150), {
      burst: 15,
      gapMs: 80,
      onBurst: async () => {
        for (let i = 0; i < 4; i++) await flip();
      },
    });
    for (const [agent, start] of wentOffline) {
      offlineWindows.set(agent, [...(offlineWindows.get(agent) ?? []), [start, Number.POSITIVE_INFINITY]]);
    }
    await Promise.all(AGENTS.filter((a) => !wentOffline.has(a)).map((a) => cluster.agentStates.setPresence(a, 'online')));
    const events = await streamUntil(cluster, (e) => assignments(e).length >= before + 150, 30_000);
    // Offline from when the change was stored (after the call returned) until the next online call began.
    const violations = assignments(events).filter((a) => (offlineWindows.get(a.agentId) ?? []).some(([from, to]) => Date.parse(a.at) > from && Date.parse(a.at) < to));
    expect(violations).toEqual([]);
    expect([...offlineWindows.values()].flat().length).toBeGreaterThan(10);
    await Promise.all(AGENTS.map((a) => cluster.agentStates.setPresence(a, 'online')));
  }, 90_000);

  it('R5.4 a pending transfer whose target goes offline returns to the queue and is assigned again (R4)', async () => {
    const [from, to] = [AGENTS[1]!, AGENTS[2]!];
    await cluster.saveSettings({ agentAutoAccept: false });
    const [sessionId] = await startInBursts(cluster, userIds(1, 'transfer'), { burst: 1, gapMs: 0 });
    const actor = (id: string) => ({ role: 'agent' as const, id });
    expect((await cluster.client.send({ type: 'AcceptSession', commandId: randomUUID(), sessionId: sessionId!, actor: actor(from) })).ok).toBe(true);
    expect((await cluster.client.send({ type: 'TransferToAgent', commandId: randomUUID(), sessionId: sessionId!, actor: actor(from), targetAgentId: to })).ok).toBe(true);
    await cluster.saveSettings({ agentAutoAccept: true });
    await cluster.agentStates.setPresence(to, 'offline');

    const events = await streamUntil(cluster, (e) => e.some((m) => m.event.sessionId === sessionId && m.event.type === 'SessionAssigned' && (m.event as { via?: string }).via === 'autoAssign'), 20_000);
    // The router's wait estimates (issue 15) come whenever the chat waits: no part of the transfer's course.
    const types = events.filter((m) => m.event.sessionId === sessionId && m.event.type !== 'WaitEstimated').map((m) => m.event.type);
    expect(types).toEqual(['SessionStarted', 'SessionAssigned', 'TransferRequested', 'TransferReverted', 'SessionAssigned']);
    const last = events.filter((m) => m.event.sessionId === sessionId).at(-1)!.event as { agentId?: string };
    expect(last.agentId).not.toBe(to);
    await cluster.agentStates.setPresence(to, 'online');
  }, 60_000);

  it('R4.1 R4.3 turning Auto Accept on assigns what already waits; turning it off stops at once', async () => {
    await cluster.saveSettings({ agentAutoAccept: false });
    const before = assignments(await cluster.streamEvents()).length;
    const waiting = await startInBursts(cluster, userIds(5, 'switch'), { burst: 5, gapMs: 0 });
    await consistently(async () => expect(assignments(await cluster.streamEvents())).toHaveLength(before), { forMs: 700, intervalMs: 100 });

    await cluster.saveSettings({ agentAutoAccept: true });
    const events = await streamUntil(cluster, (e) => assignments(e).length >= before + 5, 10_000);
    expect(new Set(assignments(events).slice(before).map((a) => a.sessionId))).toEqual(new Set(waiting));

    await cluster.saveSettings({ agentAutoAccept: false });
    await startInBursts(cluster, userIds(10, 'switch').slice(5), { burst: 5, gapMs: 0 });
    await consistently(async () => expect(assignments(await cluster.streamEvents())).toHaveLength(before + 5), { forMs: 1000, intervalMs: 100 });
  }, 60_000);

  it('router metrics: waiting sessions per queue, time to assign and assignments are exposed for scraping', async () => {
    const texts = await Promise.all(cluster.routers.map(async (r) => (await fetch(`${r.url}/metrics`, { headers: opsHeaders })).text()));
    const all = texts.join('\n');
    expect(all).toMatch(/switchboard_router_waiting_sessions\{queue="General"\} \d+/);
    expect(all).toMatch(/switchboard_router_time_to_assign_seconds_count [1-9]\d*/);
    const total = texts.map((t) => Number(/switchboard_router_assignments_total (\d+)/.exec(t)?.[1] ?? 0)).reduce((a, b) => a + b, 0);
    expect(total).toBe(assignments(await cluster.streamEvents()).filter((a) => (a as { via?: string }).via === 'autoAssign').length);
    const diagnostics = await Promise.all(cluster.routers.map(async (r) => (await (await fetch(`${r.url}/diagnostics/router`, { headers: opsHeaders })).json()) as { partitions: number[] }));
    expect(diagnostics.flatMap((d) => d.partitions).sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i));
  });
});
