import { applyEvents, type SessionEvent, type SessionState } from '@switchboard/domain';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { commitId, SessionCommit, SessionCommitSchema } from '../schemas/session-commit.schema';
import { SessionRecord, SessionRecordSchema } from '../schemas/session-record.schema';
import { SessionReader } from './session-reader';

// The test database server comes from the jest global setup; libs below the testing lib read its address directly.
const mongoUri = () => process.env['SB_TEST_MONGODB_URI']!;

const at = '2026-01-05T09:00:00.000Z';
const by = { role: 'endUser' as const, id: 'u1' };

function started(sessionId: string): SessionState {
  const start: SessionEvent = { type: 'SessionStarted', seq: 1, at, sessionId, commandId: 'c1', by, endUserId: 'u1', companyId: 'acme', requestId: 'r1', description: 'VPN', queue: 'General' };
  return applyEvents(undefined, [start])!;
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
    records = connection.model(SessionRecord.name, SessionRecordSchema);
    commits = connection.model(SessionCommit.name, SessionCommitSchema);
    reader = new SessionReader(records, commits);
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  async function store(state: SessionState, extra: SessionEvent[][]): Promise<SessionState> {
    await records.create({ _id: state.sessionId, version: state.version, ownerEpoch: 1, partition: 0, startKey: `k-${state.sessionId}`, openSlot: `o-${state.sessionId}`, endUserId: 'u1', status: state.status, queue: state.queue, state, publishedVersion: 1, unpublished: false, updatedAt: new Date() });
    let current = state;
    for (const events of extra) {
      await commits.create({ _id: commitId(state.sessionId, current.version), sessionId: state.sessionId, baseVersion: current.version, epoch: 2, events, partition: 0, published: true, at: new Date() });
      current = applyEvents(current, events)!;
    }
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
});
