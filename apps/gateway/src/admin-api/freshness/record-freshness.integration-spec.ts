import type { DashboardSnapshot, RecordFreshness, SessionCommandMessage, SessionDetailView, SessionPage } from '@switchboard/contracts';
import { ChatCluster, eventually } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { startAdminApi, type AdminApiHarness } from '../testing/admin-api.harness';

/** Issue 12: the sessions list (search) and the dashboard say how fresh they are, and agree with the records once quiet. */
describe('admin API: freshness of the chat records list and the dashboard (chat-actor process, real NATS + database)', () => {
  let cluster: ChatCluster;
  let api: AdminApiHarness;
  const users = Array.from({ length: 20 }, (_, i) => `fr-user-${i}`);

  const send = async (command: SessionCommandMessage) => {
    const reply = await cluster.client.send(command);
    if (!reply.ok) throw new Error(`${command.type}: ${reply.error.code} ${reply.error.message}`);
    return reply.data;
  };
  const list = async (query = '') => (await api.call<SessionPage>('GET', `/api/admin/sessions?pageSize=100${query}`)).body;
  const dashboard = async () => (await api.call<DashboardSnapshot>('GET', '/api/admin/dashboard')).body;

  beforeAll(async () => {
    cluster = await new ChatCluster({ chatActors: 1, partitions: 4 }).start();
    await cluster.allPartitionsOwned();
    api = await startAdminApi('admin_freshness', { prefix: cluster.subjects.prefix, database: cluster.db.name, partitions: cluster.partitions });
    await cluster.seedEndUsers(users);
    await cluster.seedAgents([{ id: 'alice' }, { id: 'bob' }]);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await cluster?.stop();
  });

  it('issue 12: the list and the dashboard carry asOf, eventSeq and eventsBehind; they move with each change', async () => {
    const shape = { asOf: expect.any(String), eventSeq: expect.any(Number), eventsBehind: expect.any(Number), recordsBehind: expect.any(Number) };
    const before: RecordFreshness = (await list()).freshness;
    expect(before).toMatchObject(shape);
    expect((await dashboard()).freshness).toMatchObject(shape);

    const start = cluster.startCommand(users[0]!);
    await send(start);
    const after = await eventually(async () => {
      const now = (await list()).freshness;
      expect(now.eventSeq).toBeGreaterThan(before.eventSeq);
      return now;
    });
    expect(Date.parse(after.asOf)).toBeGreaterThanOrEqual(Date.parse(before.asOf));
    expect(Date.parse(after.lastEventAt!)).toBeGreaterThan(0);
    // The change the event announced is in the page read after it.
    expect((await list()).items.map((i) => i.sessionId)).toContain(start.sessionId);
    await eventually(async () => expect((await dashboard()).freshness.eventSeq).toBeGreaterThanOrEqual(after.eventSeq));
  });

  it('issue 12: after a burst of starts and accepts, once quiet (eventsBehind and recordsBehind 0) the list, the search and the dashboard agree with the records', async () => {
    const starts = users.slice(1).map((u) => cluster.startCommand(u));
    await Promise.all(starts.map((s) => send(s)));
    await Promise.all(
      starts.slice(0, 9).map((s, i) => send({ type: 'AcceptSession', commandId: randomUUID(), sessionId: s.sessionId, actor: { role: 'agent', id: i % 2 === 0 ? 'alice' : 'bob' } })),
    );

    await eventually(
      async () => {
        const page = await list();
        expect([page.freshness.eventsBehind, page.freshness.recordsBehind]).toEqual([0, 0]);
        const records = await Promise.all(page.items.map(async (i) => (await api.call<SessionDetailView>('GET', `/api/admin/sessions/${i.sessionId}`)).body));
        expect(page.items.map((i) => [i.sessionId, i.status, i.ownerAgentId])).toEqual(records.map((r) => [r.sessionId, r.status, r.ownerAgentId]));
        const count = (status: string) => records.filter((r) => r.status === status).length;
        expect([count('QUEUED'), count('ASSIGNED')]).toEqual([11, 9]);

        const queued = await list('&status=QUEUED');
        expect(queued.total).toBe(count('QUEUED'));
        const figures = await dashboard();
        expect([figures.freshness.eventsBehind, figures.freshness.recordsBehind]).toEqual([0, 0]);
        expect([figures.sessionsByStatus.QUEUED, figures.sessionsByStatus.ASSIGNED]).toEqual([count('QUEUED'), count('ASSIGNED')]);
        expect(figures.queues.find((q) => q.queue === 'General')?.waiting).toBe(count('QUEUED'));
      },
      { timeoutMs: 20_000 },
    );
  });
});
