import type { ChatEventMessage, SessionCommandMessage } from '@switchboard/contracts';
import { ChatCluster, consistently, eventually } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { endChat, startInBursts, userIds } from './router-load';

type Event = ChatEventMessage['event'];

/**
 * Issue 15, end to end: the deadlines are fired by the chat-actor that owns
 * the session (OS processes, real NATS and FerretDB); the times are a queue's
 * seconds, so nothing here waits for real minutes.
 */
describe('end-user inactivity (issue 15): unanswered chats and end users who left are closed, and their agent takes the next chat (router and chat-actor OS processes)', () => {
  // Services start slowly on a busy machine (compiled on load): they get two minutes.
  const cluster = new ChatCluster({ chatActors: 1, routers: 1, startTimeoutMs: 120_000 });
  const AGENT = 'inactivity-agent';
  const USERS = userIds(6, 'quiet');
  const live: ChatEventMessage[] = [];
  let stopTap: () => void = () => undefined;

  /** The session's events as they came, each seq once, in order. */
  const historyOf = (sessionId: string): Event[] => {
    const bySeq = new Map<number, Event>();
    for (const m of live) if (m.event.sessionId === sessionId) bySeq.set(m.event.seq, m.event);
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  };
  const waitFor = <T extends Event['type']>(sessionId: string, type: T, timeoutMs = 20_000) =>
    eventually(
      () => {
        const found = historyOf(sessionId).find((e) => e.type === type);
        if (!found) throw new Error(`${sessionId}: no ${type} yet`);
        return found as Extract<Event, { type: T }>;
      },
      { timeoutMs, intervalMs: 20 },
    );
  const send = async (command: SessionCommandMessage) => {
    const reply = await cluster.client.send(command);
    if (!reply.ok) throw new Error(`${command.type} refused: ${reply.error.code} ${reply.error.message}`);
    return reply.data;
  };
  const agentSays = (sessionId: string, text: string) => send({ type: 'PostMessage', commandId: randomUUID(), sessionId, actor: { role: 'agent', id: AGENT }, text });
  const userSays = (sessionId: string, endUserId: string, text: string) => send({ type: 'PostMessage', commandId: randomUUID(), sessionId, actor: { role: 'endUser', id: endUserId }, text });

  beforeAll(async () => {
    await cluster.start();
    await cluster.allPartitionsOwned();
    // One agent taking one chat at a time: the next chat waits until the agent's chat closes.
    await cluster.seedAgents([{ id: AGENT, cap: 1 }]);
    await cluster.seedEndUsers(USERS);
    await cluster.saveSettings({ agentAutoAccept: true, maxConcurrentChatsPerAgent: 1 });
    stopTap = cluster.tapEvents((m) => live.push(m));
  }, 300_000);
  afterAll(async () => {
    stopTap();
    await cluster.stop();
  });

  it('end-user inactivity: an unanswered agent gets "Are you still there?" sent, then the chat closes as userInactive and the agent takes the waiting chat', async () => {
    await cluster.saveQueuePolicy('General', { userInactivityWarnSeconds: 1, userInactivityCloseSeconds: 2, userLeftCloseSeconds: 0 });
    const [first, second] = await startInBursts(cluster, [USERS[0]!, USERS[1]!], { burst: 1, gapMs: 0 });
    await waitFor(first!, 'SessionAssigned');
    // At its cap the agent does not get the second chat.
    await consistently(() => expect(historyOf(second!).some((e) => e.type === 'SessionAssigned')).toBe(false), { forMs: 500, intervalMs: 100 });

    const asked = await agentSays(first!, 'Could you restart the VPN client and tell me what it says?');
    const posted = asked.events.find((e) => e.type === 'MessagePosted')!;
    const warnAt = Date.parse((posted as { inactivityWarnAt?: string }).inactivityWarnAt ?? '');
    expect(warnAt - Date.parse(posted.at)).toBe(1000);

    const warned = await waitFor(first!, 'UserInactivityWarned');
    expect(Date.parse(warned.at)).toBeGreaterThanOrEqual(warnAt);
    expect(warned.by).toEqual({ role: 'system', id: expect.any(String) });
    expect(Date.parse(warned.closesAt ?? '') - Date.parse(warned.at)).toBe(2000);

    const closed = await waitFor(first!, 'SessionClosed');
    expect(closed).toMatchObject({ reason: 'userInactive', previousStatus: 'ASSIGNED', agentId: AGENT });
    expect(Date.parse(closed.at)).toBeGreaterThanOrEqual(Date.parse(warned.closesAt!));
    // The history says why, in order: the agent's message, the question, the close.
    expect(historyOf(first!).slice(-3).map((e) => e.type)).toEqual(['MessagePosted', 'UserInactivityWarned', 'SessionClosed']);

    // The agent's capacity is free: the waiting chat is theirs now.
    const assigned = await waitFor(second!, 'SessionAssigned');
    expect(assigned.agentId).toBe(AGENT);
    expect(Date.parse(assigned.at)).toBeGreaterThanOrEqual(Date.parse(closed.at));
    // Each deadline fired once.
    await consistently(
      () => {
        expect(historyOf(first!).filter((e) => e.type === 'UserInactivityWarned')).toHaveLength(1);
        expect(historyOf(first!).filter((e) => e.type === 'SessionClosed')).toHaveLength(1);
      },
      { forMs: 1000, intervalMs: 250 },
    );
    await endChat(cluster, second!, AGENT);
  }, 90_000);

  it('end-user inactivity: an end user who answers the question keeps the chat open', async () => {
    await cluster.saveQueuePolicy('General', { userInactivityWarnSeconds: 1, userInactivityCloseSeconds: 2, userLeftCloseSeconds: 0 });
    const [chat] = await startInBursts(cluster, [USERS[2]!], { burst: 1, gapMs: 0 });
    await waitFor(chat!, 'SessionAssigned');
    await agentSays(chat!, 'Is the light on the router green?');
    const warned = await waitFor(chat!, 'UserInactivityWarned');
    const answer = await userSays(chat!, USERS[2]!, 'Sorry, yes it is green');
    expect(answer.session.deadlines).toBeUndefined();
    // Well past the close the question had announced: still open.
    await consistently(() => expect(historyOf(chat!).some((e) => e.type === 'SessionClosed')).toBe(false), {
      forMs: Math.max(0, Date.parse(warned.closesAt!) - Date.now()) + 1500,
      intervalMs: 250,
    });
    const ended = await endChat(cluster, chat!, AGENT);
    if (!ended.ok) throw new Error(`end failed: ${ended.error.code}`);
  }, 90_000);

  it('R12 end user leaves: a chat whose end user is marked as gone closes as userLeft after the queue\'s time, and the agent takes the waiting chat', async () => {
    await cluster.saveQueuePolicy('General', { userInactivityWarnSeconds: 0, userInactivityCloseSeconds: 0, userLeftCloseSeconds: 1 });
    const [gone, next] = await startInBursts(cluster, [USERS[3]!, USERS[4]!], { burst: 1, gapMs: 0 });
    await waitFor(gone!, 'SessionAssigned');
    // As the gateway does once the end user's connection has been gone for its grace period.
    const left = await send({ type: 'MarkUserLeft', commandId: randomUUID(), sessionId: gone!, actor: { role: 'system', id: 'gateway' } });
    const mark = left.events.find((e) => e.type === 'UserLeft')!;
    const closesAt = Date.parse((mark as { closesAt?: string }).closesAt ?? '');
    expect(closesAt - Date.parse(mark.at)).toBe(1000);

    const closed = await waitFor(gone!, 'SessionClosed');
    expect(closed).toMatchObject({ reason: 'userLeft', previousStatus: 'ASSIGNED', agentId: AGENT });
    expect(Date.parse(closed.at)).toBeGreaterThanOrEqual(closesAt);
    const assigned = await waitFor(next!, 'SessionAssigned');
    expect(assigned.agentId).toBe(AGENT);
    await endChat(cluster, next!, AGENT);
  }, 90_000);

  it('R12 end user leaves: an end user who comes back in time keeps the chat', async () => {
    await cluster.saveQueuePolicy('General', { userInactivityWarnSeconds: 0, userInactivityCloseSeconds: 0, userLeftCloseSeconds: 2 });
    const [chat] = await startInBursts(cluster, [USERS[5]!], { burst: 1, gapMs: 0 });
    await waitFor(chat!, 'SessionAssigned');
    const left = await send({ type: 'MarkUserLeft', commandId: randomUUID(), sessionId: chat!, actor: { role: 'system', id: 'gateway' } });
    const closesAt = Date.parse((left.events[0] as { closesAt?: string }).closesAt ?? '');
    const back = await send({ type: 'MarkUserReturned', commandId: randomUUID(), sessionId: chat!, actor: { role: 'endUser', id: USERS[5]! } });
    expect(back.session.deadlines).toBeUndefined();
    await consistently(() => expect(historyOf(chat!).some((e) => e.type === 'SessionClosed')).toBe(false), {
      forMs: Math.max(0, closesAt - Date.now()) + 1500,
      intervalMs: 250,
    });
    await endChat(cluster, chat!, AGENT);
  }, 90_000);
});
