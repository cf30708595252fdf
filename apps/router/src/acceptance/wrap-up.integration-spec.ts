import type { ChatEventMessage } from '@switchboard/contracts';
import { ChatCluster, consistently, eventually } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { endChat, startInBursts, userIds } from './router-load';

type Event = ChatEventMessage['event'];

describe('wrap-up (issue 14): no new chat for an agent while its wrap-up lasts (router and chat-actor OS processes)', () => {
  const cluster = new ChatCluster({ chatActors: 2, routers: 2 });
  const AGENT = 'wrapping-agent';
  const live: ChatEventMessage[] = [];
  let stopTap: () => void = () => undefined;

  const assignedAt = (sessionId: string): Event | undefined => live.find((m) => m.event.sessionId === sessionId && m.event.type === 'SessionAssigned')?.event;
  const waitAssigned = (sessionId: string, timeoutMs = 20_000) =>
    eventually(
      () => {
        const e = assignedAt(sessionId);
        if (!e) throw new Error(`${sessionId} not assigned yet`);
        return e;
      },
      { timeoutMs, intervalMs: 20 },
    );

  beforeAll(async () => {
    await cluster.start();
    await cluster.allPartitionsOwned();
    await cluster.seedAgents([{ id: AGENT }]);
    await cluster.seedEndUsers(userIds(4, 'wrap'));
    await cluster.saveSettings({ agentAutoAccept: true, maxConcurrentChatsPerAgent: 0 });
    stopTap = cluster.tapEvents((m) => live.push(m));
  }, 60_000);
  afterAll(async () => {
    stopTap();
    await cluster.stop();
  });

  it('wrap-up: after ending a chat the agent gets no new chat for the queue\'s wrap-up time, then gets it', async () => {
    await cluster.saveQueuePolicy('General', { firstReplySeconds: 0, offerSeconds: 0, wrapUpSeconds: 3, dispositionRequired: false });
    const [first] = await startInBursts(cluster, [userIds(4, 'wrap')[0]!], { burst: 1, gapMs: 0 });
    await waitAssigned(first!);
    const ended = await endChat(cluster, first!, AGENT);
    if (!ended.ok) throw new Error(`end failed: ${ended.error.code}`);
    const closed = ended.data.events.find((e) => e.type === 'SessionClosed');
    const until = Date.parse((closed as { wrapUpUntil?: string } | undefined)?.wrapUpUntil ?? '');
    expect(Number.isNaN(until)).toBe(false);

    const [second] = await startInBursts(cluster, [userIds(4, 'wrap')[1]!], { burst: 1, gapMs: 0 });
    await consistently(() => expect(assignedAt(second!)).toBeUndefined(), { forMs: Math.max(0, until - Date.now() - 300), intervalMs: 100 });
    const assigned = await waitAssigned(second!);
    expect(Date.parse(assigned.at)).toBeGreaterThanOrEqual(until);
    // Planned again when the wrap-up ended, not by the periodic full read.
    expect(Date.parse(assigned.at) - until).toBeLessThan(2000);
    await endChat(cluster, second!, AGENT);
  }, 60_000);

  it('wrap-up: with a disposition required, the wrap-up lasts until the agent records one', async () => {
    await cluster.saveQueuePolicy('General', { firstReplySeconds: 0, offerSeconds: 0, wrapUpSeconds: 1, dispositionRequired: true });
    const [third] = await startInBursts(cluster, [userIds(4, 'wrap')[2]!], { burst: 1, gapMs: 0 });
    await waitAssigned(third!);
    const ended = await endChat(cluster, third!, AGENT);
    if (!ended.ok) throw new Error(`end failed: ${ended.error.code}`);

    const [fourth] = await startInBursts(cluster, [userIds(4, 'wrap')[3]!], { burst: 1, gapMs: 0 });
    // Past the wrap-up time, still nothing: the disposition is missing.
    await consistently(() => expect(assignedAt(fourth!)).toBeUndefined(), { forMs: 2500, intervalMs: 100 });
    const recorded = await cluster.client.send({ type: 'RecordDisposition', commandId: randomUUID(), sessionId: third!, actor: { role: 'agent', id: AGENT }, code: 'Resolved' });
    if (!recorded.ok) throw new Error(`disposition failed: ${recorded.error.code}`);
    const recordedAt = Date.now();
    const assigned = await waitAssigned(fourth!);
    expect(Date.parse(assigned.at)).toBeGreaterThanOrEqual(recordedAt - 50);
    expect((await cluster.agentStates.get(AGENT)).state.wrapUp).toBeUndefined();
  }, 60_000);
});
