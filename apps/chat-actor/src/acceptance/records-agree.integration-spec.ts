import type { ChatEventMessage } from '@switchboard/contracts';
import { ChatCluster, eventually } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { storedSession } from './stored-session';

/**
 * What lists and searches read (the record's top-level status, owner and
 * queue) must agree with the session as its commits say once the system is
 * quiet (and stay so). A write after the start's publication used to race the snapshot
 * write of the first assignment and put QUEUED back.
 */
describe('chat-actor: session records agree with their commits (real NATS and database)', () => {
  const cluster = new ChatCluster({ chatActors: 2 });
  const users = Array.from({ length: 40 }, (_, i) => `burst-${i}`);

  beforeAll(async () => {
    await cluster.start();
    await cluster.seedAgents(Array.from({ length: 10 }, (_, i) => ({ id: `agent-${i}`, cap: 0 })));
    await cluster.seedEndUsers(users);
    await cluster.allPartitionsOwned();
  });
  afterAll(() => cluster.stop());

  it('R17 chat records: after a burst of 40 chats each accepted the moment its start is published, every record says ASSIGNED with its owner', async () => {
    const accepts: Array<Promise<unknown>> = [];
    const stop = cluster.tapEvents((message: ChatEventMessage) => {
      if (message.event.type !== 'SessionStarted') return;
      const agent = `agent-${accepts.length % 10}`;
      accepts.push(cluster.client.send({ type: 'AcceptSession', commandId: randomUUID(), sessionId: message.session.sessionId, actor: { role: 'agent', id: agent } }));
    });
    const starts = users.map((u) => cluster.startCommand(u));
    const replies = await Promise.all(starts.map((s) => cluster.client.send(s)));
    expect(replies.every((r) => r.ok)).toBe(true);
    await eventually(() => expect(accepts).toHaveLength(users.length));
    const accepted = await Promise.all(accepts);
    stop();
    expect(accepted.every((r) => (r as { ok: boolean }).ok)).toBe(true);

    // Answers do not wait for the snapshot write: the records agree once the last of them is written.
    await eventually(async () => {
      for (const start of starts) {
        const fromCommits = await storedSession(cluster.db, start.sessionId);
        const record = await cluster.db.collection('chat_sessions').findOne({ _id: start.sessionId as never });
        expect({ id: start.sessionId, status: record?.['status'], owner: record?.['ownerAgentId'] }).toEqual({
          id: start.sessionId,
          status: fromCommits?.status,
          owner: fromCommits?.ownerAgentId,
        });
        expect(fromCommits?.status).toBe('ASSIGNED');
      }
    });
  });
});
