import type { ListItem } from '@switchboard/contracts';
import { AgentListsModel } from './agent-lists';

const item = (sessionId: string, version: number, status: ListItem['status'] = 'QUEUED'): ListItem => ({
  sessionId,
  version,
  status,
  queue: 'General',
  companyId: 'acme',
  endUserId: 'u',
  cancelledByUser: false,
  userLeft: false,
});

describe('AgentListsModel', () => {
  it('R2/R3 lists: moves a session between lists and ignores older changes', () => {
    const lists = new AgentListsModel();
    lists.applySnapshot({ queue: [item('a', 1)], transferred: [], myChats: [] });
    lists.apply([
      { op: 'remove', list: 'queue', sessionId: 'a', version: 2 },
      { op: 'upsert', list: 'myChats', item: item('a', 2, 'ASSIGNED') },
    ]);
    lists.apply([{ op: 'upsert', list: 'queue', item: item('a', 1) }]);
    expect(lists.ids('queue')).toEqual([]);
    expect(lists.ids('myChats')).toEqual(['a']);
  });

  it('issue 12: a bounded snapshot: more() counts the rows left out, down as they leave the list; new rows are held', () => {
    const lists = new AgentListsModel();
    lists.applySnapshot({ queue: [item('a', 1), item('b', 1)], transferred: [], myChats: [], totals: { queue: 5, transferred: 0, myChats: 0 } });
    expect([lists.more('queue'), lists.total('queue')]).toEqual([3, 5]);
    // A left-out row leaves the queue: the gateway tells with a remove of a session the model never held.
    lists.apply([{ op: 'remove', list: 'queue', sessionId: 'hidden-1', version: 2 }]);
    // A left-out row the agent accepted: removed from the queue, then held in My Chats.
    lists.apply([
      { op: 'remove', list: 'queue', sessionId: 'hidden-2', version: 2 },
      { op: 'upsert', list: 'myChats', item: item('hidden-2', 2, 'ASSIGNED') },
    ]);
    lists.apply([{ op: 'upsert', list: 'queue', item: item('c', 1) }]);
    expect([lists.ids('queue'), lists.more('queue'), lists.total('queue')]).toEqual([['a', 'b', 'c'], 1, 4]);
    // A held row leaving does not count against the left-out ones.
    lists.apply([{ op: 'remove', list: 'queue', sessionId: 'a', version: 2 }]);
    expect(lists.more('queue')).toBe(1);
    lists.applySnapshot({ queue: [], transferred: [], myChats: [] });
    expect(lists.more('queue')).toBe(0);
  });
});
