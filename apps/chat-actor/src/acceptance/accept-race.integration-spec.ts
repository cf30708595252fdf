import { connect, type NatsConnection } from '@nats-io/transport-node';
import { partitionOfSession } from '@switchboard/contracts';
import { ChatActorClient } from '@switchboard/service-kit';
import { ChatCluster, eventually } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { storedSession } from './stored-session';

const SESSIONS = 200;
const AGENTS = 50;

describe('chat-actor acceptance: accept race over two chat-actor processes', () => {
  const cluster = new ChatCluster({ chatActors: 2 });
  let secondGateway: NatsConnection;

  beforeAll(async () => {
    await cluster.start();
    await cluster.seedAgents(Array.from({ length: AGENTS }, (_, i) => ({ id: `agent-${i}` })));
    await cluster.seedEndUsers(Array.from({ length: SESSIONS }, (_, i) => `user-${i}`));
    await cluster.allPartitionsOwned();
    secondGateway = await connect({ servers: cluster.natsUrl });
  });
  afterAll(async () => {
    await secondGateway?.close();
    await cluster.stop();
  });

  it(`R3.4 A1 ${AGENTS} agents accept the same queued session at once: one gets it, ${AGENTS - 1} get ALREADY_TAKEN, one record (x${SESSIONS})`, async () => {
    // Two clients, as two gateway instances would be.
    const clients = [cluster.client, new ChatActorClient(secondGateway, cluster.subjects, { partitions: cluster.partitions, deadlineMs: 60_000, attemptTimeoutMs: 15_000 })];
    const sessionIds: string[] = [];
    for (let i = 0; i < SESSIONS; i += 50) {
      const started = await Promise.all(
        Array.from({ length: Math.min(50, SESSIONS - i) }, (_, j) => cluster.client.send(cluster.startCommand(`user-${i + j}`))),
      );
      for (const reply of started) {
        if (!reply.ok) throw new Error(`start failed: ${reply.error.code} ${reply.error.message}`);
        sessionIds.push(reply.data.sessionId);
      }
    }

    // The sessions are spread over both processes.
    const owners = new Map<number, string>();
    for (const report of await cluster.ownership()) for (const { partition } of report.owned) owners.set(partition, report.instanceId);
    const usedOwners = new Set(sessionIds.map((id) => owners.get(partitionOfSession(id, cluster.partitions))));
    expect(usedOwners).toEqual(new Set(['chat-actor-1', 'chat-actor-2']));

    const outcomes: Array<{ sessionId: string; winners: string[]; codes: Record<string, number> }> = [];
    for (let i = 0; i < sessionIds.length; i += 10) {
      const batch = sessionIds.slice(i, i + 10);
      outcomes.push(
        ...(await Promise.all(
          batch.map(async (sessionId) => {
            const replies = await Promise.all(
              Array.from({ length: AGENTS }, (_, a) =>
                clients[a % 2]!.send({ type: 'AcceptSession', commandId: randomUUID(), sessionId, actor: { role: 'agent', id: `agent-${a}` } }).then((reply) => ({ agent: `agent-${a}`, reply })),
              ),
            );
            const codes: Record<string, number> = {};
            for (const { reply } of replies) if (!reply.ok) codes[reply.error.code] = (codes[reply.error.code] ?? 0) + 1;
            return { sessionId, winners: replies.filter((r) => r.reply.ok).map((r) => r.agent), codes };
          }),
        )),
      );
    }

    for (const outcome of outcomes) {
      expect({ sessionId: outcome.sessionId, winners: outcome.winners.length, codes: outcome.codes }).toEqual({
        sessionId: outcome.sessionId,
        winners: 1,
        codes: { ALREADY_TAKEN: AGENTS - 1 },
      });
    }

    // Answers do not wait for the snapshot write: the records say ASSIGNED once the last is written.
    const records = await eventually(async () => {
      const read = await cluster.db
        .collection('chat_sessions')
        .find({ _id: { $in: sessionIds as never[] } })
        .toArray();
      expect(read.map((r) => r['status'])).toEqual(read.map(() => 'ASSIGNED'));
      return read;
    });
    expect(records).toHaveLength(SESSIONS);
    const byId = new Map(records.map((r) => [String(r['_id']), r]));
    for (const outcome of outcomes) {
      const record = byId.get(outcome.sessionId)!;
      expect(record['status']).toBe('ASSIGNED');
      expect(record['state'].ownerAgentId).toBe(outcome.winners[0]);
      // The history is the commit log (the record holds the summary only).
      const assignments = (await storedSession(cluster.db, outcome.sessionId))!.history.filter((e) => e.type === 'SessionAssigned');
      expect(assignments).toHaveLength(1);
    }
  }, 300000);
});
