import { jetstream } from '@nats-io/jetstream';
import { CHAT_SCHEMA_VERSION, chatCommandResultSchema, partitionOfSession } from '@switchboard/contracts';
import { requestJson } from '@switchboard/service-kit';
import { ChatCluster, eventually } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { assignments, userIds } from './router-load';

/**
 * Issue 18, rolling upgrades: what a process of this version meets from a
 * newer one (a newer schema version, an event type it does not know) is
 * skipped or refused with a typed error, and the services go on.
 */
describe('rolling upgrade: messages and stored commits of a newer version (router and chat-actor OS processes)', () => {
  const cluster = new ChatCluster({ chatActors: 1, routers: 1 });
  const USERS = userIds(3, 'upgrade');

  beforeAll(async () => {
    await cluster.start();
    await cluster.allPartitionsOwned();
    await cluster.seedAgents([{ id: 'upgrade-agent' }]);
    await cluster.seedEndUsers(USERS);
    await cluster.saveSettings({ agentAutoAccept: true, maxConcurrentChatsPerAgent: 0 });
  }, 60_000);
  afterAll(() => cluster.stop());

  it('chat events of a newer schema version and of an unknown type on the stream are skipped: the router goes on assigning', async () => {
    const js = jetstream(cluster.nc);
    const future = { sessionId: `${USERS[0]}-future`, seq: 1, at: new Date().toISOString(), commandId: randomUUID(), by: { role: 'system', id: 'newer' } };
    await js.publish(cluster.subjects.chatEvent(future.sessionId), JSON.stringify({ v: CHAT_SCHEMA_VERSION + 1, event: { ...future, type: 'SessionStarted' }, prevVisibleSeq: 0, session: {} }));
    await js.publish(cluster.subjects.chatEvent(future.sessionId), JSON.stringify({ v: CHAT_SCHEMA_VERSION, event: { ...future, seq: 2, type: 'ChatTeleported' }, prevVisibleSeq: 0, session: {} }));

    const start = cluster.startCommand(USERS[1]!);
    expect((await cluster.client.send(start)).ok).toBe(true);
    await eventually(async () => expect(assignments(await cluster.streamEvents()).map((a) => a.sessionId)).toContain(start.sessionId), { timeoutMs: 15_000, intervalMs: 200 });
    expect([...cluster.processes, ...cluster.routers].every((p) => p.alive())).toBe(true);
  }, 60_000);

  it('a command of a newer schema version is refused with UNSUPPORTED_VERSION, and the same command at this version is served', async () => {
    const start = cluster.startCommand(USERS[2]!);
    const subject = cluster.subjects.chatCommand(partitionOfSession(start.sessionId, cluster.partitions));
    const newer = await requestJson(cluster.nc, subject, { v: CHAT_SCHEMA_VERSION + 1, command: start }, chatCommandResultSchema);
    expect(newer).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_VERSION' } });
    expect(await requestJson(cluster.nc, subject, { v: CHAT_SCHEMA_VERSION, command: start }, chatCommandResultSchema)).toMatchObject({ ok: true });
  }, 30_000);

  it('a session holding a commit written by a newer version is refused with UNSUPPORTED_VERSION, not guessed at; other sessions are served', async () => {
    const start = cluster.startCommand(USERS[0]!);
    const started = await cluster.client.send(start);
    if (!started.ok) throw new Error(started.error.code);
    expect(started.data.version).toBeGreaterThan(0);
    // The router assigns it (Auto Accept is on): the newer commit follows the session's last one.
    await eventually(async () => expect(assignments(await cluster.streamEvents()).map((a) => a.sessionId)).toContain(start.sessionId), { timeoutMs: 15_000, intervalMs: 200 });
    const version = Math.max(...(await cluster.streamEvents()).filter((m) => m.event.sessionId === start.sessionId).map((m) => m.event.seq));
    // What a newer chat-actor would have stored next: a commit of a newer schema version.
    await cluster.db.collection('chat_session_commits').insertOne({
      _id: `${start.sessionId}@${version}` as never,
      sessionId: start.sessionId,
      baseVersion: version,
      commandKey: `${start.sessionId}/${randomUUID()}`,
      commandHash: 'newer',
      prevVisibleSeq: 0,
      epoch: Number.MAX_SAFE_INTEGER,
      events: [{ type: 'ChatTeleported', seq: version + 1, at: new Date().toISOString(), sessionId: start.sessionId, commandId: randomUUID(), by: { role: 'system', id: 'newer' } }],
      v: CHAT_SCHEMA_VERSION + 1,
      partition: partitionOfSession(start.sessionId, cluster.partitions),
      at: new Date(),
    });
    const post = { type: 'PostMessage' as const, commandId: randomUUID(), sessionId: start.sessionId, actor: start.actor, text: 'still there?' };
    // A process caches the state it wrote: a new process (as after a handover) reads the store.
    const old = cluster.processes.splice(0, 1)[0]!;
    await old.stop();
    cluster.processes.push(await cluster.startChatActor('chat-actor-upgraded'));
    await cluster.allPartitionsOwned();
    expect(await cluster.client.send(post)).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_VERSION' } });
    // The chat-actor says why in its log (here the first reason: an event type it does not know).
    expect(cluster.processes[0]!.logs.some((line) => line.includes(start.sessionId) && line.includes('ChatTeleported event this process does not know'))).toBe(true);
    const other = cluster.startCommand(USERS[1]!);
    expect(await cluster.client.send(other)).toMatchObject({ ok: true });
    expect(cluster.processes.every((p) => p.alive())).toBe(true);
  }, 90_000);
});
