import { consumerOpts } from './stream-reader';
import { storedSession } from './stored-session';
import { ChatCluster, opsHeaders } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';

describe('chat-actor: a session through two chat-actor processes (real NATS and database)', () => {
  const cluster = new ChatCluster({ chatActors: 2 });

  beforeAll(async () => {
    await cluster.start();
    await cluster.seedAgents([{ id: 'alice' }, { id: 'bob' }]);
    await cluster.seedEndUsers(['u1', 'u2', 'u3']);
    await cluster.allPartitionsOwned();
  });
  afterAll(() => cluster.stop());

  it('A1 ownership is visible: every partition is owned by exactly one of the two processes', async () => {
    const reports = await cluster.ownership();
    expect(reports.map((r) => r.instanceId).sort()).toEqual(['chat-actor-1', 'chat-actor-2']);
    const all = reports.flatMap((r) => r.owned.map((o) => o.partition)).sort((a, b) => a - b);
    expect(all).toEqual([...Array(cluster.partitions).keys()]);
    const http = await fetch(`${cluster.processes[0]!.url}/diagnostics/ownership`, { headers: opsHeaders });
    expect(await http.json()).toMatchObject({ instanceId: 'chat-actor-1', partitions: cluster.partitions });
  });

  it('R1 R3 R13 start, accept and messages are stored in order and published with their sequence numbers', async () => {
    const start = cluster.startCommand('u1');
    const started = await cluster.client.send(start);
    expect(started).toMatchObject({ ok: true, data: { duplicate: false, session: { status: 'QUEUED', queue: 'General' } } });

    const accepted = await cluster.client.send({ type: 'AcceptSession', commandId: randomUUID(), sessionId: start.sessionId, actor: { role: 'agent', id: 'alice' } });
    expect(accepted).toMatchObject({ ok: true, data: { session: { status: 'ASSIGNED', ownerAgentId: 'alice' } } });

    for (const [role, id, text] of [['endUser', 'u1', 'hello'], ['agent', 'alice', 'hi, looking into it']] as const) {
      const posted = await cluster.client.send({ type: 'PostMessage', commandId: randomUUID(), sessionId: start.sessionId, actor: { role, id }, text });
      expect(posted.ok).toBe(true);
    }

    const record = await storedSession(cluster.db, start.sessionId);
    expect(record?.version).toBe(4);
    const types = record!.history.map((e) => `${e.seq}:${e.type}`);
    expect(types).toEqual(['1:SessionStarted', '2:SessionAssigned', '3:MessagePosted', '4:MessagePosted']);

    const published = await consumerOpts(cluster).readSession(start.sessionId, 4);
    expect(published.map((m) => m.event.seq)).toEqual([1, 2, 3, 4]);
    expect(published[3]!.session).toMatchObject({ status: 'ASSIGNED', ownerAgentId: 'alice' });
  });

  it('A3 a repeated command id returns its first result and changes nothing more', async () => {
    const start = cluster.startCommand('u2');
    await cluster.client.send(start);
    const post = { type: 'PostMessage' as const, commandId: randomUUID(), sessionId: start.sessionId, actor: { role: 'endUser' as const, id: 'u2' }, text: 'once' };
    const first = await cluster.client.send(post);
    const again = await cluster.client.send(post);
    expect(first).toMatchObject({ ok: true, data: { duplicate: false, version: 2 } });
    expect(again).toMatchObject({ ok: true, data: { duplicate: true, version: 2 } });
    if (first.ok && again.ok) expect(again.data.events).toEqual(first.data.events);
  });

  it('R1.1 R1.2 a repeated start request and a second start of the same end user return the open session', async () => {
    const start = cluster.startCommand('u3', 'req-1');
    const first = await cluster.client.send(start);
    const retry = await cluster.client.send({ ...cluster.startCommand('u3', 'req-1') });
    const other = await cluster.client.send({ ...cluster.startCommand('u3', 'req-2') });
    expect(first.ok && retry.ok && other.ok).toBe(true);
    if (!first.ok || !retry.ok || !other.ok) return;
    expect(retry.data.sessionId).toBe(first.data.sessionId);
    expect(other.data.sessionId).toBe(first.data.sessionId);
    expect(await cluster.db.collection('chat_sessions').countDocuments({ endUserId: 'u3' })).toBe(1);
  });

  it('R19 refusals are typed errors and change nothing; malformed commands get BAD_REQUEST', async () => {
    const start = cluster.startCommand('u1', 'another');
    const existing = await cluster.client.send(start);
    expect(existing.ok).toBe(true);
    if (!existing.ok) return;
    const before = await storedSession(cluster.db, existing.data.sessionId);
    const refused = await cluster.client.send({ type: 'ReleaseSession', commandId: randomUUID(), sessionId: existing.data.sessionId, actor: { role: 'agent', id: 'bob' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_OWNER' } });
    const after = await storedSession(cluster.db, existing.data.sessionId);
    expect(after?.version).toBe(before?.version);

    const malformed = await cluster.client.send({ type: 'PostMessage', commandId: 'short', sessionId: existing.data.sessionId, actor: { role: 'agent', id: 'bob' }, text: '' } as never);
    expect(malformed).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
