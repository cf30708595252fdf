import type { SwitchboardClient } from '@switchboard/client';
import type { Board, BoardQueue } from '@switchboard/contracts';
import { consistently, eventually } from '@switchboard/testing';
import { RealtimeStack } from '../../testing/realtime-stack';

/**
 * Issue 16, the monitoring board (ADR 25): a supervisor who follows it sees,
 * live, per queue they supervise: waiting chats with their wait, pending
 * offers, each agent's state and chats with the time of the last message of
 * each side, raised help flags; and nothing of a queue they do not supervise.
 */
describe('supervisors: the monitoring board (router, chat-actor)', () => {
  const stack = new RealtimeStack({ router: true, gatewayEnv: { AGENT_PRESENCE_GRACE_MS: '60000' } });
  let sup: SwitchboardClient; // supervises Watched and Quiet
  let hwSup: SwitchboardClient; // supervises Hardware only
  let agent: SwitchboardClient; // agent of Watched
  const boards: Board[] = [];
  const hwBoards: Board[] = [];

  beforeAll(async () => {
    await stack.start();
    await stack.db.collection('queues').insertMany([
      { _id: 'Watched' as never, description: 'watched chats', offerSeconds: 120 },
      { _id: 'Quiet' as never, description: 'no agent serves it' },
    ]);
    await stack.db.collection('topics').insertMany([
      { _id: 'watched' as never, name: 'Watched', queue: 'Watched' },
      { _id: 'quiet' as never, name: 'Quiet', queue: 'Quiet' },
    ]);
    // Written past the admin API: announced as it would announce it, for the processes' caches (ADR 8).
    stack.nc.publish(stack.subjects.referenceDataChanged);
    await stack.nc.flush();
    await stack.saveSettings({ agentAutoAccept: true, supportQueues: true, useTopics: true });
    await stack.addAgent('ag-bd', { queues: ['Watched'], name: 'Wanda Watched' });
    await stack.addAgent('ag-bdsup', { queues: [], supervisedQueues: ['Watched', 'Quiet'], name: 'Sid Supervisor' });
    await stack.addAgent('ag-bdhwsup', { queues: [], supervisedQueues: ['Hardware'] });
    [agent, sup, hwSup] = await Promise.all(['ag-bd', 'ag-bdsup', 'ag-bdhwsup'].map((id) => stack.client(id)));
    sup.on('board', (b) => boards.push(b));
    hwSup.on('board', (b) => hwBoards.push(b));
  }, 180_000);
  afterAll(() => stack.stop());

  const latest = (queue: string): BoardQueue => {
    const board = boards.at(-1);
    const line = board?.queues.find((q) => q.queue === queue);
    if (!line) throw new Error(`no board of ${queue} yet`);
    return line;
  };
  const chatOn = (queue: string, sessionId: string) => {
    const line = latest(queue);
    return [...line.waiting, ...line.chats].find((c) => c.sessionId === sessionId);
  };

  async function userChat(id: string, topic: string): Promise<{ id: string; user: SwitchboardClient }> {
    await stack.addEndUser(id);
    const user = await stack.client(id);
    return { id: (await user.startSession(`chat of ${id}`, topic)).session.sessionId, user };
  }

  it('issue 16 board: only a supervisor has one; it lists exactly their queues', async () => {
    expect(await agent.command('board.follow', {})).toMatchObject({ ok: false, error: { code: 'NOT_SUPERVISOR' } });
    const board = await sup.followBoard();
    expect(board.queues.map((q) => q.queue)).toEqual(['Quiet', 'Watched']);
    expect(board.truncated).toBe(false);
    expect(Date.parse(board.now)).toBeGreaterThan(0);
    expect((await hwSup.followBoard()).queues.map((q) => q.queue)).toEqual(['Hardware']);
  });

  it('issue 16 board: live, a waiting chat with its wait, a pending offer, an agent with a chat and both sides\' last messages, a raised flag, a presence change', async () => {
    // A chat nobody serves waits, with no offer.
    const quiet = await userChat('bd-user-quiet', 'quiet');
    await eventually(() => expect(chatOn('Quiet', quiet.id)).toMatchObject({ status: 'QUEUED', queuedAt: expect.any(String), endUserName: 'User bd-user-quiet' }));
    expect(chatOn('Quiet', quiet.id)!.offer).toBeUndefined();
    expect(latest('Quiet').totals).toMatchObject({ waiting: 1, chats: 0, offers: 0 });

    // A chat of Watched is offered to its agent: pending, with the agent and the deadline.
    const first = await userChat('bd-user-1', 'watched');
    await eventually(() => expect(chatOn('Watched', first.id)).toMatchObject({ status: 'QUEUED', offer: { agentId: 'ag-bd', expiresAt: expect.any(String) } }), { timeoutMs: 20_000 });
    expect(latest('Watched').totals.offers).toBe(1);

    // Accepted: a chat of the agent, with the time each side last wrote.
    await agent.acceptOffer(first.id);
    await first.user.post(first.id, 'my screen is black');
    await eventually(() => expect(chatOn('Watched', first.id)).toMatchObject({ status: 'ASSIGNED', ownerAgentId: 'ag-bd', lastEndUserMessageAt: expect.any(String) }));
    expect(chatOn('Watched', first.id)!.lastAgentMessageAt).toBeUndefined();
    await agent.post(first.id, 'Let us have a look');
    await eventually(() => expect(chatOn('Watched', first.id)!.lastAgentMessageAt).toEqual(expect.any(String)));
    const chat = chatOn('Watched', first.id)!;
    expect(Date.parse(chat.lastAgentMessageAt!)).toBeGreaterThanOrEqual(Date.parse(chat.lastEndUserMessageAt!));
    expect(latest('Watched').agents).toContainEqual({ agentId: 'ag-bd', name: 'Wanda Watched', presence: 'online', load: 1 });

    // A second chat is offered while the first goes on: pending on the board.
    const second = await userChat('bd-user-2', 'watched');
    await eventually(() => expect(chatOn('Watched', second.id)).toMatchObject({ status: 'QUEUED', offer: { agentId: 'ag-bd' } }), { timeoutMs: 20_000 });

    // The agent asks for help: the flag is on the board, its chat first.
    await agent.raiseHelp(first.id, 'angry customer');
    await eventually(() => expect(latest('Watched').chats[0]).toMatchObject({ sessionId: first.id, helpFlag: { agentId: 'ag-bd', raisedAt: expect.any(String) } }));
    expect(latest('Watched').totals.helpFlags).toBe(1);

    // The agent steps away: the board shows it.
    await agent.setPresence('away');
    await eventually(() => expect(latest('Watched').agents.find((a) => a.agentId === 'ag-bd')?.presence).toBe('away'));
    await agent.setPresence('online');

    // Lowered: gone from the board.
    await agent.lowerHelp(first.id);
    await eventually(() => expect(chatOn('Watched', first.id)!.helpFlag).toBeUndefined());
    expect(latest('Watched').totals.helpFlags).toBe(0);

    // Ended: the chat leaves the board.
    await agent.end(first.id);
    await eventually(() => expect(chatOn('Watched', first.id)).toBeUndefined());
  }, 120_000);

  it('issue 16 R19 board: a chat of a queue the supervisor does not supervise never shows on their board; its own supervisor sees it', async () => {
    const other = await userChat('bd-user-hw', 'laptop');
    await eventually(() => expect(hwBoards.at(-1)?.queues[0]?.waiting.map((c) => c.sessionId)).toContain(other.id));
    // Something on the supervisor's own board changes meanwhile, so frames flow.
    const quiet = await userChat('bd-user-quiet2', 'quiet');
    await eventually(() => expect(chatOn('Quiet', quiet.id)).toBeDefined());
    await other.user.post(other.id, 'HW-SECRET');
    await consistently(() => expect(JSON.stringify(boards)).not.toContain(other.id), { forMs: 500 });
    expect(boards.flatMap((b) => b.queues.map((q) => q.queue)).filter((q) => q !== 'Quiet' && q !== 'Watched')).toEqual([]);
  });

  it('issue 16 board: unfollowed, no more frames come', async () => {
    await sup.unfollowBoard();
    const count = boards.length;
    await userChat('bd-user-quiet3', 'quiet');
    await consistently(() => expect(boards.length).toBe(count), { forMs: 800 });
  });
});
