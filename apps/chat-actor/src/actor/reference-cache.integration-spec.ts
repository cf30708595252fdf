import { ChatCluster, eventually } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';

/** What the seeding writes and the admin API changes: an agent's profile. */
interface AgentDocument {
  _id: string;
  displayName: string;
  queues: string[];
}

/** A new chat accepted by `agentId`: the name its SessionAssigned event recorded. */
async function nameRecordedOnAccept(cluster: ChatCluster, agentId: string, endUserId: string): Promise<string | undefined> {
  const start = cluster.startCommand(endUserId);
  const started = await cluster.client.send(start);
  if (!started.ok) throw new Error(`start refused: ${started.error.code}`);
  const accepted = await cluster.client.send({ type: 'AcceptSession', commandId: randomUUID(), sessionId: start.sessionId, actor: { role: 'agent', id: agentId } });
  if (!accepted.ok) throw new Error(`accept refused: ${accepted.error.code}`);
  const assigned = accepted.data.events.find((e) => e.type === 'SessionAssigned');
  return assigned?.type === 'SessionAssigned' ? assigned.agentName : undefined;
}

const users = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('issue 12: the chat actor decides with cached profiles that change events refresh (ADR 8, A9)', () => {
  // A maximum age far beyond the test: only the change event can bring the new profile.
  const cluster = new ChatCluster({ chatActors: 1, env: { REFERENCE_CACHE_MAX_AGE_MS: '600000' } });
  const endUsers = users('cached', 40);
  let next = 0;
  const nextUser = () => endUsers[next++]!;

  beforeAll(async () => {
    await cluster.start();
    await cluster.allPartitionsOwned();
    await cluster.seedAgents([{ id: 'alice' }]);
    await cluster.seedEndUsers(endUsers);
  }, 60_000);
  afterAll(() => cluster.stop());

  it('a profile changed in the database without an announcement is not read again: the command used the cached one', async () => {
    expect(await nameRecordedOnAccept(cluster, 'alice', nextUser())).toBe('Agent alice');
    await cluster.db.collection<AgentDocument>('agents').updateOne({ _id: 'alice' }, { $set: { displayName: 'Alice Quiet' } });
    expect(await nameRecordedOnAccept(cluster, 'alice', nextUser())).toBe('Agent alice');
  });

  it("an agent's new display name, announced as the admin API does, reaches the next command", async () => {
    await cluster.db.collection<AgentDocument>('agents').updateOne({ _id: 'alice' }, { $set: { displayName: 'Alice Announced' } });
    cluster.nc.publish(cluster.subjects.agentProfilesChanged);
    await cluster.nc.flush();
    await eventually(async () => expect(await nameRecordedOnAccept(cluster, 'alice', nextUser())).toBe('Alice Announced'), { timeoutMs: 5000, intervalMs: 100 });
  });
});

describe('issue 12: a missed change event is repaired by the cache entries’ maximum age (ADR 8)', () => {
  const cluster = new ChatCluster({ chatActors: 1, env: { REFERENCE_CACHE_MAX_AGE_MS: '500' } });
  const endUsers = users('missed', 40);
  let next = 0;
  const nextUser = () => endUsers[next++]!;

  beforeAll(async () => {
    await cluster.start();
    await cluster.allPartitionsOwned();
    await cluster.seedAgents([{ id: 'bob' }]);
    await cluster.seedEndUsers(endUsers);
  }, 60_000);
  afterAll(() => cluster.stop());

  it('a display name changed with its announcement lost reaches the commands within REFERENCE_CACHE_MAX_AGE_MS', async () => {
    expect(await nameRecordedOnAccept(cluster, 'bob', nextUser())).toBe('Agent bob');
    await cluster.db.collection<AgentDocument>('agents').updateOne({ _id: 'bob' }, { $set: { displayName: 'Bob Unannounced' } });
    await eventually(async () => expect(await nameRecordedOnAccept(cluster, 'bob', nextUser())).toBe('Bob Unannounced'), { timeoutMs: 5000, intervalMs: 100 });
  });
});
