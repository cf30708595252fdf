import { AgentListsModel, type SwitchboardClient } from '@switchboard/client';
import { AGENT_LIST_MAX_ITEMS, LIST_DESCRIPTION_PREVIEW, LISTS_FRAME_MAX_BYTES, listsSchema, listsSnapshotFrameSchema, type ListChange } from '@switchboard/contracts';
import { consistently, eventually } from '@switchboard/testing';
import WebSocket from 'ws';
import { RealtimeStack } from '../../testing/realtime-stack';

interface Frame {
  type: string;
  bytes: number;
  body: Record<string, unknown>;
}

/** An agent's socket without the client library: every frame as it came, with its size in bytes. */
async function rawAgent(url: string) {
  const ws = new WebSocket(url);
  const frames: Frame[] = [];
  ws.on('message', (data) => {
    const text = String(data);
    const body = JSON.parse(text) as Record<string, unknown>;
    frames.push({ type: String(body['type']), bytes: Buffer.byteLength(text), body });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let n = 0;
  const ask = async (frame: Record<string, unknown>) => {
    const clientId = `lists-${Date.now()}-${++n}`;
    ws.send(JSON.stringify({ ...frame, clientId }));
    return eventually(() => {
      const reply = frames.find((f) => f.type === 'reply' && f.body['clientId'] === clientId);
      expect(reply).toBeDefined();
      return reply!;
    });
  };
  return { ws, frames, ask, snapshots: () => frames.filter((f) => f.type === 'lists.snapshot') };
}

const WAITING = AGENT_LIST_MAX_ITEMS + 30;

/** Issue 12: lists.snapshot / agent.lists are bounded; exactly one lists.snapshot follows hello. */
describe('agent lists: bounded frames and the first snapshot (gateway, chat-actor, NATS, database)', () => {
  const stack = new RealtimeStack();
  const users: Array<{ client: SwitchboardClient; sessionId: string }> = [];
  beforeAll(async () => {
    await stack.start();
    // Many more waiting chats than a list frame carries, each with a description of the maximum length.
    for (let batch = 0; batch < WAITING; batch += 10) {
      const started = await Promise.all(
        Array.from({ length: Math.min(10, WAITING - batch) }, async (_, i) => {
          const id = `lb-user-${batch + i}`;
          await stack.addEndUser(id);
          const client = await stack.client(id);
          const { session } = await client.startSession(`${batch + i}: ${'my VPN drops again and again\n'.repeat(200)}`.slice(0, 4000), 'vpn');
          return { client, sessionId: session.sessionId };
        }),
      );
      users.push(...started);
    }
  }, 300_000);
  afterAll(() => stack.stop());

  const agentUrl = async (id: string) => `${stack.urls[0]!.replace(/^http/, 'ws')}/ws?token=${await stack.login(id, 'agent123')}`;

  it(`issue 12: with ${WAITING} chats waiting, lists.snapshot and agent.lists carry ${AGENT_LIST_MAX_ITEMS} rows with previews, totals and truncated, within LISTS_FRAME_MAX_BYTES`, async () => {
    await stack.addAgent('ag-lb1', { queues: ['Network'] });
    const agent = await rawAgent(await agentUrl('ag-lb1'));
    await eventually(() => expect(agent.snapshots()).toHaveLength(1));
    const frame = agent.snapshots()[0]!;
    const snapshot = listsSnapshotFrameSchema.parse(frame.body);
    expect(snapshot.queue).toHaveLength(AGENT_LIST_MAX_ITEMS);
    expect(snapshot.totals).toEqual({ queue: WAITING, transferred: 0, myChats: 0 });
    expect(snapshot.truncated).toBe(true);
    // The oldest waiting first (R4.1): the first rows are the first batch of chats started (ten at once).
    expect(new Set(snapshot.queue.slice(0, 10).map((i) => i.sessionId))).toEqual(new Set(users.slice(0, 10).map((u) => u.sessionId)));
    const queuedAt = snapshot.queue.map((i) => i.queuedAt!);
    expect([...queuedAt].sort()).toEqual(queuedAt);
    for (const item of snapshot.queue) {
      expect(item.description!.length).toBeLessThanOrEqual(LIST_DESCRIPTION_PREVIEW);
      expect(item.description).not.toContain('\n');
    }
    expect(frame.bytes).toBeLessThanOrEqual(LISTS_FRAME_MAX_BYTES);
    // Without the bound, the same rows with their whole descriptions would be about 130 x 4 KB.
    expect(frame.bytes).toBeLessThan(64 * 1024);

    const first = await agent.ask({ type: 'agent.lists' });
    const page = listsSchema.parse(first.body['data']);
    expect([page.queue.length, page.totals.queue, page.truncated]).toEqual([AGENT_LIST_MAX_ITEMS, WAITING, true]);
    expect(first.bytes).toBeLessThanOrEqual(LISTS_FRAME_MAX_BYTES);
    const rest = listsSchema.parse((await agent.ask({ type: 'agent.lists', offset: AGENT_LIST_MAX_ITEMS })).body['data']);
    expect([rest.queue.length, rest.totals.queue, rest.truncated]).toEqual([WAITING - AGENT_LIST_MAX_ITEMS, WAITING, false]);
    expect(new Set([...page.queue, ...rest.queue].map((i) => i.sessionId)).size).toBe(WAITING);
    const refused = await agent.ask({ type: 'agent.lists', offset: -1 });
    expect((refused.body['error'] as { code: string }).code).toBe('BAD_FRAME');
    agent.ws.close();
  });

  it('issue 12: a row left out of the snapshot is told when it leaves the list (the console\'s "N more waiting" goes down); new chats are pushed', async () => {
    await stack.addAgent('ag-lb2', { queues: ['Network'] });
    const agent = await rawAgent(await agentUrl('ag-lb2'));
    const model = new AgentListsModel();
    await eventually(() => expect(agent.snapshots()).toHaveLength(1));
    model.applySnapshot(listsSnapshotFrameSchema.parse(agent.snapshots()[0]!.body));
    const more = model.more('queue');
    expect(more).toBe(WAITING - AGENT_LIST_MAX_ITEMS);

    // The last chat waiting was left out; its end user cancels it.
    const last = users.at(-1)!;
    expect(model.ids('queue')).not.toContain(last.sessionId);
    const changesFrom = agent.frames.length;
    await last.client.cancel(last.sessionId);
    await eventually(() => {
      const changes = agent.frames.slice(changesFrom).filter((f) => f.type === 'lists.changed').flatMap((f) => f.body['changes'] as ListChange[]);
      expect(changes).toContainEqual(expect.objectContaining({ op: 'remove', list: 'queue', sessionId: last.sessionId }));
      model.apply(changes);
    });
    expect(model.more('queue')).toBe(more - 1);

    // A new chat is pushed as a row (held; the frame is one change, bounded like a row).
    await stack.addEndUser('lb-late');
    const late = await stack.client('lb-late');
    const { session } = await late.startSession('x'.repeat(4000), 'vpn');
    await eventually(() => {
      const upsert = agent.frames.filter((f) => f.type === 'lists.changed').find((f) => JSON.stringify(f.body).includes(session.sessionId));
      expect(upsert).toBeDefined();
      const item = (upsert!.body['changes'] as ListChange[]).find((c) => c.op === 'upsert')!;
      expect(item.op === 'upsert' && item.item.description!.length).toBe(LIST_DESCRIPTION_PREVIEW);
    });
    agent.ws.close();
  });

  it('issue 12: exactly one lists.snapshot follows hello, before any lists.changed: on the connection that makes the agent online and on a later one', async () => {
    await stack.addAgent('ag-lb3', { queues: ['Network'] });
    // The first connection makes the agent online (it was offline).
    const first = await rawAgent(await agentUrl('ag-lb3'));
    await eventually(() => expect(first.snapshots()).toHaveLength(1));
    expect(first.frames[0]!.type).toBe('hello');
    expect(first.frames.findIndex((f) => f.type === 'lists.snapshot')).toBe(1);
    await consistently(() => expect(first.snapshots()).toHaveLength(1), { forMs: 1500 });
    // A second connection while it is online: one for it, none more for the first.
    const second = await rawAgent(await agentUrl('ag-lb3'));
    await eventually(() => expect(second.snapshots()).toHaveLength(1));
    expect(second.frames.findIndex((f) => f.type === 'lists.snapshot')).toBe(1);
    await consistently(() => expect([first.snapshots().length, second.snapshots().length]).toEqual([1, 1]), { forMs: 1500 });
    // A later presence change is a new snapshot on each socket (section 3).
    await first.ask({ type: 'presence.set', presence: 'away' });
    await eventually(() => expect([first.snapshots().length, second.snapshots().length]).toEqual([2, 2]));
    expect(listsSnapshotFrameSchema.parse(first.snapshots()[1]!.body).queue).toEqual([]);
    first.ws.close();
    second.ws.close();
  });
});
