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
});
