import type { ListItem } from '@switchboard/contracts';
import { DEFAULT_SETTINGS, type AgentInfo } from '@switchboard/domain';
import { listChanges, listOf, signatureOf } from './agent-lists';

const agent = (over: Partial<AgentInfo> = {}): AgentInfo => ({ id: 'a1', displayName: 'A', presence: 'online', queues: ['Network'], companies: ['acme'], load: 0, ...over });
const item = (over: Partial<ListItem> = {}): ListItem => ({
  sessionId: 's1', version: 1, status: 'QUEUED', queue: 'Network', companyId: 'acme', endUserId: 'u', cancelledByUser: false, userLeft: false, ...over,
});
const queues = { ...DEFAULT_SETTINGS, supportQueues: true, useTopics: true };

describe('agent lists', () => {
  it('R2 Queue tab: online agents of the queue (General: all), company filter applied', () => {
    expect(listOf(item(), agent(), 'a1', queues)).toBe('queue');
    expect(listOf(item({ queue: 'Hardware' }), agent(), 'a1', queues)).toBeUndefined();
    expect(listOf(item({ queue: 'General' }), agent({ queues: [] }), 'a1', queues)).toBe('queue');
    expect(listOf(item(), agent({ presence: 'offline' }), 'a1', queues)).toBeUndefined();
    expect(listOf(item({ companyId: 'globex' }), agent(), 'a1', { ...queues, companyFilter: true })).toBeUndefined();
    expect(listOf(item({ companyId: 'globex' }), agent(), 'a1', queues)).toBe('queue');
  });

  it('R3.1 / R5.1: My Chats for the owner, Transferred for the target only', () => {
    expect(listOf(item({ status: 'ASSIGNED', ownerAgentId: 'a1' }), agent(), 'a1', queues)).toBe('myChats');
    expect(listOf(item({ status: 'ASSIGNED', ownerAgentId: 'a2' }), agent(), 'a1', queues)).toBeUndefined();
    expect(listOf(item({ status: 'PENDING_TRANSFER', transferTargetAgentId: 'a1' }), agent(), 'a1', queues)).toBe('transferred');
    expect(listOf(item({ status: 'PENDING_TRANSFER', transferTargetAgentId: 'a2' }), agent(), 'a1', queues)).toBeUndefined();
  });

  it('issue 16: a chat the agent is in besides its owner is in their My Chats; a change of participants is pushed', () => {
    const guests = [{ agentId: 'a1', agentName: 'A', via: 'invite' as const, joinedAt: '2026-11-30T10:00:00.000Z' }];
    expect(listOf(item({ status: 'ASSIGNED', ownerAgentId: 'a2', guests }), agent(), 'a1', queues)).toBe('myChats');
    expect(listOf(item({ status: 'ASSIGNED', ownerAgentId: 'a2', guests }), agent({ id: 'a3' }), 'a3', queues)).toBeUndefined();
    const invites = [{ agentId: 'a1', agentName: 'A', fromAgentId: 'a2', fromAgentName: 'B', at: '2026-11-30T10:00:00.000Z' }];
    // Invited is not in: no list (the Invites tab reads invites.list).
    expect(listOf(item({ status: 'ASSIGNED', ownerAgentId: 'a2', invites }), agent(), 'a1', queues)).toBeUndefined();
    const owned = item({ status: 'ASSIGNED', ownerAgentId: 'a2' });
    expect(signatureOf(owned)).not.toBe(signatureOf({ ...owned, guests }));
    expect(signatureOf(owned)).not.toBe(signatureOf({ ...owned, invites }));
  });

  it('moves a session with remove + upsert, ignores stale versions and version-only changes', () => {
    const queued = item();
    const held = { list: 'queue' as const, version: 1, signature: signatureOf(queued) };
    const assigned = item({ version: 2, status: 'ASSIGNED', ownerAgentId: 'a1' });
    expect(listChanges('s1', held, 'myChats', assigned, 2)).toEqual([
      { op: 'remove', list: 'queue', sessionId: 's1', version: 2 },
      { op: 'upsert', list: 'myChats', item: assigned },
    ]);
    expect(listChanges('s1', { ...held, version: 5 }, 'myChats', assigned, 2)).toEqual([]);
    expect(listChanges('s1', held, 'queue', item({ version: 3 }), 3)).toEqual([]);
    expect(listChanges('s1', held, 'queue', item({ version: 3, userLeft: true }), 3)).toHaveLength(1);
  });
});
