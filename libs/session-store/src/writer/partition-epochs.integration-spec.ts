import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { PartitionEpoch, PartitionEpochSchema } from '../schemas/partition-epoch.schema';
import { EPOCHS_KEPT_MS, PartitionEpochs } from './partition-epochs';

// The test database server comes from the jest global setup; libs below the testing lib read its address directly.
const mongoUri = () => process.env['SB_TEST_MONGODB_URI']!;

describe('partition fencing epochs (real MongoDB-wire server)', () => {
  let connection: mongoose.Connection;
  let model: mongoose.Model<PartitionEpoch>;
  let epochs: PartitionEpochs;

  beforeAll(async () => {
    const url = new URL(mongoUri());
    url.pathname = `/epochs_${randomBytes(4).toString('hex')}`;
    connection = await mongoose.createConnection(url.toString()).asPromise();
    model = connection.model<PartitionEpoch>(PartitionEpoch.name, PartitionEpochSchema);
    epochs = new PartitionEpochs(model);
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('A1 fencing (issue 18): each epoch drawn is above every earlier one of the partition, also when the lease revision it is drawn for went back', async () => {
    expect(await epochs.draw(3, 4490, 'a')).toBe(4490);
    expect(await epochs.draw(3, 6250, 'b')).toBe(6250);
    // The lease stream lost writes and its revisions restarted lower: the epoch still grows.
    expect(await epochs.draw(3, 3092, 'c')).toBe(6251);
    expect(await epochs.draw(3, 7452, 'a')).toBe(7452);
    // Partitions do not share epochs.
    expect(await epochs.draw(4, 12, 'a')).toBe(12);
    expect(await epochs.newest(3)).toBe(7452);
  });

  it('A1 fencing (issue 18): owners drawing at once each get their own epoch', async () => {
    const drawn = await Promise.all(Array.from({ length: 6 }, (_, i) => epochs.draw(5, 1, `owner-${i}`)));
    expect(new Set(drawn).size).toBe(6);
    expect(await epochs.draw(5, 1, 'later')).toBeGreaterThan(Math.max(...drawn));
  });

  it('A1 fencing (issue 18): a partition keeps its newest epoch and those drawn in the last ten minutes, whatever the number of acquisitions', async () => {
    let clock = Date.parse('2026-11-30T09:00:00Z');
    const now = () => new Date(clock);
    for (let i = 0; i < 20; i++) await epochs.draw(6, 1, 'a', now);
    expect(await model.countDocuments({ partition: 6 })).toBe(20);
    clock += EPOCHS_KEPT_MS - 1;
    expect(await epochs.draw(6, 1, 'a', now)).toBe(21);
    expect(await model.countDocuments({ partition: 6 })).toBe(21);
    clock += 2;
    expect(await epochs.draw(6, 1, 'b', now)).toBe(22);
    // The 20 first are older than the window: only the two drawn since stay, the newest among them.
    expect(await model.countDocuments({ partition: 6 })).toBe(2);
    expect(await epochs.newest(6)).toBe(22);
  });
});
