import type { ChatEventMessage } from '@switchboard/contracts';
import { ChatCluster, eventually } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { assignments, endChat, streamUntil } from './router-load';

const AGENT = 'prio-agent';

/** The session's events from the stream, each seq once, in order. */
function historyOf(events: readonly ChatEventMessage[], sessionId: string): ChatEventMessage['event'][] {
  const bySeq = new Map<number, ChatEventMessage['event']>();
  for (const m of events) if (m.event.sessionId === sessionId) bySeq.set(m.event.seq, m.event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

describe('priority (issue 15): the router serves higher priority first, then longest wait (router and chat-actor OS processes)', () => {
  const cluster = new ChatCluster({ chatActors: 1, routers: 1, startTimeoutMs: 90_000 });
  // One agent with one slot: every chat waits, and the order of assignments is the order of service.
  const USERS = ['blocker', 'normal-1', 'vip-1', 'company-1', 'normal-2', 'vip-2', 'company-2', 'raised-1'];

  beforeAll(async () => {
    await cluster.start();
    await cluster.allPartitionsOwned();
    await cluster.seedAgents([{ id: AGENT, cap: 1, companies: ['acme', 'bigco'] }]);
    await cluster.seedEndUsers(USERS.filter((u) => !u.startsWith('company')));
    await cluster.seedEndUsers(USERS.filter((u) => u.startsWith('company')), 'bigco');
    await cluster.savePriority('end_users', 'vip-1', 2);
    await cluster.savePriority('end_users', 'vip-2', 2);
    await cluster.savePriority('companies', 'bigco', 1);
    await cluster.saveSettings({ agentAutoAccept: true, maxConcurrentChatsPerAgent: 0 });
  }, 240_000);
  afterAll(() => cluster.stop());

  it('R4.1 priority order with ties by wait: VIPs, then the priority company, then the rest, each oldest first; a priority raised while waiting goes first', async () => {
    const start = async (user: string) => {
      const reply = await cluster.client.send(cluster.startCommand(user));
      if (!reply.ok) throw new Error(`start refused: ${reply.error.code} ${reply.error.message}`);
      return reply.data;
    };
    // The agent's one slot is taken: everything after waits.
    const blocker = await start('blocker');
    await streamUntil(cluster, (e) => assignments(e).some((a) => a.sessionId === blocker.sessionId), 20_000);

    const ids = new Map<string, string>();
    for (const user of USERS.slice(1)) {
      const session = await start(user);
      ids.set(user, session.sessionId);
      // The priority each chat starts with, from its end user or company.
      expect(session.session.priority ?? 0).toBe(user.startsWith('vip') ? 2 : user.startsWith('company') ? 1 : 0);
      // Distinct queue times: ties of priority are broken by the wait alone.
      await eventually(async () => expect(Date.now()).toBeGreaterThan(Date.parse(session.session.queuedAt!) + 5), { timeoutMs: 1000, intervalMs: 5 });
    }
    // An administrator raises the last one's priority while it waits (R19: admin or an agent of the queue).
    const raised = await cluster.client.send({ type: 'RaisePriority', commandId: randomUUID(), sessionId: ids.get('raised-1')!, actor: { role: 'admin', id: 'admin-1' }, priority: 3 });
    if (!raised.ok) throw new Error(`raise refused: ${raised.error.code} ${raised.error.message}`);
    expect(raised.data.events.map((e) => e.type)).toEqual(['PriorityRaised']);
    // Each waiting chat got its wait estimate (one slot, nothing free: a range above zero).
    await eventually(
      async () => {
        const events = await cluster.streamEvents();
        for (const id of ids.values()) {
          const estimate = historyOf(events, id).find((e) => e.type === 'WaitEstimated');
          if (estimate?.type !== 'WaitEstimated') throw new Error(`no estimate for ${id}`);
          expect(estimate.maxSeconds).toBeGreaterThan(0);
        }
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );

    // The agent ends each chat it gets; the next waiting one follows.
    const served: string[] = [];
    let current = blocker.sessionId;
    for (let i = 0; i < ids.size; i++) {
      const ended = await endChat(cluster, current, AGENT);
      if (!ended.ok) throw new Error(`end refused: ${ended.error.code}`);
      const events = await streamUntil(cluster, (e) => assignments(e).filter((a) => a.sessionId !== blocker.sessionId).length > i, 20_000);
      const next = assignments(events).filter((a) => a.sessionId !== blocker.sessionId)[i]!;
      served.push([...ids].find(([, id]) => id === next.sessionId)![0]);
      current = next.sessionId;
    }
    expect(served).toEqual(['raised-1', 'vip-1', 'vip-2', 'company-1', 'company-2', 'normal-1', 'normal-2']);
  }, 180_000);
});
