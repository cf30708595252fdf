import { MAX_TEXT } from '@switchboard/contracts';
import { SESSION_LIMITS } from '@switchboard/domain';
import { ChatCluster } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { storedSession } from './stored-session';

/** Runs `work` for 0..count-1 with at most `inFlight` at once. */
async function pool(count: number, inFlight: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

describe('chat-actor: a chat at its maximum length (real NATS and database)', () => {
  const cluster = new ChatCluster({ chatActors: 1 });

  beforeAll(async () => {
    await cluster.start();
    await cluster.seedAgents([{ id: 'alice' }]);
    await cluster.seedEndUsers(['u-long', 'u-dup']);
    await cluster.allPartitionsOwned();
  });
  afterAll(() => cluster.stop());

  it('session limits: posts of the maximum size past the limit are each answered, replies stay small, and R17 force-close still closes it', async () => {
    const start = cluster.startCommand('u-long');
    expect((await cluster.client.send(start)).ok).toBe(true);
    const accepted = await cluster.client.send({ type: 'AcceptSession', commandId: randomUUID(), sessionId: start.sessionId, actor: { role: 'agent', id: 'alice' } });
    expect(accepted.ok).toBe(true);

    const text = 'x'.repeat(MAX_TEXT);
    const posts = SESSION_LIMITS.maxConversationEvents + 50;
    const codes = new Map<string, number>();
    let largestReply = 0;
    await pool(posts, 16, async () => {
      const reply = await cluster.client.send({ type: 'PostMessage', commandId: randomUUID(), sessionId: start.sessionId, actor: { role: 'endUser', id: 'u-long' }, text });
      const code = reply.ok ? 'ok' : reply.error.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      largestReply = Math.max(largestReply, JSON.stringify(reply).length);
    });

    // Two events (start, accept) were there before: exactly the rest of the room was taken, the others refused.
    expect(Object.fromEntries(codes)).toEqual({ ok: SESSION_LIMITS.maxConversationEvents - 2, SESSION_FULL: 52 });
    // A reply is one event and the summary, whatever the chat holds.
    expect(largestReply).toBeLessThan(MAX_TEXT + 4096);
    expect(cluster.processes[0]!.alive()).toBe(true);

    const closed = await cluster.client.send({ type: 'ForceClose', commandId: randomUUID(), sessionId: start.sessionId, actor: { role: 'admin', id: 'admin' }, comment: 'too long' });
    expect(closed).toMatchObject({ ok: true, data: { session: { status: 'CLOSED' } } });
    const stored = await storedSession(cluster.db, start.sessionId);
    expect(stored?.status).toBe('CLOSED');
    const snapshot = await cluster.db.collection('chat_sessions').findOne({ _id: start.sessionId as never });
    expect(JSON.stringify(snapshot).length).toBeLessThan(6000);
    // One session's commands are applied one at a time: this is about 2,000 sequential writes.
  }, 300_000);

  it('A3 a command resent after later commands answers its first answer; the same id with another body is COMMAND_ID_REUSED', async () => {
    const start = cluster.startCommand('u-dup');
    await cluster.client.send(start);
    const actor = { role: 'endUser' as const, id: 'u-dup' };
    const post = { type: 'PostMessage' as const, commandId: randomUUID(), sessionId: start.sessionId, actor, text: 'first' };
    const first = await cluster.client.send(post);
    await cluster.client.send({ ...post, commandId: randomUUID(), text: 'second' });
    const again = await cluster.client.send(post);
    expect(first).toMatchObject({ ok: true, data: { duplicate: false, version: 2 } });
    expect(again).toMatchObject({ ok: true, data: { duplicate: true, version: 2, session: { version: 3 } } });
    if (first.ok && again.ok) expect(again.data.events).toEqual(first.data.events);

    const reused = await cluster.client.send({ ...post, text: 'another body' });
    expect(reused).toMatchObject({ ok: false, error: { code: 'COMMAND_ID_REUSED' } });
    expect((await storedSession(cluster.db, start.sessionId))?.version).toBe(3);

    // Long after, beyond the ids the session remembers, and after the chat closed: still the first answer.
    for (let i = 0; i < 20; i++) await cluster.client.send({ ...post, commandId: randomUUID(), text: `later ${i}` });
    const closed = await cluster.client.send({ type: 'CancelByUser', commandId: randomUUID(), sessionId: start.sessionId, actor });
    expect(closed).toMatchObject({ ok: true, data: { session: { status: 'CLOSED' } } });
    const muchLater = await cluster.client.send(post);
    expect(muchLater).toMatchObject({ ok: true, data: { duplicate: true, version: 2 } });
    if (first.ok && muchLater.ok) expect(muchLater.data.events).toEqual(first.data.events);
  });
});
