import type { DashboardSnapshot, SessionCommandMessage } from '@switchboard/contracts';
import { ChatCluster, eventually } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { startAdminApi, type AdminApiHarness } from '../testing/admin-api.harness';

describe('admin API: Master Chat Records, R17 (chat-actor process, real NATS + database)', () => {
  let cluster: ChatCluster;
  let api: AdminApiHarness;
  const sessions: string[] = [];

  const send = async (command: SessionCommandMessage) => {
    const reply = await cluster.client.send(command);
    if (!reply.ok) throw new Error(`${command.type}: ${reply.error.code} ${reply.error.message}`);
    return reply.data;
  };

  beforeAll(async () => {
    cluster = await new ChatCluster({ chatActors: 1, partitions: 4 }).start();
    await cluster.allPartitionsOwned();
    api = await startAdminApi('admin_sessions', { prefix: cluster.subjects.prefix, database: cluster.db.name, partitions: cluster.partitions });
    await cluster.seedEndUsers(['erin', 'frank', 'grace']);
    await cluster.seedAgents([{ id: 'alice' }]);
    for (const user of ['erin', 'frank', 'grace']) {
      const start = cluster.startCommand(user);
      await send(start);
      sessions.push(start.sessionId);
    }
    await send({ type: 'PostMessage', commandId: randomUUID(), sessionId: sessions[0]!, actor: { role: 'endUser', id: 'erin' }, text: 'Still broken' });
    await send({ type: 'AcceptSession', commandId: randomUUID(), sessionId: sessions[0]!, actor: { role: 'agent', id: 'alice' } });
    // An answer does not wait for the snapshot lists are read from: they agree with the records once it is written.
    await eventually(async () => expect((await api.call('GET', '/api/admin/sessions?agentId=alice')).body.items.map((s: { sessionId: string }) => s.sessionId)).toEqual([sessions[0]]));
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await cluster?.stop();
  });

  it('R17 lists every session, most recently active first, with status, end user and agent', async () => {
    const { status, body } = await api.call('GET', '/api/admin/sessions');
    expect(status).toBe(200);
    expect(body.total).toBe(3);
    expect(body.items[0]).toMatchObject({ sessionId: sessions[0], status: 'ASSIGNED', endUserId: 'erin', ownerAgentId: 'alice', queue: 'General' });
    expect(body.items.map((s: { sessionId: string }) => s.sessionId).sort()).toEqual([...sessions].sort());
  });

  it('R17 searches by id, end user, agent, status and time, and pages', async () => {
    const ids = async (query: string) => (await api.call('GET', `/api/admin/sessions?${query}`)).body.items.map((s: { sessionId: string }) => s.sessionId);
    expect(await ids(`q=${sessions[1]!.slice(0, 12)}`)).toEqual([sessions[1]]);
    expect(await ids('endUserId=grace')).toEqual([sessions[2]]);
    expect(await ids('agentId=alice')).toEqual([sessions[0]]);
    expect((await ids('status=QUEUED')).sort()).toEqual([sessions[1], sessions[2]].sort());
    expect(await ids(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
    expect((await ids(`to=${encodeURIComponent(new Date().toISOString())}`)).length).toBe(3);
    const page = await api.call('GET', '/api/admin/sessions?pageSize=2&page=2');
    expect(page.body).toMatchObject({ total: 3, page: 2, items: [expect.any(Object)] });
    expect(await api.call('GET', '/api/admin/sessions?status=STUCK')).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
  });

  it('R17 opens one session with its owner and the recent page of its history (here the whole of it)', async () => {
    const { status, body } = await api.call('GET', `/api/admin/sessions/${sessions[0]}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ sessionId: sessions[0], status: 'ASSIGNED', hasOlder: false, owner: { agentId: 'alice', displayName: 'Agent alice', role: 'owner' } });
    expect(body.history.map((e: { type: string }) => e.type)).toEqual(['SessionStarted', 'MessagePosted', 'SessionAssigned']);
    expect(body.history[1]).toMatchObject({ seq: 2, text: 'Still broken', by: { role: 'endUser', id: 'erin' } });
    expect(await api.call('GET', '/api/admin/sessions/zz-nosuchsession')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('R17 reads a record\'s history in pages, documented in the OpenAPI document like the other endpoints', async () => {
    const page = await api.call('GET', `/api/admin/sessions/${sessions[0]}/history?beforeSeq=3&limit=1`);
    expect(page).toMatchObject({ status: 200, body: { events: [{ seq: 2, type: 'MessagePosted' }], hasOlder: true, lastSeq: 3 } });
    expect((await api.call('GET', `/api/admin/sessions/${sessions[0]}/history?limit=101`)).body.code).toBe('VALIDATION');
    const { body } = await api.call('GET', '/api/docs-json', undefined, {});
    const history = body.paths['/api/admin/sessions/{id}/history'].get;
    expect(history.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['beforeSeq', 'id', 'limit']);
    expect(history.parameters.find((p: { name: string }) => p.name === 'limit').schema).toMatchObject({ minimum: 1, maximum: 100, default: 50 });
    expect(history.responses['200'].content['application/json'].schema.required).toEqual(['events', 'hasOlder', 'lastSeq']);
    expect(body.paths['/api/admin/sessions/{id}'].get.responses['200'].content['application/json'].schema.properties.hasOlder).toBeDefined();
  });

  it('R17 force-closes a stuck session as the administrator; a second force-close is refused', async () => {
    const closed = await api.call('POST', `/api/admin/sessions/${sessions[0]}/force-close`, { comment: 'Stuck since the outage' });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('CLOSED');
    expect(closed.body.history.at(-1)).toMatchObject({ type: 'SessionClosed', reason: 'forceClosed', comment: 'Stuck since the outage', by: { role: 'admin', id: 'admin' } });
    expect(closed.body.hasOlder).toBe(false);
    expect((await api.call('GET', `/api/admin/sessions/${sessions[0]}`)).body.status).toBe('CLOSED');
    const again = await api.call('POST', `/api/admin/sessions/${sessions[0]}/force-close`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SESSION_CLOSED');
  });

  it('R19 refuses the Master Chat Records to agents (403) and to anonymous callers (401)', async () => {
    const agent = await api.authAs({ id: 'alice', role: 'agent', name: 'Alice' });
    expect(await api.call('GET', '/api/admin/sessions', undefined, agent)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await api.call('POST', `/api/admin/sessions/${sessions[1]}/force-close`, {}, agent)).toMatchObject({ status: 403 });
    expect((await api.call('GET', `/api/admin/sessions/${sessions[1]}`, undefined, {})).status).toBe(401);
    expect((await api.call('GET', `/api/admin/sessions/${sessions[1]}`)).body.status).toBe('QUEUED');
  });

  it('dashboard: the stream pushes a new snapshot within 1 s of a change (waiting per queue, by status, agents, assignments)', async () => {
    const controller = new AbortController();
    const response = await fetch(`${api.url}/api/admin/dashboard/stream`, { headers: await api.authAs({ id: 'admin', role: 'admin', name: 'A' }), signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const next = async (): Promise<DashboardSnapshot> => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (data) return JSON.parse(data.slice(6));
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    // The agent's load falls when the router has counted the force-close; a snapshot may come before that.
    const nextWhere = async (holds: (s: DashboardSnapshot) => boolean): Promise<DashboardSnapshot> => {
      for (;;) {
        const snapshot = await next();
        if (holds(snapshot)) return snapshot;
      }
    };
    try {
      const first = await nextWhere((s) => s.agents.some((a) => a.id === 'alice' && a.load === 0));
      expect(first.sessionsByStatus).toMatchObject({ QUEUED: 2, CLOSED: 1 });
      expect(first.queues).toContainEqual(expect.objectContaining({ queue: 'General', waiting: 2 }));
      expect(first.agents).toContainEqual({ id: 'alice', displayName: 'Agent alice', presence: 'online', load: 0, cap: 0 });
      expect(first.assignmentsPerMinute.reduce((n: number, m: { count: number }) => n + m.count, 0)).toBe(1);

      const changedAt = Date.now();
      await send({ type: 'AcceptSession', commandId: randomUUID(), sessionId: sessions[1]!, actor: { role: 'agent', id: 'alice' } });
      const snapshot = await nextWhere((s) => s.sessionsByStatus.ASSIGNED === 1 && s.agents[0]!.load === 1);
      expect(Date.now() - changedAt).toBeLessThan(1000);
      expect(snapshot.queues).toContainEqual(expect.objectContaining({ queue: 'General', waiting: 1 }));
      expect(snapshot.assignmentsPerMinute.at(-1)!.count).toBeGreaterThanOrEqual(1);
    } finally {
      controller.abort();
    }
  });
});
