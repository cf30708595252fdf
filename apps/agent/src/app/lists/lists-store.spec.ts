import { listItem as item, signedInAgent } from '../../testing/agent-test-bed';

describe('ListsStore', () => {
  let agent: Awaited<ReturnType<typeof signedInAgent>>;

  beforeEach(async () => {
    agent = await signedInAgent();
  });

  it('R2 R5.1 lists: counts follow snapshots and changes; new chats and transfers raise alerts', () => {
    agent.showLists({ queue: [item('q1')] });
    expect(agent.lists.queue().map((i) => i.sessionId)).toEqual(['q1']);
    agent.fake.emit('lists.changed', {
      type: 'lists.changed',
      changes: [
        { op: 'upsert', list: 'queue', item: item('q2', { endUserName: 'Frank User', description: 'Locked out' }) },
        { op: 'upsert', list: 'transferred', item: item('t1', { status: 'PENDING_TRANSFER', version: 5 }) },
      ],
    });
    expect([agent.lists.queue().length, agent.lists.transferred().length, agent.lists.myChats().length]).toEqual([2, 1, 0]);
    expect(agent.alerts.map((a) => [a.kind, a.text])).toEqual([
      ['newChat', 'New chat from Frank User: Locked out'],
      ['transfer', 'A chat from Erin User was transferred to you'],
    ]);
    expect(agent.lists.topicName('vpn')).toBe('VPN');
  });

  it('issue 12: a bounded snapshot: the lists count the rows left out ("N more waiting") and lowers the count as they leave', () => {
    agent.fake.emit('lists.snapshot', { type: 'lists.snapshot', queue: [item('q1'), item('q2')], transferred: [], myChats: [], totals: { queue: 5, transferred: 0, myChats: 0 }, truncated: true });
    expect([agent.lists.queue().length, agent.lists.more().queue]).toEqual([2, 3]);
    agent.fake.emit('lists.changed', { type: 'lists.changed', changes: [{ op: 'remove', list: 'queue', sessionId: 'not-shown', version: 4 }] });
    expect([agent.lists.queue().length, agent.lists.more().queue]).toEqual([2, 2]);
  });
});
