import { applyEvents, type SessionEvent, type SessionState } from '@switchboard/domain';
import { SessionCommit, SessionCommitSchema, SessionReader, SessionRecord, SessionRecordSchema } from '@switchboard/session-store';
import { testInfra } from '@switchboard/testing';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { SessionRepository, SNAPSHOT_BATCH } from './session.repository';

const at = '2026-01-05T09:00:00.000Z';

function started(sessionId: string, endUserId: string): { state: SessionState; events: SessionEvent[] } {
  const events: SessionEvent[] = [
    { type: 'SessionStarted', seq: 1, at, sessionId, commandId: `c-${sessionId}`, by: { role: 'endUser', id: endUserId }, endUserId, companyId: 'acme', requestId: `r-${sessionId}`, description: 'VPN', queue: 'General' },
  ];
  return { state: applyEvents(undefined, events)!, events };
}

describe('session repository: snapshot writes (real MongoDB-wire server)', () => {
  let connection: mongoose.Connection;
  let repository: SessionRepository;

  beforeAll(async () => {
    const url = new URL(testInfra().mongoUri);
    url.pathname = `/snapshots_${randomBytes(4).toString('hex')}`;
    connection = await mongoose.createConnection(url.toString()).asPromise();
    const records = connection.model(SessionRecord.name, SessionRecordSchema);
    const commits = connection.model(SessionCommit.name, SessionCommitSchema);
    await records.init();
    repository = new SessionRepository(records, commits, new SessionReader(records, commits));
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  // The embedded FerretDB holds a connection per update statement of a command until the command
  // ends: one bulk update of more statements than its pool has connections never finished.
  it(`A2 snapshots of 120 sessions asked for at once are all written, ${SNAPSHOT_BATCH} per bulk write`, async () => {
    const sessions = Array.from({ length: 120 }, (_, i) => started(`snap${i}-${randomBytes(3).toString('hex')}`, `snap-user-${i}`));
    for (const s of sessions) expect(await repository.insert(s.state, s.events, 0, 1, new Date())).toEqual({ kind: 'inserted' });

    const closed = sessions.map((s) => ({ ...s.state, status: 'CLOSED' as const, version: 2 }));
    const written = await Promise.all(closed.map((state) => repository.writeSnapshot(state, 1)));

    expect(written.every(Boolean)).toBe(true);
    const stored = await connection.collection('chat_sessions').find({ status: 'CLOSED' }, { projection: { version: 1 } }).toArray();
    expect(stored).toHaveLength(120);
    expect(stored.every((d) => d['version'] === 2)).toBe(true);
  }, 60_000);
});
