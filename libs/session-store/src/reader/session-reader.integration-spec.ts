import { applyEvents, type SessionEvent, type SessionState } from '@switchboard/domain';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { commandKeyOf, commitId, SessionCommit, SessionCommitSchema } from '../schemas/session-commit.schema';
import { SessionRecord, SessionRecordSchema } from '../schemas/session-record.schema';
import { HISTORY_READ_MAX, SessionReader } from './session-reader';

// The test database server comes from the jest global setup; libs below the testing lib read its address directly.
const mongoUri = () => process.env['SB_TEST_MONGODB_URI']!;

const at = '2026-01-05T09:00:00.000Z';
const by = { role: 'endUser' as const, id: 'u1' };

const startOf = (sessionId: string): SessionEvent => ({ type: 'SessionStarted', seq: 1, at, sessionId, commandId: 'c1', by, endUserId: 'u1', companyId: 'acme', requestId: 'r1', description: 'VPN', queue: 'General' });

function started(sessionId: string): SessionState {
  return applyEvents(undefined, [startOf(sessionId)])!;
}

describe('session reader (real MongoDB-wire server)', () => {
  let connection: mongoose.Connection;
  let reader: SessionReader;
  let records: mongoose.Model<SessionRecord>;
  let commits: mongoose.Model<SessionCommit>;

  beforeAll(async () => {
    const url = new URL(mongoUri());
    url.pathname = `/reader_${randomBytes(4).toString('hex')}`;
    connection = await mongoose.createConnection(url.toString()).asPromise();
    records = connection.model<SessionRecord>(SessionRecord.name, SessionRecordSchema);
    commits = connection.model<SessionCommit>(SessionCommit.name, SessionCommitSchema);
    reader = new SessionReader(records, commits);
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  async function store(state: SessionState, extra: SessionEvent[][]): Promise<SessionState> {
    await records.create({ _id: state.sessionId, version: state.version, ownerEpoch: 1, partition: 0, startKey: `k-${state.sessionId}`, openSlot: `o-${state.sessionId}`, endUserId: 'u1', status: state.status, queue: state.queue, state, startEvents: [startOf(state.sessionId)], startedAt: new Date(), updatedAt: new Date() });
    let current = state;
    const docs = extra.map((events) => {
      const doc = { _id: commitId(state.sessionId, current.version), sessionId: state.sessionId, baseVersion: current.version, commandKey: commandKeyOf(state.sessionId, events[0]!.commandId), commandHash: 'h', epoch: 2, events, partition: 0, at: new Date() };
      current = applyEvents(current, events)!;
      return doc;
    });
    if (docs.length > 0) await commits.insertMany(docs);
    return current;
  }

  const assign = (sessionId: string, seq: number): SessionEvent => ({ type: 'SessionAssigned', seq, at, sessionId, commandId: `c${seq}`, by: { role: 'agent', id: 'a1' }, agentId: 'a1', agentName: 'A', via: 'accept' });
  const say = (sessionId: string, seq: number): SessionEvent => ({ type: 'MessagePosted', seq, at, sessionId, commandId: `c${seq}`, by, from: 'endUser', authorId: 'u1', text: `m${seq}` });

  it('A2 reads a session as it is now: the snapshot rolled forward through every later commit', async () => {
    const expected = await store(started('s-roll'), [[assign('s-roll', 2)], [say('s-roll', 3)], [say('s-roll', 4)]]);
    const read = await reader.load('s-roll');
    expect(read?.state).toEqual(expected);
    expect(read).toMatchObject({ ownerEpoch: 2, snapshotVersion: 1 });
  });

  it('an unknown session id reads as undefined', async () => {
    expect(await reader.load('nope')).toBeUndefined();
  });

  it('R4.1 lists sessions by their current status, even when the snapshot still says otherwise', async () => {
    await store(started('s-wait'), [[say('s-wait', 2)]]);
    await store(started('s-gone'), [[assign('s-gone', 2)]]);
    const queued = await reader.withStatus(['QUEUED']);
    expect(queued.map((s) => s.sessionId)).toContain('s-wait');
    expect(queued.map((s) => s.sessionId)).not.toContain('s-gone');
  });

  describe('history in pages', () => {
    const note = (sessionId: string, seq: number): SessionEvent => ({ type: 'SideNoteAdded', seq, at, sessionId, commandId: `n${seq}`, by: { role: 'agent', id: 'a1' }, authorId: 'a1', authorName: 'A', text: `n${seq}` });
    const transferWithNote = (sessionId: string, seq: number): SessionEvent[] => [
      { ...note(sessionId, seq), commandId: `t${seq}` },
      { type: 'TransferRequested', seq: seq + 1, at, sessionId, commandId: `t${seq}`, by: { role: 'agent', id: 'a1' }, fromAgentId: 'a1', fromAgentName: 'A', toAgentId: 'a2', toAgentName: 'B' },
    ];
    let last: SessionState;

    beforeAll(async () => {
      // seq 1 start, 2 assign, 3..252 messages, 253-254 one commit of two events (a transfer with a side note).
      const commitsOf: SessionEvent[][] = [[assign('s-long', 2)]];
      for (let seq = 3; seq <= 252; seq++) commitsOf.push([say('s-long', seq)]);
      commitsOf.push(transferWithNote('s-long', 253));
      last = await store(started('s-long'), commitsOf);
    });

    it('R13 history: the newest page holds the last entries in seq order and says older ones exist', async () => {
      const page = await reader.history('s-long', { limit: 50 });
      expect(page?.events.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 205 + i));
      expect(page).toMatchObject({ hasOlder: true, lastSeq: last.version });
    });

    it('R13 history: paging back with beforeSeq reaches the start without gaps or repeats, across multi-event commits', async () => {
      const seen: number[] = [];
      let beforeSeq: number | undefined;
      for (;;) {
        const page = (await reader.history('s-long', { beforeSeq, limit: 37 }))!;
        seen.unshift(...page.events.map((e) => e.seq));
        if (!page.hasOlder) break;
        beforeSeq = page.events[0]!.seq;
      }
      expect(seen).toEqual(Array.from({ length: last.version }, (_, i) => i + 1));
    });

    it('R13 history: a page never holds more than the read maximum, whatever is asked', async () => {
      const page = await reader.history('s-long', { limit: 10_000 });
      expect(page?.events).toHaveLength(HISTORY_READ_MAX);
    });

    it('R13 history: the loaded session carries no history, however long the chat', async () => {
      const read = await reader.load('s-long');
      expect(read?.state.version).toBe(254);
      expect(JSON.stringify(read?.state).length).toBeLessThan(2000);
      expect(read?.state).not.toHaveProperty('history');
    });

    it('an unknown session has no history', async () => {
      expect(await reader.history('nope', { limit: 10 })).toBeUndefined();
    });
  });
});
