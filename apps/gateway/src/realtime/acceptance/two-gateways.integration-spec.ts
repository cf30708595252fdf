import { AgentStateStore } from '@switchboard/agent-state';
import { AgentListsModel, type SwitchboardClient } from '@switchboard/client';
import { consistently, eventually } from '@switchboard/testing';
import { RealtimeStack, recorder } from '../../testing/realtime-stack';
import { MAX_IN_FLIGHT_PER_SOCKET } from '../connection/command-dispatcher';

/**
 * A8 with two gateway instances (one in this process, one an OS process as
 * `npm start` runs it), two chat-actors and the router: R4, R5.4, R12 and R18
 * across instances, and message order between them.
 */
describe('two gateway instances, router and chat-actors', () => {
  const stack = new RealtimeStack({
    gatewayProcesses: 1,
    chatActors: 2,
    router: true,
    // The order test posts 50 messages at once.
    gatewayEnv: { WS_RATE_PER_SECOND: '1000', WS_RATE_BURST: '1000' },
  });
  beforeAll(() => stack.start(), 180_000);
  afterAll(() => stack.stop());

  let n = 0;
  const G1 = 0;
  const G2 = 1;
  const endUser = async (gateway: number) => {
    const id = `tg-user${++n}`;
    await stack.addEndUser(id);
    return stack.client(id, { gateway });
  };
  const agent = async (gateway: number, queues: string[]) => {
    const id = `ag-tg${++n}`;
    await stack.addAgent(id, { queues });
    const client = await stack.client(id, { gateway });
    const model = new AgentListsModel();
    client.on('lists.snapshot', (s) => model.applySnapshot(s));
    client.on('lists.changed', (c) => model.apply(c.changes));
    return Object.assign(client, { id, model }) as SwitchboardClient & { id: string; model: AgentListsModel };
  };

  it('A8 messages of an end user on gateway 1 reach the agent on gateway 2 in order, and back', async () => {
    const user = await endUser(G1);
    const a = await agent(G2, ['Network']);
    const agentSeen = recorder(a);
    const userSeen = recorder(user);
    const id = (await user.startSession('order', 'vpn')).session.sessionId;
    await eventually(() => expect(a.model.ids('queue')).toContain(id));
    await a.accept(id);
    // As many as one socket may have in flight at once (more are refused RATE_LIMITED, issue 13).
    const texts = Array.from({ length: MAX_IN_FLIGHT_PER_SOCKET }, (_, i) => `message ${i + 1}`);
    await Promise.all(texts.map((t) => user.post(id, t)));
    await a.post(id, 'got them');
    await eventually(() => expect(agentSeen.of(id).filter((e) => e.type === 'MessagePosted')).toHaveLength(texts.length + 1));
    const seqs = agentSeen.of(id).map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
    await eventually(() => expect(userSeen.of(id).some((e) => e.event['text'] === 'got them')).toBe(true));
    await a.end(id);
    a.close();
  });

  it('R12 an end user who moves from gateway 1 to gateway 2 within the grace period is not marked as left', async () => {
    const userId = `tg-user${++n}`;
    await stack.addEndUser(userId);
    const first = await stack.client(userId, { gateway: G1 });
    const a = await agent(G2, ['Network']);
    const agentSeen = recorder(a);
    const id = (await first.startSession('moving', 'vpn')).session.sessionId;
    await a.accept(id);
    first.close();
    const second = await stack.client(userId, { gateway: G2 });
    await consistently(() => expect(agentSeen.notices(id)).not.toContain('USER_LEFT'), { forMs: 2500 });
    second.close();
    await eventually(() => expect(agentSeen.notices(id)).toContain('USER_LEFT'), { timeoutMs: 10_000 });
    await a.end(id);
    a.close();
  });

  it('R18 an agent connected to gateway 2 stays online when its connection to gateway 1 closes', async () => {
    const id = `ag-tg${++n}`;
    await stack.addAgent(id, { queues: ['Network'] });
    const one = await stack.client(id, { gateway: G1 });
    const two = await stack.client(id, { gateway: G2 });
    const store = stack.gateways[0]!.app.get(AgentStateStore);
    await eventually(async () => expect((await store.get(id)).state.presence).toBe('online'));
    one.close();
    await consistently(async () => expect((await store.get(id)).state.presence).toBe('online'), { forMs: 2500, intervalMs: 100 });
    two.close();
    await eventually(async () => expect((await store.get(id)).state.presence).toBe('offline'), { timeoutMs: 10_000 });
  });

  describe('with Agent Auto Accept on (router)', () => {
    beforeAll(async () => {
      await stack.db.collection('queues').insertOne({ _id: 'Auto' as never, description: 'auto-assigned' });
      await stack.db.collection('topics').insertOne({ _id: 'auto' as never, name: 'Auto', queue: 'Auto' });
      // Written past the admin API: announced as it would announce it, for the processes' caches (ADR 8).
      stack.nc.publish(stack.subjects.referenceDataChanged);
      await stack.nc.flush();
      await stack.saveSettings({ agentAutoAccept: true });
    });
    afterAll(() => stack.saveSettings({ agentAutoAccept: false }));

    it('R4.1 a new session is assigned automatically to the online agent of its queue; the end user is told (R3.2)', async () => {
      const a = await agent(G2, ['Auto']);
      const user = await endUser(G1);
      const userSeen = recorder(user);
      const id = (await user.startSession('assign me', 'auto')).session.sessionId;
      await eventually(() => expect(a.model.ids('myChats')).toContain(id), { timeoutMs: 15_000 });
      await eventually(() => expect(userSeen.notices(id)).toContain('AGENT_JOINED'));
      await a.end(id);
      a.close();
    });

    it('R4.2 agents do not pick from the Queue tab while Auto Accept is on', async () => {
      const user = await endUser(G1);
      const id = (await user.startSession('nobody online in Auto', 'auto')).session.sessionId;
      const other = await agent(G2, ['Network']);
      await expect(other.accept(id)).rejects.toMatchObject({ code: expect.stringMatching(/^(MANUAL_ACCEPT_DISABLED|FORBIDDEN)$/) });
      const general = await endUser(G1);
      const gid = (await general.startSession('general, auto on', 'password-reset')).session.sessionId;
      const r = await other.command('session.accept', { sessionId: gid });
      // Either the router was first (ALREADY_TAKEN) or manual accept is refused: never a manual pick.
      expect(r.ok ? 'accepted' : r.error.code).toMatch(/^(MANUAL_ACCEPT_DISABLED|ALREADY_TAKEN)$/);
      other.close();
      await user.cancel(id);
    });

    it('R5.4 a transfer target that goes offline before accepting: the session goes back to the queue, the end user is told', async () => {
      const from = await agent(G1, ['Auto']);
      const user = await endUser(G1);
      const userSeen = recorder(user);
      const id = (await user.startSession('transfer then offline', 'auto')).session.sessionId;
      await eventually(() => expect(from.model.ids('myChats')).toContain(id), { timeoutMs: 15_000 });
      const target = await agent(G2, ['Auto']);
      await from.transferToAgent(id, target.id);
      await eventually(() => expect(target.model.ids('transferred')).toContain(id));
      from.close();
      target.close();
      await eventually(() => expect(userSeen.notices(id)).toContain('BACK_IN_QUEUE'), { timeoutMs: 20_000 });
      await user.cancel(id);
    });
  });
});
