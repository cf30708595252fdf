import { dropConnection } from '@switchboard/client/testing';
import { consistently, eventually } from '@switchboard/testing';
import { RealtimeStack, recorder } from '../../testing/realtime-stack';

/** The end user's side of R1, R3.2, R5.2, R7.3, R8, R9.3, R11, R12, R13 through the WebSocket API. */
describe('end user walk (gateway, chat-actor, NATS, database)', () => {
  const stack = new RealtimeStack();
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  let n = 0;
  const fresh = async (companyId = 'acme') => {
    const id = `eu${++n}`;
    await stack.addEndUser(id, { companyId });
    return id;
  };
  const freshAgent = async (queues = ['Network', 'Hardware']) => {
    const id = `ag-eu-${++n}`;
    await stack.addAgent(id, { queues, companies: ['acme', 'globex'] });
    return id;
  };

  it('R1 start: the session is QUEUED in the queue of its topic, with the description, and the end user is told', async () => {
    const user = await stack.client(await fresh());
    const seen = recorder(user);
    const { session } = await user.startSession('Printer jams on every page', 'printer');
    expect(session).toMatchObject({ status: 'QUEUED', queue: 'Hardware', description: 'Printer jams on every page', topic: 'printer' });
    await eventually(() => expect(seen.notices(session.sessionId)).toContain('SESSION_STARTED'));
  });

  it('R1 start: with Use Topics on a missing topic is refused with TOPIC_REQUIRED, an unknown one with TOPIC_NOT_FOUND', async () => {
    const user = await stack.client(await fresh());
    await expect(user.startSession('No topic')).rejects.toMatchObject({ code: 'TOPIC_REQUIRED' });
    await expect(user.startSession('Bad topic', 'nope')).rejects.toMatchObject({ code: 'TOPIC_NOT_FOUND' });
  });

  it('R1.1 a repeated start (same clientId, even through another connection) returns the first session', async () => {
    const id = await fresh();
    const a = await stack.client(id);
    const b = await stack.client(id);
    const first = await a.startSession('VPN', 'vpn', 'start-request-0001');
    const again = await b.startSession('VPN', 'vpn', 'start-request-0001');
    expect(again.session.sessionId).toBe(first.session.sessionId);
    expect(again.duplicate).toBe(true);
  });

  it('R1.2 a second start while a session is open returns the open one', async () => {
    const user = await stack.client(await fresh());
    const first = await user.startSession('VPN', 'vpn');
    const second = await user.startSession('Something else', 'wifi');
    expect(second.session.sessionId).toBe(first.session.sessionId);
    expect((await user.currentSession())?.sessionId).toBe(first.session.sessionId);
  });

  it('R3.2 R8 R9.3 the end user hears: agent online (with its name), released, ended; and gets the agent messages', async () => {
    const user = await stack.client(await fresh());
    const seen = recorder(user);
    const agentId = await freshAgent();
    const agent = await stack.client(agentId);
    const { session } = await user.startSession('Wi-Fi is slow', 'wifi');
    const id = session.sessionId;
    await agent.accept(id);
    await eventually(() => expect(seen.of(id).find((e) => e.notices.includes('AGENT_JOINED'))?.event).toMatchObject({ agentName: `Agent ${agentId}` }));
    await agent.post(id, 'Hello, I am looking into it');
    await eventually(() => expect(seen.of(id).some((e) => e.type === 'MessagePosted' && e.event['text'] === 'Hello, I am looking into it')).toBe(true));
    await agent.release(id);
    await eventually(() => expect(seen.notices(id)).toContain('RELEASED'));
    await agent.accept(id);
    await agent.end(id);
    await eventually(() => expect(seen.notices(id)).toContain('SESSION_ENDED'));
    agent.close();
  });

  it('R5.2 R7.3 the end user is told of transfers to an agent and to a queue; history is preserved', async () => {
    const user = await stack.client(await fresh());
    const seen = recorder(user);
    const a1 = await stack.client(await freshAgent());
    const a2Id = await freshAgent();
    const a2 = await stack.client(a2Id);
    const { session } = await user.startSession('VPN again', 'vpn');
    const id = session.sessionId;
    await a1.accept(id);
    await user.post(id, 'first message');
    await a1.transferToAgent(id, a2Id, 'knows VPN');
    await eventually(() => expect(seen.notices(id)).toContain('TRANSFERRED'));
    const accepted = await a2.accept(id);
    expect(accepted.session.history.some((e) => e.type === 'MessagePosted' && e['text'] === 'first message')).toBe(true);
    await a2.transferToQueue(id, 'Hardware', 'maybe the laptop');
    await eventually(() => expect(seen.notices(id).filter((c) => c === 'TRANSFERRED')).toHaveLength(2));
    const resumed = await user.resume(id, 0);
    expect(resumed.events.map((e) => e.type)).toContain('TransferredToQueue');
    a1.close();
    a2.close();
  });

  it('R4.1 R8 R11.1 waiting end users are told their place in the queue, live, and again after a reconnect', async () => {
    // A queue of its own, so sessions of the other tests do not stand in line.
    await stack.db.collection('queues').insertOne({ _id: 'Positions' as never, description: 'Queue positions' });
    await stack.db.collection('topics').insertOne({ _id: 'positions' as never, name: 'Positions', queue: 'Positions' });
    // Written past the admin API: announced as it would announce it, for the processes' caches (ADR 8).
    stack.nc.publish(stack.subjects.referenceDataChanged);
    await stack.nc.flush();
    const users = await Promise.all([1, 2, 3].map(async () => stack.client(await fresh())));
    const places = users.map((u) => {
      const seen: number[] = [];
      u.on('session.queuePosition', (f) => seen.push(f.position));
      return seen;
    });
    const ids: string[] = [];
    for (const u of users) ids.push((await u.startSession('Waiting in line', 'positions')).session.sessionId);
    await eventually(() => expect(places.map((p) => p.at(-1))).toEqual([1, 2, 3]));

    // The first in line cancels (R11.1): everyone behind moves up.
    await users[0]!.cancel(ids[0]!);
    await eventually(() => expect(places.slice(1).map((p) => p.at(-1))).toEqual([1, 2]));

    // An agent takes the new first, then releases it (R8): it goes to the back, behind the third.
    const agent = await stack.client(await freshAgent(['Positions']));
    await agent.accept(ids[1]!);
    await eventually(() => expect(places[2]!.at(-1)).toBe(1));
    await agent.release(ids[1]!);
    await eventually(() => expect(places[1]!.at(-1)).toBe(2));
    expect(places[2]!.at(-1)).toBe(1);
    expect(places[2]).toEqual([3, 2, 1]); // only changes are sent

    // A reconnecting end user hears its place right after hello.
    const reconnected: number[] = [];
    await stack.client(users[1]!.hello!.principal.id, { beforeConnect: (c) => c.on('session.queuePosition', (f) => reconnected.push(f.position)) });
    await eventually(() => expect(reconnected).toEqual([2]));
    agent.close();
  });

  it('R11.1 cancelling a QUEUED session closes it', async () => {
    const user = await stack.client(await fresh());
    const seen = recorder(user);
    const { session } = await user.startSession('never mind', 'vpn');
    const ack = await user.cancel(session.sessionId);
    expect(ack.events.map((e) => e.type)).toEqual(['UserCancelled', 'SessionClosed']);
    await eventually(() => expect(seen.notices(session.sessionId)).toContain('SESSION_ENDED'));
    expect(await user.currentSession()).toBeNull();
  });

  it('R11.2 R11.3 cancelling an ASSIGNED session flags it, the agent sees "End user has cancelled chat.", the end user can post no more', async () => {
    const user = await stack.client(await fresh());
    const agent = await stack.client(await freshAgent());
    const agentSeen = recorder(agent);
    const { session } = await user.startSession('cancel me', 'vpn');
    const id = session.sessionId;
    await agent.accept(id);
    await user.cancel(id);
    await eventually(() =>
      expect(agentSeen.of(id).find((e) => e.type === 'UserCancelled')).toMatchObject({ notices: ['USER_CANCELLED'] }),
    );
    const cancelledFrame = agentSeen.of(id).find((e) => e.type === 'UserCancelled');
    expect(cancelledFrame).toBeDefined();
    await expect(user.post(id, 'still here?')).rejects.toMatchObject({ code: 'USER_CANCELLED' });
    const lists = await agent.lists();
    expect(lists.myChats.find((s) => s.sessionId === id)).toMatchObject({ cancelledByUser: true, status: 'ASSIGNED' });
    await agent.end(id);
    agent.close();
  });

  it('R12 gone longer than the grace period: userLeft, the agent is told; back: UserReturned; nothing is lost', async () => {
    const userId = await fresh();
    const user = await stack.client(userId);
    const agent = await stack.client(await freshAgent());
    const agentSeen = recorder(agent);
    const { session } = await user.startSession('I may drop', 'vpn');
    const id = session.sessionId;
    await agent.accept(id);
    user.close();
    await eventually(() => expect(agentSeen.notices(id)).toContain('USER_LEFT'), { timeoutMs: 10_000 });
    await agent.post(id, 'are you there?');
    const back = await stack.client(userId);
    const seen = recorder(back);
    back.follow(id, 0);
    await back.resume(id, 0).then((r) => expect(r.events.map((e) => e.type)).toContain('UserLeft'));
    await eventually(() => expect(agentSeen.notices(id)).toContain('USER_RETURNED'));
    await eventually(() => expect(seen.types(id)).toContain('UserReturned'));
    agent.close();
  });

  it('R12 a reconnect within the grace period changes nothing and resumes from the last seq without loss', async () => {
    const userId = await fresh();
    const user = await stack.client(userId);
    const seen = recorder(user);
    const agent = await stack.client(await freshAgent());
    const agentSeen = recorder(agent);
    const { session } = await user.startSession('flaky network', 'wifi');
    const id = session.sessionId;
    await agent.accept(id);
    await eventually(() => expect(seen.types(id)).toContain('SessionAssigned'));
    dropConnection(user);
    // Sent while the end user is away: delivered after the automatic reconnect and resume.
    for (let i = 1; i <= 5; i++) await agent.post(id, `while away ${i}`);
    await eventually(() => expect(seen.of(id).filter((e) => e.type === 'MessagePosted').map((e) => e.event['text'])).toEqual([1, 2, 3, 4, 5].map((i) => `while away ${i}`)));
    const seqs = seen.of(id).map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    await consistently(() => expect(agentSeen.notices(id)).not.toContain('USER_LEFT'), { forMs: 2000 });
    agent.close();
  });

  it('R13 side notes never reach the end user, live or on resume', async () => {
    const user = await stack.client(await fresh());
    const seen = recorder(user);
    const agent = await stack.client(await freshAgent());
    const { session } = await user.startSession('notes', 'vpn');
    const id = session.sessionId;
    await agent.accept(id);
    await agent.sideNote(id, 'SECRET internal note');
    await agent.post(id, 'visible');
    await eventually(() => expect(seen.types(id)).toContain('MessagePosted'));
    const resumed = await user.resume(id, 0);
    const everything = JSON.stringify([seen.events, resumed, await user.currentSession()]);
    expect(everything).not.toContain('SECRET');
    expect(everything).not.toContain('SideNoteAdded');
    agent.close();
  });

  it('A3 a command retried with the same clientId after a reconnect is applied once and answered with its first result', async () => {
    const user = await stack.client(await fresh());
    const agent = await stack.client(await freshAgent());
    const { session } = await user.startSession('retry', 'vpn');
    const id = session.sessionId;
    await agent.accept(id);
    const first = await user.command('session.post', { sessionId: id, text: 'exactly once' }, { clientId: 'retry-post-0001' });
    dropConnection(user);
    // Sent while disconnected: it waits for the reconnect, then goes out with the same clientId.
    const again = await user.command('session.post', { sessionId: id, text: 'exactly once' }, { clientId: 'retry-post-0001' });
    if (!first.ok || !again.ok) throw new Error(`refused: ${JSON.stringify([first, again])}`);
    expect(again.data).toMatchObject({ duplicate: true, seq: first.data.seq });
    const history = await user.resume(id, 0);
    expect(history.events.filter((e) => e['text'] === 'exactly once')).toHaveLength(1);
    agent.close();
  });
});
