import { ChatCluster } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { storedSession } from './stored-session';

const SESSIONS = 20;
const AGENTS = 10;

/**
 * Split brain on purpose: each process gets its own lease bucket, so both
 * believe they own every partition and both serve every command subject.
 * Only the version commit decides; the losing write is refused and decided again.
 */
describe('chat-actor acceptance: fencing when two processes believe they own the same sessions', () => {
  const cluster = new ChatCluster({ chatActors: 0 });

  beforeAll(async () => {
    await cluster.start();
    cluster.processes.push(await cluster.startChatActor('brain-a', { CHAT_LEASE_BUCKET_PREFIX: `${cluster.subjects.bucketPrefix}_a` }));
    cluster.processes.push(await cluster.startChatActor('brain-b', { CHAT_LEASE_BUCKET_PREFIX: `${cluster.subjects.bucketPrefix}_b` }));
    await cluster.seedAgents(Array.from({ length: AGENTS }, (_, i) => ({ id: `fence-agent-${i}` })));
    await cluster.seedEndUsers(Array.from({ length: SESSIONS }, (_, i) => `fence-user-${i}`));
  });
  afterAll(() => cluster.stop());

  it('A2 with two owners of every session, one write per version wins and the other is refused and retried', async () => {
    const reports = await cluster.eventuallyOwnership((r) => r.length === 2 && r.every((x) => x.owned.length === cluster.partitions));
    expect(reports.map((r) => r.instanceId).sort()).toEqual(['brain-a', 'brain-b']);

    const sessionIds: string[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const reply = await cluster.client.send(cluster.startCommand(`fence-user-${i}`));
      if (!reply.ok) throw new Error(reply.error.code);
      sessionIds.push(reply.data.sessionId);
    }

    // Concurrent accepts and messages on every session, spread over both "owners" by the queue group.
    await Promise.all(
      sessionIds.map(async (sessionId, i) => {
        const accepts = await Promise.all(
          Array.from({ length: AGENTS }, (_, a) =>
            cluster.client.send({ type: 'AcceptSession', commandId: randomUUID(), sessionId, actor: { role: 'agent', id: `fence-agent-${a}` } }),
          ),
        );
        expect(accepts.filter((r) => r.ok)).toHaveLength(1);
        const messages = await Promise.all(
          Array.from({ length: 10 }, (_, m) =>
            cluster.client.send({ type: 'PostMessage', commandId: randomUUID(), sessionId, actor: { role: 'endUser', id: `fence-user-${i}` }, text: `message ${m}` }),
          ),
        );
        expect(messages.every((r) => r.ok)).toBe(true);
      }),
    );

    for (const sessionId of sessionIds) {
      const history = (await storedSession(cluster.db, sessionId))!.history;
      expect(history.filter((e) => e.type === 'SessionAssigned')).toHaveLength(1);
      expect(history.filter((e) => e.type === 'MessagePosted')).toHaveLength(10);
      expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
    }

    // The losing writes were refused and decided again: both processes saw conflicts.
    const after = await cluster.ownership();
    const conflicts = after.reduce((sum, r) => sum + (r as unknown as { counters: { writeConflicts: number } }).counters.writeConflicts, 0);
    expect(conflicts).toBeGreaterThan(0);
  }, 120_000);
});
