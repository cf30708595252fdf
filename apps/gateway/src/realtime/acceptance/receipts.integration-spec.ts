import { dropConnection } from '@switchboard/client/testing';
import type { SwitchboardClient } from '@switchboard/client';
import { MAX_RATING_COMMENT, type ChatReceipts, type DashboardSnapshot, type SessionDetailView, type TypingFrame } from '@switchboard/contracts';
import { consistently, eventually } from '@switchboard/testing';
import { RealtimeStack, recorder } from '../../testing/realtime-stack';

/**
 * Issue 17, what a conversation carries besides its messages, through two
 * real gateways (end user on one, agent on the other), a chat-actor, NATS
 * and the database: typing relayed to the other side, receipts that
 * converge after a dropped socket, and the end user's rating.
 */
describe('typing, receipts and satisfaction (issue 17)', () => {
  const stack = new RealtimeStack({ gateways: 2 });
  const G1 = 0;
  const G2 = 1;
  let n = 0;
  let adminToken: string;

  beforeAll(async () => {
    await stack.start();
    adminToken = await stack.login('admin', 'admin123');
  }, 180_000);
  afterAll(() => stack.stop());

  /** An end user on gateway 1 and an agent on gateway 2 in an assigned chat. */
  async function chat(): Promise<{ user: SwitchboardClient; agent: SwitchboardClient; id: string; userId: string; agentId: string }> {
    const userId = `rc-user${++n}`;
    const agentId = `ag-rc${n}`;
    await stack.addEndUser(userId);
    await stack.addAgent(agentId, { queues: ['Network'] });
    const user = await stack.client(userId, { gateway: G1 });
    const agent = await stack.client(agentId, { gateway: G2 });
    const id = (await user.startSession('receipts', 'vpn')).session.sessionId;
    await eventually(async () => expect((await agent.accept(id)).session.status).toBe('ASSIGNED'));
    return { user, agent, id, userId, agentId };
  }

  const stored = async (id: string): Promise<ChatReceipts> => {
    const doc = await stack.db.collection('chat_receipts').findOne({ _id: id as never });
    return { endUser: { delivered: doc?.['endUser']?.delivered ?? 0, seen: doc?.['endUser']?.seen ?? 0 }, agent: { delivered: doc?.['agent']?.delivered ?? 0, seen: doc?.['agent']?.seen ?? 0 } };
  };

  async function adminGet<T>(path: string): Promise<T> {
    const res = await fetch(`${stack.urls[0]}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }

  it('receipts: after a socket is dropped mid-conversation, nothing is shown twice or lost and both sides converge on the receipts stored', async () => {
    const { user, agent, id } = await chat();
    const userSeen = recorder(user);
    const agentSeen = recorder(agent);
    const lastOf = (r: ReturnType<typeof recorder>, from: string) => r.of(id).filter((e) => e.event['from'] === from).at(-1)?.seq ?? 0;

    await agent.post(id, 'agent 1');
    await user.post(id, 'user 1');
    await agent.post(id, 'agent 2');
    await eventually(() => expect(userSeen.of(id).some((e) => e.event['text'] === 'agent 2')).toBe(true));
    user.markSeen(id, user.lastSeq(id)!);
    // The agent's side hears that the end user has its lines and saw them.
    await eventually(() => expect(agent.receipts(id).endUser.seen).toBe(lastOf(userSeen, 'agent')));

    // The end user's socket drops; the agent writes on meanwhile; the end user writes as soon as it is back.
    dropConnection(user);
    await agent.post(id, 'agent 3 while you were away');
    await agent.post(id, 'agent 4 while you were away');
    await eventually(() => expect(user.connected).toBe(true));
    await user.post(id, 'user 2 after the drop');
    await eventually(() => expect(userSeen.of(id).some((e) => e.event['text'] === 'agent 4 while you were away')).toBe(true));
    const userMarked = user.lastSeq(id)!;
    user.markSeen(id, userMarked);

    // Then the agent's socket drops, with the end user's latest line unseen by it yet.
    dropConnection(agent);
    await eventually(() => expect(agent.connected).toBe(true));
    await eventually(() => expect(agentSeen.of(id).some((e) => e.event['text'] === 'user 2 after the drop')).toBe(true));
    const agentMarked = agent.lastSeq(id)!;
    agent.markSeen(id, agentMarked);

    // Converged: both clients hold exactly what the store holds, and it covers every line of the other side.
    await eventually(async () => {
      const inStore = await stored(id);
      expect(user.receipts(id)).toEqual(inStore);
      expect(agent.receipts(id)).toEqual(inStore);
      expect(inStore.endUser.seen).toBe(userMarked);
      expect(inStore.agent.seen).toBe(agentMarked);
    });
    expect(userMarked).toBeGreaterThanOrEqual(lastOf(userSeen, 'agent'));
    expect(agentMarked).toBeGreaterThanOrEqual(lastOf(agentSeen, 'endUser'));
    // Every event either side holds is delivered by its marks.
    await eventually(async () => {
      const inStore = await stored(id);
      expect(inStore.endUser.delivered).toBeGreaterThanOrEqual(user.lastSeq(id)!);
      expect(inStore.agent.delivered).toBeGreaterThanOrEqual(agent.lastSeq(id)!);
    });
    // Each line once, none missing, in order, on both sides.
    for (const seen of [userSeen, agentSeen]) {
      const seqs = seen.of(id).map((e) => e.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    const texts = userSeen.of(id).filter((e) => e.type === 'MessagePosted').map((e) => e.event['text']);
    expect(texts).toEqual(['agent 1', 'user 1', 'agent 2', 'agent 3 while you were away', 'agent 4 while you were away', 'user 2 after the drop']);
    // A receipt sent again (a retry, a late duplicate) or a lower one changes nothing.
    const before = await stored(id);
    expect((await user.command('session.receipt', { sessionId: id, delivered: 1, seen: 1 })).ok).toBe(true);
    expect(await stored(id)).toEqual(before);
    await agent.end(id);
  });

  it('receipts: a mark beyond the chat\'s latest event is refused with VALIDATION; only the chat\'s two sides send receipts', async () => {
    const { user, agent, id } = await chat();
    const last = agent.lastSeq(id)!;
    const beyond = await user.command('session.receipt', { sessionId: id, delivered: last + 50 });
    expect(beyond).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const empty = await user.command('session.receipt', { sessionId: id });
    expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const otherId = `rc-other${++n}`;
    await stack.addEndUser(otherId);
    const other = await stack.client(otherId, { gateway: G1 });
    expect(await other.command('session.receipt', { sessionId: id, delivered: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const admin = await stack.client('admin', { gateway: G1 });
    expect(await admin.command('session.receipt', { sessionId: id, delivered: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Nothing of the refused ones was stored.
    expect((await stored(id)).endUser.delivered).toBeLessThanOrEqual(last);
    await agent.end(id);
  });

  it('typing: relayed across gateways to the other side only, at most once a second per socket', async () => {
    const { user, agent, id } = await chat();
    const atUser: TypingFrame[] = [];
    const atAgent: TypingFrame[] = [];
    user.on('session.typing', (f) => atUser.push(f));
    agent.on('session.typing', (f) => atAgent.push(f));
    expect(await agent.command('session.typing', { sessionId: id })).toMatchObject({ ok: true, data: { relayed: true } });
    expect(await agent.command('session.typing', { sessionId: id })).toMatchObject({ ok: true, data: { relayed: false } });
    await eventually(() => expect(atUser).toEqual([{ type: 'session.typing', sessionId: id, from: 'agent' }]));
    expect(await user.command('session.typing', { sessionId: id })).toMatchObject({ ok: true, data: { relayed: true } });
    await eventually(() => expect(atAgent).toEqual([{ type: 'session.typing', sessionId: id, from: 'endUser' }]));
    // Nobody hears their own typing, and the refused one went nowhere.
    await consistently(() => expect(atUser).toHaveLength(1), { forMs: 500 });
    await agent.end(id);
  });

  it('satisfaction: the end user rates the ended chat once (1 to 5, a bounded comment); the admin chat record and the dashboard show it', async () => {
    const { user, agent, id, userId } = await chat();
    expect(await user.command('session.rate', { sessionId: id, score: 5 })).toMatchObject({ ok: false, error: { code: 'RATING_NOT_OPEN' } });
    await agent.end(id);
    // Out of bounds at the edge (the frame's schema): nothing reaches the chat.
    expect(await user.command('session.rate', { sessionId: id, score: 6 })).toMatchObject({ ok: false, error: { code: 'BAD_FRAME' } });
    expect(await user.command('session.rate', { sessionId: id, score: 0 })).toMatchObject({ ok: false, error: { code: 'BAD_FRAME' } });
    expect(await user.command('session.rate', { sessionId: id, score: 4, comment: 'x'.repeat(MAX_RATING_COMMENT + 1) })).toMatchObject({ ok: false, error: { code: 'BAD_FRAME' } });
    // Only the chat's own end user: not the agent (role), not another end user.
    expect(await agent.command('session.rate', { sessionId: id, score: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const otherId = `rc-other${++n}`;
    await stack.addEndUser(otherId);
    const other = await stack.client(otherId, { gateway: G1 });
    expect(await other.command('session.rate', { sessionId: id, score: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // The only rating of this test's database.
    expect((await adminGet<DashboardSnapshot>('/api/admin/dashboard')).satisfaction).toEqual({ count: 0 });
    const ack = await user.rate(id, 4, 'Quick and friendly');
    expect(ack.events).toEqual([expect.objectContaining({ type: 'ChatRated', score: 4, comment: 'Quick and friendly', endUserId: userId })]);
    expect(await user.command('session.rate', { sessionId: id, score: 1 })).toMatchObject({ ok: false, error: { code: 'ALREADY_RATED' } });

    await eventually(async () => {
      const record = await adminGet<SessionDetailView>(`/api/admin/sessions/${id}`);
      expect(record.rating).toEqual({ score: 4, comment: 'Quick and friendly', at: expect.any(String) });
    });
    await eventually(async () => {
      const after = await adminGet<DashboardSnapshot>('/api/admin/dashboard');
      expect(after.satisfaction).toEqual({ count: 1, average: 4 });
    });
  });
});
