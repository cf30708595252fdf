import type { ChatEventMessage } from '@switchboard/contracts';
import { ChatCluster, consistently, eventually } from '@switchboard/testing';
import { agentIds, userIds } from './router-load';

/** The session's events from the stream, each seq once, in order. */
function historyOf(events: readonly ChatEventMessage[], sessionId: string): ChatEventMessage['event'][] {
  const bySeq = new Map<number, ChatEventMessage['event']>();
  for (const m of events) if (m.event.sessionId === sessionId) bySeq.set(m.event.seq, m.event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

describe('no first reply (issue 14): automatic reassignment of unanswered chats (router and chat-actor OS processes)', () => {
  const cluster = new ChatCluster({ chatActors: 2, routers: 2 });
  const AGENTS = agentIds(3, 'silent');

  beforeAll(async () => {
    await cluster.start();
    await cluster.allPartitionsOwned();
    await cluster.seedAgents(AGENTS.map((id) => ({ id })));
    await cluster.seedEndUsers(userIds(2, 'unanswered'));
    await cluster.saveQueuePolicy('General', { firstReplySeconds: 1 });
    await cluster.saveSettings({ agentAutoAccept: true, maxConcurrentChatsPerAgent: 0 });
  }, 60_000);
  afterAll(() => cluster.stop());

  it('no first reply: a chat nobody answers goes from agent to agent, never back to one who let it go, then waits', async () => {
    const start = await cluster.client.send(cluster.startCommand(userIds(1, 'unanswered')[0]!));
    if (!start.ok) throw new Error(`start failed: ${start.error.code}`);
    const sessionId = start.data.sessionId;

    // Each of the three agents gets it once and lets it go.
    let history: ChatEventMessage['event'][] = [];
    await eventually(
      async () => {
        history = historyOf(await cluster.streamEvents(), sessionId);
        expect(history.filter((e) => e.type === 'FirstReplyMissed')).toHaveLength(AGENTS.length);
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const assignedTo = history.flatMap((e) => (e.type === 'SessionAssigned' ? [e.agentId] : []));
    const missedBy = history.flatMap((e) => (e.type === 'FirstReplyMissed' ? [e.agentId] : []));
    expect(new Set(assignedTo)).toEqual(new Set(AGENTS));
    expect(assignedTo).toHaveLength(AGENTS.length);
    expect(missedBy).toEqual(assignedTo);
    // Each went back to the queue only after its limit: at least a second after its assignment.
    for (const missed of history.filter((e) => e.type === 'FirstReplyMissed')) {
      const assigned = history.filter((e) => e.type === 'SessionAssigned' && e.seq < missed.seq).at(-1)!;
      expect(Date.parse(missed.at) - Date.parse(assigned.at)).toBeGreaterThanOrEqual(1000);
    }

    // Every online agent let it go: it waits in the queue and is offered to none of them again.
    await consistently(
      async () => {
        const now = historyOf(await cluster.streamEvents(), sessionId);
        expect(now.filter((e) => e.type === 'SessionAssigned')).toHaveLength(AGENTS.length);
        expect(now.at(-1)?.type).toBe('FirstReplyMissed');
      },
      { forMs: 2500, intervalMs: 500 },
    );
  }, 60_000);

  it('no first reply: an agent who writes to the end user in time keeps the chat', async () => {
    // A limit the agent's reply surely beats, however busy the machine.
    await cluster.saveQueuePolicy('General', { firstReplySeconds: 4 });
    const start = await cluster.client.send(cluster.startCommand(userIds(2, 'unanswered')[1]!));
    if (!start.ok) throw new Error(`start failed: ${start.error.code}`);
    const sessionId = start.data.sessionId;
    let agentId = '';
    let dueAt = 0;
    await eventually(
      async () => {
        const assigned = historyOf(await cluster.streamEvents(), sessionId).find((e) => e.type === 'SessionAssigned');
        if (assigned?.type !== 'SessionAssigned') throw new Error('not assigned yet');
        agentId = assigned.agentId;
        dueAt = Date.parse(assigned.firstReplyDueAt ?? '');
      },
      { timeoutMs: 10_000, intervalMs: 20 },
    );
    expect(dueAt - Date.parse(new Date().toISOString())).toBeGreaterThan(1000);
    const reply = await cluster.client.send({ type: 'PostMessage', commandId: `reply-${sessionId}`, sessionId, actor: { role: 'agent', id: agentId }, text: 'Hello, looking into it' });
    if (!reply.ok) throw new Error(`reply failed: ${reply.error.code}`);
    expect(reply.data.session.deadlines).toBeUndefined();
    // Past the limit and then some: the chat stays with its agent.
    await consistently(
      async () => expect(historyOf(await cluster.streamEvents(), sessionId).some((e) => e.type === 'FirstReplyMissed')).toBe(false),
      { forMs: Math.max(0, dueAt - Date.now()) + 1500, intervalMs: 500 },
    );
  }, 60_000);
});
