import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { OutboxMark, OutboxMarkSchema } from '../schemas/outbox-mark.schema';
import { SessionCommit, SessionCommitSchema } from '../schemas/session-commit.schema';
import { SessionRecord, SessionRecordSchema } from '../schemas/session-record.schema';
import { SessionIndexes } from './session-indexes';

// The test database server comes from the jest global setup; libs below the testing lib read its address directly.
const mongoUri = () => process.env['SB_TEST_MONGODB_URI']!;

describe('session indexes (real MongoDB-wire server)', () => {
  let connection: mongoose.Connection;
  let records: mongoose.Model<SessionRecord>;
  let indexes: SessionIndexes;

  beforeAll(async () => {
    const url = new URL(mongoUri());
    url.pathname = `/indexes_${randomBytes(4).toString('hex')}`;
    // No background index builds: the test decides when they are built.
    connection = await mongoose.createConnection(url.toString(), { autoIndex: false }).asPromise();
    records = connection.model<SessionRecord>(SessionRecord.name, SessionRecordSchema);
    indexes = new SessionIndexes(records, connection.model<SessionCommit>(SessionCommit.name, SessionCommitSchema), connection.model<OutboxMark>(OutboxMark.name, OutboxMarkSchema));
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  const record = (id: string, startKey: string) => ({
    _id: id,
    version: 1,
    ownerEpoch: 1,
    partition: 0,
    startKey,
    openSlot: `o-${id}`,
    endUserId: 'u1',
    status: 'CLOSED',
    queue: 'General',
    state: {},
    startEvents: [],
    startedAt: new Date(),
    updatedAt: new Date(),
  });

  it('R1.1 a unique index that cannot be built is a start-up failure after the retries, not an event nobody hears', async () => {
    // Two sessions of one start request, as could be stored while the index was missing.
    await records.collection.insertMany([record('s1', 'k1'), record('s2', 'k1')] as never[]);
    await expect(indexes.ensure(1000)).rejects.toThrow();
    await records.deleteOne({ _id: 's2' });
  });

  it('R1.1 R1.2 once built, a second session of one start request or a second open session of one end user is refused by the database', async () => {
    await indexes.ensure(10_000);
    const names = (await records.collection.indexes()).filter((i) => i.unique).map((i) => Object.keys(i.key).join(','));
    expect(names).toEqual(expect.arrayContaining(['startKey', 'openSlot']));
    await expect(records.collection.insertOne(record('s3', 'k1') as never)).rejects.toMatchObject({ code: 11000 });
    await expect(records.collection.insertOne({ ...record('s4', 'k4'), openSlot: 'o-s1' } as never)).rejects.toMatchObject({ code: 11000 });
  });
});
