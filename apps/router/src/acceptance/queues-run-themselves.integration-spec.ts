import type { ChatEventMessage, OpeningHours } from '@switchboard/contracts';
import { ChatCluster, consistently, eventually } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { userIds } from './router-load';

/** The session's events from the stream, each seq once, in order. */
function historyOf(events: readonly ChatEventMessage[], sessionId: string): ChatEventMessage['event'][] {
  const bySeq = new Map<number, ChatEventMessage['event']>();
  for (const m of events) if (m.event.sessionId === sessionId) bySeq.set(m.event.seq, m.event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

const DAY = 86_400_000;
const utcDate = (t: number) => new Date(t).toISOString().slice(0, 10);
/** Open all day every day, in UTC. */
const ALWAYS: OpeningHours = { timeZone: 'UTC', weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' })), holidays: [] };
/**
 * Closed now, whatever the time of the test: yesterday, today and tomorrow
 * (UTC) are holidays, so the queue opens again at midnight after tomorrow.
 * The clock the chat actor reads is the real one; the schedule is what moves.
 */
function closedAroundNow(): { hours: OpeningHours; opensAt: string } {
  const now = Date.now();
  return {
    hours: { ...ALWAYS, holidays: [utcDate(now - DAY), utcDate(now), utcDate(now + DAY)] },
    opensAt: `${utcDate(now + 2 * DAY)}T00:00:00.000Z`,
  };
}

describe('queues that run themselves (issue 15): opening hours and maximum wait (router and chat-actor OS processes)', () => {
  const cluster = new ChatCluster({ chatActors: 1, routers: 1 });
  const USERS = userIds(6, 'hours');
  /** End users who try a start while a schedule change spreads (each at most once: a start that got through would hold them). */
  const PROBES = userIds(40, 'hours-probe');
  let probe = 0;
  const NETWORK_AGENT = 'network-agent';

  beforeAll(async () => {
    await cluster.start();
    await cluster.allPartitionsOwned();
    await cluster.seedEndUsers([...USERS, ...PROBES]);
    // Accounts and Network, each with a topic of its name (the overflow test starts in Accounts: every agent serves General).
    await cluster.seedQueuesWithTopics(['Accounts', 'Network']);
    await cluster.saveSettings({ supportQueues: true, agentAutoAccept: false });
  }, 60_000);
  afterAll(() => cluster.stop());

  it('opening hours: a start after hours is refused with the next opening, and leaving a message instead becomes an open ticket the desk sees', async () => {
    const { hours, opensAt } = closedAroundNow();
    await cluster.saveQueuePolicy('General', { openingHours: hours, maxWaitSeconds: 0, overflowQueue: '' });
    const user = USERS[0]!;
    let closed: { code: string; details?: unknown } | undefined;
    // The policy reaches the chat actor's cache through the change announcement.
    await eventually(
      async () => {
        const start = await cluster.client.send(cluster.startCommand(user));
        expect(start.ok).toBe(false);
        if (!start.ok) closed = start.error;
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    expect(closed).toMatchObject({ code: 'QUEUE_CLOSED', details: { queue: 'General', nextOpeningAt: opensAt, timeZone: 'UTC' } });

    const left = await cluster.client.send({ ...cluster.startCommand(user), description: 'Please call me about my VPN', leaveMessage: true });
    if (!left.ok) throw new Error(`leaving a message failed: ${left.error.code}`);
    expect(left.data.events.map((e) => e.type)).toEqual(['SessionStarted', 'MessageLeft', 'SessionClosed']);
    expect(left.data.session).toMatchObject({ status: 'CLOSED', ticket: { status: 'Open', summary: 'Please call me about my VPN' } });
    const ticketId = left.data.session.ticket!.ticketId;
    // The desk sees it where it sees a customer's open tickets (R15's query: the end user's sessions with an open ticket).
    const open = await cluster.db.collection('chat_sessions').find({ endUserId: user, 'state.ticket.status': 'Open' }).toArray();
    expect(open.map((d) => (d['state'] as { ticket: { ticketId: string } }).ticket.ticketId)).toEqual([ticketId]);
    // ...and in the history: the message left, then the close with its reason.
    await eventually(
      async () => {
        const history = historyOf(await cluster.streamEvents(), left.data.sessionId);
        expect(history.map((e) => e.type)).toEqual(['SessionStarted', 'MessageLeft', 'SessionClosed']);
        expect(history[1]).toMatchObject({ reason: 'afterHours', ticketId });
        expect(history[2]).toMatchObject({ reason: 'messageLeft', previousStatus: 'QUEUED' });
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
  }, 60_000);

  it('opening hours: a chat already running is not cut off when the queue closes', async () => {
    await cluster.saveQueuePolicy('General', { openingHours: ALWAYS, maxWaitSeconds: 0, overflowQueue: '' });
    await cluster.seedAgents([{ id: 'day-agent', queues: ['General'] }]);
    const user = USERS[1]!;
    let sessionId = '';
    await eventually(
      async () => {
        const start = await cluster.client.send(cluster.startCommand(user));
        if (!start.ok) throw new Error(`start failed: ${start.error.code}`);
        sessionId = start.data.sessionId;
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    const accepted = await cluster.client.send({ type: 'AcceptSession', commandId: randomUUID(), sessionId, actor: { role: 'agent', id: 'day-agent' } });
    if (!accepted.ok) throw new Error(`accept failed: ${accepted.error.code}`);

    // The hours end: a new start is refused...
    await cluster.saveQueuePolicy('General', { openingHours: closedAroundNow().hours });
    await eventually(
      async () => {
        const other = await cluster.client.send(cluster.startCommand(PROBES[probe++ % PROBES.length]!));
        expect(other.ok ? 'started' : other.error.code).toBe('QUEUE_CLOSED');
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    // ...while the running chat goes on, both ways, and is never closed by it.
    for (const actor of [{ role: 'endUser' as const, id: user }, { role: 'agent' as const, id: 'day-agent' }]) {
      const posted = await cluster.client.send({ type: 'PostMessage', commandId: randomUUID(), sessionId, actor, text: `still here (${actor.role})` });
      if (!posted.ok) throw new Error(`post failed: ${posted.error.code}`);
      expect(posted.data.session.status).toBe('ASSIGNED');
    }
    await consistently(
      async () => {
        const history = historyOf(await cluster.streamEvents(), sessionId);
        expect(history.some((e) => e.type === 'SessionClosed')).toBe(false);
      },
      { forMs: 2000, intervalMs: 500 },
    );
  }, 60_000);

  it('maximum wait: a chat no agent took within the limit offers its end user to leave a message or keep waiting; keeping waiting starts the limit again; leaving a message closes it as a ticket', async () => {
    await cluster.saveQueuePolicy('General', { openingHours: ALWAYS, maxWaitSeconds: 1, overflowQueue: '' });
    const user = USERS[3]!;
    let sessionId = '';
    await eventually(
      async () => {
        const start = await cluster.client.send(cluster.startCommand(user));
        if (!start.ok) throw new Error(`start failed: ${start.error.code}`);
        expect(start.data.events[0]).toHaveProperty('maxWaitDueAt');
        sessionId = start.data.sessionId;
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    const offers = async (count: number) => {
      let history: ChatEventMessage['event'][] = [];
      await eventually(
        async () => {
          history = historyOf(await cluster.streamEvents(), sessionId);
          expect(history.filter((e) => e.type === 'LongWaitOffered')).toHaveLength(count);
        },
        { timeoutMs: 15_000, intervalMs: 200 },
      );
      return history;
    };
    const first = await offers(1);
    const started = first[0]!;
    const offered = first.find((e) => e.type === 'LongWaitOffered')!;
    expect(Date.parse(offered.at) - Date.parse(started.at)).toBeGreaterThanOrEqual(1000);

    const kept = await cluster.client.send({ type: 'KeepWaiting', commandId: randomUUID(), sessionId, actor: { role: 'endUser', id: user } });
    if (!kept.ok) throw new Error(`keep waiting failed: ${kept.error.code}`);
    const second = await offers(2);
    const keptAt = second.find((e) => e.type === 'KeptWaiting')!;
    const again = second.filter((e) => e.type === 'LongWaitOffered')[1]!;
    expect(again.seq).toBeGreaterThan(keptAt.seq);
    expect(Date.parse(again.at) - Date.parse(keptAt.at)).toBeGreaterThanOrEqual(1000);

    const left = await cluster.client.send({ type: 'LeaveMessage', commandId: randomUUID(), sessionId, actor: { role: 'endUser', id: user }, text: 'Call me tomorrow' });
    if (!left.ok) throw new Error(`leave message failed: ${left.error.code}`);
    expect(left.data.events.map((e) => e.type)).toEqual(['MessageLeft', 'SessionClosed']);
    expect(left.data.events[0]).toMatchObject({ reason: 'longWait', summary: 'Call me tomorrow' });
    expect(left.data.session).toMatchObject({ status: 'CLOSED', ticket: { status: 'Open' } });
    // The deadline went with the wait: nothing fires after the close.
    expect(left.data.session.deadlines).toBeUndefined();
  }, 60_000);

  it('maximum wait: with an overflow queue the chat moves there once its limit passed, and the router gives it to that queue\'s agent', async () => {
    await cluster.saveSettings({ agentAutoAccept: true, useTopics: true });
    await cluster.saveQueuePolicy('General', { maxWaitSeconds: 0 });
    await cluster.saveQueuePolicy('Accounts', { maxWaitSeconds: 1, overflowQueue: 'Network' });
    // Nobody serves Accounts (and General's agent went offline); one agent serves Network.
    await cluster.agentStates.setPresence('day-agent', 'offline');
    await cluster.seedAgents([{ id: NETWORK_AGENT, queues: ['Network'] }]);
    const user = USERS[4]!;
    let sessionId = '';
    await eventually(
      async () => {
        const start = await cluster.client.send({ ...cluster.startCommand(user), topic: 'accounts' });
        if (!start.ok) throw new Error(`start failed: ${start.error.code}`);
        expect(start.data.events[0]).toMatchObject({ queue: 'Accounts', maxWaitDueAt: expect.any(String) });
        sessionId = start.data.sessionId;
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    let history: ChatEventMessage['event'][] = [];
    await eventually(
      async () => {
        history = historyOf(await cluster.streamEvents(), sessionId);
        expect(history.some((e) => e.type === 'SessionAssigned')).toBe(true);
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(history.map((e) => e.type)).toEqual(['SessionStarted', 'QueueOverflowed', 'SessionAssigned']);
    const [started, overflowed, assigned] = history;
    expect(overflowed).toMatchObject({ fromQueue: 'Accounts', toQueue: 'Network', by: { role: 'system' } });
    expect(Date.parse(overflowed!.at) - Date.parse(started!.at)).toBeGreaterThanOrEqual(1000);
    expect(assigned).toMatchObject({ agentId: NETWORK_AGENT, via: 'autoAssign' });
  }, 60_000);
});
