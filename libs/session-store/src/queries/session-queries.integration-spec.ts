import { applyEvents, type SessionEvent, type SessionState } from '@switchboard/domain';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { SessionRecord, SessionRecordSchema } from '../schemas/session-record.schema';
import { OPEN_SESSIONS_BATCH, OPEN_TICKETS_MAX, SEARCH_PAGE_MAX, SessionQueries, SessionQueryError } from './session-queries';

// The test database server comes from the jest global setup; libs below the testing lib read its address directly.
const mongoUri = () => process.env['SB_TEST_MONGODB_URI']!;

const by = { role: 'endUser' as const, id: 'u1' };

/** A started session's summary, changed by `patch` (the queries read stored snapshots; how they came about does not matter here). */
function session(sessionId: string, patch: Partial<SessionState> = {}): SessionState {
  const at = patch.createdAt ?? '2026-01-05T09:00:00.000Z';
  const endUserId = patch.endUserId ?? 'u1';
  const start: SessionEvent = { type: 'SessionStarted', seq: 1, at, sessionId, commandId: 'c1', by, endUserId, companyId: 'acme', requestId: `r-${sessionId}`, description: `VPN down at ${sessionId}`, queue: 'General' };
  // As stored: a field set to undefined is no field at all.
  return JSON.parse(JSON.stringify({ ...applyEvents(undefined, [start])!, ...patch })) as SessionState;
}

describe('session queries (real MongoDB-wire server)', () => {
  let connection: mongoose.Connection;
  let records: mongoose.Model<SessionRecord>;
  let queries: SessionQueries;
  let clock = Date.parse('2026-01-05T10:00:00.000Z');

  beforeAll(async () => {
    const url = new URL(mongoUri());
    url.pathname = `/queries_${randomBytes(4).toString('hex')}`;
    connection = await mongoose.createConnection(url.toString()).asPromise();
    records = connection.model<SessionRecord>(SessionRecord.name, SessionRecordSchema);
    await records.init();
    queries = new SessionQueries(records);
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  /** Stores snapshots as a chat actor would; each one written a second after the previous. */
  async function store(...states: SessionState[]): Promise<void> {
    await records.insertMany(
      states.map((state) => ({
        _id: state.sessionId,
        version: state.version,
        ownerEpoch: 1,
        partition: 0,
        startKey: `k-${state.sessionId}`,
        openSlot: ['CLOSED', 'ABANDONED'].includes(state.status) ? `closed:${state.sessionId}` : `o-${state.sessionId}`,
        endUserId: state.endUserId,
        status: state.status,
        queue: state.queue,
        ...(state.ownerAgentId ? { ownerAgentId: state.ownerAgentId } : {}),
        state,
        startEvents: [],
        startedAt: new Date(),
        updatedAt: new Date((clock += 1000)),
      })),
    );
  }

  it('filters on status through an index of its own (FerretDB serves equality from single-field indexes only)', async () => {
    const indexes = await records.listIndexes();
    expect(indexes.map((i) => JSON.stringify(i.key))).toEqual(expect.arrayContaining([JSON.stringify({ status: 1 }), JSON.stringify({ endUserId: 1 })]));
  });

  describe('open sessions', () => {
    beforeAll(async () => {
      await store(
        session('o-queued', { endUserId: 'ou1', queuedAt: '2026-01-05T09:01:00.000Z', topic: 'Network', endUserName: 'Olga' }),
        session('o-assigned', { endUserId: 'ou2', status: 'ASSIGNED', ownerAgentId: 'alice', participants: ['alice'], queuedAt: undefined }),
        session('o-pending', { endUserId: 'ou3', status: 'PENDING_TRANSFER', transferTargetAgentId: 'bob', transferFromAgentId: 'alice', queuedAt: undefined, queue: 'Network' }),
        session('o-closed', { endUserId: 'ou4', status: 'CLOSED', closedAt: '2026-01-05T09:30:00.000Z', queuedAt: undefined }),
        session('o-abandoned', { endUserId: 'ou5', status: 'ABANDONED', queuedAt: undefined }),
      );
    });

    it('lists every open session (queued, assigned, pending transfer) with the fields of its list row, and no ended one', async () => {
      const open = [];
      for await (const s of queries.openSessions()) if (s.sessionId.startsWith('o-')) open.push(s);
      expect(open.map((s) => s.sessionId).sort()).toEqual(['o-assigned', 'o-pending', 'o-queued']);
      expect(open.find((s) => s.sessionId === 'o-queued')).toEqual({
        sessionId: 'o-queued',
        version: 1,
        status: 'QUEUED',
        queue: 'General',
        companyId: 'acme',
        endUserId: 'ou1',
        endUserName: 'Olga',
        topic: 'Network',
        description: 'VPN down at o-queued',
        cancelledByUser: false,
        userLeft: false,
        queuedAt: '2026-01-05T09:01:00.000Z',
        createdAt: '2026-01-05T09:00:00.000Z',
      });
      expect(open.find((s) => s.sessionId === 'o-pending')).toMatchObject({ status: 'PENDING_TRANSFER', transferTargetAgentId: 'bob', queue: 'Network' });
      // Only a list row's fields: nothing of the rest of the summary.
      expect(open.find((s) => s.sessionId === 'o-assigned')).not.toHaveProperty('participants');
    });

    it('where each open session stands, for the dashboard; and how many ended each way', async () => {
      const positions = (await queries.openPositions()).filter((p) => p.sessionId.startsWith('o-'));
      expect(positions.sort((a, b) => a.sessionId.localeCompare(b.sessionId))).toEqual([
        { sessionId: 'o-assigned', version: 1, status: 'ASSIGNED', queue: 'General', ownerAgentId: 'alice' },
        { sessionId: 'o-pending', version: 1, status: 'PENDING_TRANSFER', queue: 'Network' },
        { sessionId: 'o-queued', version: 1, status: 'QUEUED', queue: 'General', queuedAt: '2026-01-05T09:01:00.000Z' },
      ]);
      expect(await queries.countWithStatus('CLOSED')).toBe(1);
      expect(await queries.countWithStatus('ABANDONED')).toBe(1);
    });

    it(`reads past one batch (${OPEN_SESSIONS_BATCH}) without losing or repeating a session`, async () => {
      const many = Array.from({ length: OPEN_SESSIONS_BATCH + 7 }, (_, i) => session(`b-${String(i).padStart(4, '0')}`, { endUserId: `bu${i}` }));
      await store(...many);
      const seen: string[] = [];
      for await (const s of queries.openSessions()) if (s.sessionId.startsWith('b-')) seen.push(s.sessionId);
      expect(seen.sort()).toEqual(many.map((s) => s.sessionId));
    });
  });

  describe('open tickets of an end user', () => {
    const ticket = (n: number, status: 'Open' | 'Resolved' | 'Cancelled') => ({ ticketId: `T-${n}`, status, summary: `ticket ${n}` });

    beforeAll(async () => {
      await store(
        session('t-old', { endUserId: 'tu1', status: 'CLOSED', ticket: ticket(1, 'Open') }),
        session('t-resolved', { endUserId: 'tu1', status: 'CLOSED', ticket: ticket(2, 'Resolved') }),
        session('t-none', { endUserId: 'tu1', status: 'CLOSED' }),
        session('t-other-user', { endUserId: 'tu2', status: 'CLOSED', ticket: ticket(3, 'Open') }),
        session('t-new', { endUserId: 'tu1', status: 'ASSIGNED', ownerAgentId: 'alice', ticket: ticket(4, 'Open') }),
      );
    });

    it('R15 lists only the end user\'s open tickets, with their sessions, most recently active first', async () => {
      expect(await queries.openTicketsOf('tu1')).toEqual([
        { sessionId: 't-new', ticket: ticket(4, 'Open') },
        { sessionId: 't-old', ticket: ticket(1, 'Open') },
      ]);
      expect(await queries.openTicketsOf('nobody')).toEqual([]);
    });

    it(`R15 returns at most ${OPEN_TICKETS_MAX} tickets, whatever is asked`, async () => {
      await store(...Array.from({ length: OPEN_TICKETS_MAX + 5 }, (_, i) => session(`tm-${i}`, { endUserId: 'tu-many', status: 'CLOSED', ticket: ticket(100 + i, 'Open') })));
      const read = await queries.openTicketsOf('tu-many', 10_000);
      expect(read).toHaveLength(OPEN_TICKETS_MAX);
      // The newest first: the last ones stored.
      expect(read[0]!.sessionId).toBe(`tm-${OPEN_TICKETS_MAX + 4}`);
      expect(await queries.openTicketsOf('tu-many', 3)).toHaveLength(3);
    });
  });

  describe('search (R17 Master Chat Records)', () => {
    beforeAll(async () => {
      await store(
        session('s-1', { endUserId: 'su1', endUserName: 'Sam (Admin)', status: 'CLOSED', participants: ['carol', 'dave'], createdAt: '2026-02-01T08:00:00.000Z', closedAt: '2026-02-01T09:00:00.000Z' }),
        session('s-2', { endUserId: 'su2', status: 'ASSIGNED', ownerAgentId: 'dave', participants: ['dave'], queue: 'Network', createdAt: '2026-02-02T08:00:00.000Z' }),
        session('s-3', { endUserId: 'su3', status: 'PENDING_TRANSFER', transferTargetAgentId: 'erin', participants: ['frank'], createdAt: '2026-02-03T08:00:00.000Z' }),
      );
    });

    const ids = (page: { rows: Array<{ sessionId: string }> }) => page.rows.map((r) => r.sessionId);

    it('R17 finds by text in the end user\'s name, case-insensitively, the text taken literally', async () => {
      expect(ids(await queries.search({ text: 'sam (admin', page: 1, pageSize: 20 }))).toEqual(['s-1']);
      expect(ids(await queries.search({ text: '.*', page: 1, pageSize: 20 }))).toEqual([]);
    });

    it('R17 finds by agent: the owner, anyone who took part, the transfer target', async () => {
      expect(ids(await queries.search({ agentId: 'dave', page: 1, pageSize: 20 }))).toEqual(['s-2', 's-1']);
      expect(ids(await queries.search({ agentId: 'erin', page: 1, pageSize: 20 }))).toEqual(['s-3']);
      expect(ids(await queries.search({ agentId: 'carol', status: 'CLOSED', page: 1, pageSize: 20 }))).toEqual(['s-1']);
    });

    it('R17 finds by start time, queue and end user; rows carry the list fields', async () => {
      const page = await queries.search({ startedFrom: '2026-02-01T12:00:00.000Z', startedTo: '2026-02-03T07:59:59+00:00', page: 1, pageSize: 20 });
      expect(page).toMatchObject({ total: 1, rows: [{ sessionId: 's-2', status: 'ASSIGNED', queue: 'Network', endUserId: 'su2', ownerAgentId: 'dave', version: 1 }] });
      expect(page.rows[0]!.summary).toMatchObject({ companyId: 'acme', createdAt: '2026-02-02T08:00:00.000Z', description: 'VPN down at s-2' });
      expect(page.rows[0]!.updatedAt).toBeInstanceOf(Date);
      expect(ids(await queries.search({ queue: 'Network', endUserId: 'su2', page: 1, pageSize: 20 }))).toEqual(['s-2']);
    });

    it('R17 pages most recently active first and counts every match', async () => {
      const first = await queries.search({ text: 'VPN down at s-', page: 1, pageSize: 2 });
      const second = await queries.search({ text: 'VPN down at s-', page: 2, pageSize: 2 });
      expect([ids(first), ids(second), first.total, second.total]).toEqual([['s-3', 's-2'], ['s-1'], 3, 3]);
    });

    it(`a page holds at most ${SEARCH_PAGE_MAX} rows, whatever is asked`, async () => {
      await store(...Array.from({ length: SEARCH_PAGE_MAX + 1 }, (_, i) => session(`p-${i}`, { endUserId: `pu${i}`, status: 'CLOSED' })));
      const page = await queries.search({ page: 1, pageSize: 10_000 });
      expect(page.total).toBeGreaterThan(SEARCH_PAGE_MAX);
      expect(page.rows).toHaveLength(SEARCH_PAGE_MAX);
    });

    it('a start time that is not a date is refused with a typed error', async () => {
      const refused = queries.search({ startedFrom: 'yesterday', page: 1, pageSize: 20 });
      await expect(refused).rejects.toBeInstanceOf(SessionQueryError);
      await expect(refused).rejects.toMatchObject({ code: 'INVALID_SESSION_QUERY' });
    });

    it('tells whether a session exists and when its record was last written', async () => {
      expect(await queries.exists('s-1')).toBe(true);
      expect(await queries.exists('nope')).toBe(false);
      expect(await queries.lastWrittenAt('s-1')).toBeInstanceOf(Date);
      expect(await queries.lastWrittenAt('nope')).toBeUndefined();
    });
  });
});
