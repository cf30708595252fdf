import { applyEvents, type SessionEvent, type SessionState } from '@switchboard/domain';
import { SessionReader } from '../reader/session-reader';
import { SessionCommit, SessionCommitSchema } from '../schemas/session-commit.schema';
import { SessionRecord, SessionRecordSchema } from '../schemas/session-record.schema';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { SessionWriter, SNAPSHOT_BATCH } from './session-writer';

// The test database server comes from the jest global setup; libs below the testing lib read its address directly.
const mongoUri = () => process.env['SB_TEST_MONGODB_URI']!;

const at = '2026-01-05T09:00:00.000Z';

function started(sessionId: string, endUserId: string): { state: SessionState; events: SessionEvent[] } {
  const events: SessionEvent[] = [
    { type: 'SessionStarted', seq: 1, at, sessionId, commandId: `c-${sessionId}`, by: { role: 'endUser', id: endUserId }, endUserId, companyId: 'acme', requestId: `r-${sessionId}`, description: 'VPN', queue: 'General' },
  ];
  return { state: applyEvents(undefined, events)!, events };
}

describe('session writer: snapshot writes (real MongoDB-wire server)', () => {
  let connection: mongoose.Connection;
  let writer: SessionWriter;

  beforeAll(async () => {
    const url = new URL(mongoUri());
    url.pathname = `/snapshots_${randomBytes(4).toString('hex')}`;
    connection = await mongoose.createConnection(url.toString()).asPromise();
    const records = connection.model<SessionRecord>(SessionRecord.name, SessionRecordSchema);
    const commits = connection.model<SessionCommit>(SessionCommit.name, SessionCommitSchema);
    await records.init();
    writer = new SessionWriter(records, commits, new SessionReader(records, commits));
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  // The embedded FerretDB holds a connection per update statement of a command until the command
  // ends: one bulk update of more statements than its pool has connections never finished.
  it(`A2 snapshots of 120 sessions asked for at once are all written, ${SNAPSHOT_BATCH} per bulk write`, async () => {
    const sessions = Array.from({ length: 120 }, (_, i) => started(`snap${i}-${randomBytes(3).toString('hex')}`, `snap-user-${i}`));
    for (const s of sessions) expect(await writer.insert(s.state, s.events, 0, 1, new Date())).toEqual({ kind: 'inserted' });

    const closed = sessions.map((s) => ({ ...s.state, status: 'CLOSED' as const, version: 2 }));
    const written = await Promise.all(closed.map((state) => writer.writeSnapshot(state, 1)));

    expect(written.every(Boolean)).toBe(true);
    const stored = await connection.collection('chat_sessions').find({ status: 'CLOSED' }, { projection: { version: 1 } }).toArray();
    expect(stored).toHaveLength(120);
    expect(stored.every((d) => d['version'] === 2)).toBe(true);
  }, 60_000);
});
