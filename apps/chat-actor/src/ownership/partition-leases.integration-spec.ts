import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { consistently, eventually, testInfra } from '@switchboard/testing';
import { randomBytes } from 'node:crypto';
import { PartitionLeases, type PartitionLeaseEvents } from '@switchboard/service-kit';

const PARTITIONS = 16;
const timings = { leaseTtlMs: 1500, tickMs: 200 };

function manager(nc: NatsConnection, bucketPrefix: string, instanceId: string, log: string[], acquired?: PartitionLeaseEvents['acquired']) {
  return new PartitionLeases(nc, {
    bucketPrefix,
    group: 'chat',
    instanceId,
    partitions: PARTITIONS,
    timings,
    events: {
      acquired: acquired ?? ((p, epoch) => void log.push(`${instanceId} +${p}@${epoch}`)),
      released: (p, reason) => void log.push(`${instanceId} -${p} ${reason}`),
    },
  });
}

const owned = (m: PartitionLeases) => m.owned().map((o) => o.partition);

/** Two lease managers of one cluster, started, with placement settled (both own some). */
async function settledPair(nc: NatsConnection, second: string, prefix = `t${randomBytes(3).toString('hex')}`): Promise<[PartitionLeases, PartitionLeases]> {
  const log: string[] = [];
  const a = manager(nc, prefix, 'a', log);
  const b = manager(nc, prefix, second, log);
  await a.start();
  await b.start();
  await eventually(() => {
    const all = [...owned(a), ...owned(b)].sort((x, y) => x - y);
    expect(all).toEqual([...Array(PARTITIONS).keys()]);
    expect(owned(a).length).toBeGreaterThan(0);
    expect(owned(b).length).toBeGreaterThan(0);
  });
  return [a, b];
}

describe('A1 partition leases in JetStream KV', () => {
  let nc: NatsConnection;
  beforeAll(async () => {
    nc = await connect({ servers: testInfra().natsUrl });
  });
  afterAll(async () => nc.close());

  it('A1 two processes split the partitions: every partition has exactly one owner', async () => {
    const [a, b] = await settledPair(nc, 'b');
    await a.stop();
    await b.stop();
  });

  it('A4 a graceful stop hands every partition over at once', async () => {
    const [a, b] = await settledPair(nc, 'b');
    await b.stop();
    const stoppedAt = Date.now();
    await eventually(() => expect(owned(a)).toHaveLength(PARTITIONS), { timeoutMs: 3000 });
    // Well under the lease TTL: the leases were released, not left to expire.
    expect(Date.now() - stoppedAt).toBeLessThan(timings.leaseTtlMs);
    await a.stop();
  });

  it('A4 the leases of a process that stops renewing expire and are taken over within the TTL', async () => {
    const [a, dead] = await settledPair(nc, 'dead');
    const epochsBefore = new Map(dead.owned().map((o) => [o.partition, o.epoch]));
    // Simulate a crash: stop the timer without releasing anything.
    (dead as unknown as { running: boolean }).running = false;
    const crashedAt = Date.now();
    await eventually(() => expect(owned(a)).toHaveLength(PARTITIONS), { timeoutMs: 5000 });
    expect(Date.now() - crashedAt).toBeLessThan(timings.leaseTtlMs + 2000);
    for (const { partition, epoch } of a.owned()) {
      const old = epochsBefore.get(partition);
      if (old !== undefined) expect(epoch).toBeGreaterThan(old);
    }
    await a.stop();
  });

  it('A1 a process cut off from NATS stops serving its partitions before their leases can expire, so no one else holds them meanwhile', async () => {
    const prefix = `t${randomBytes(3).toString('hex')}`;
    const cutOffConnection = await connect({ servers: testInfra().natsUrl });
    const log: string[] = [];
    const cutOff = manager(cutOffConnection, prefix, 'cut-off', log);
    await cutOff.start();
    await eventually(() => expect(owned(cutOff)).toHaveLength(PARTITIONS));
    // Its renewals fail from now on (as with its NATS node killed); the keys expire a TTL after the last one.
    const lastRenewalBy = Date.now();
    await cutOffConnection.close();
    await eventually(() => expect(owned(cutOff)).toEqual([]), { timeoutMs: timings.leaseTtlMs, intervalMs: 20 });
    expect(Date.now() - lastRenewalBy).toBeLessThan(timings.leaseTtlMs);
    expect(log.filter((line) => line.endsWith(' lost'))).toHaveLength(PARTITIONS);
    await cutOff.stop();
  });

  it('A1 A4 a partition slow to start serving holds back no renewal: the other leases are kept past their TTL', async () => {
    const prefix = `t${randomBytes(3).toString('hex')}`;
    const log: string[] = [];
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    // Partition 0 takes long to open (a new owner publishing what the last one left behind).
    const a = manager(nc, prefix, 'a', log, async (p) => (p === 0 ? opened : undefined));
    const starting = a.start();
    await eventually(() => expect(owned(a)).toHaveLength(PARTITIONS));
    await consistently(() => expect({ owned: owned(a).length, released: log.filter((l) => l.includes(' -')) }).toEqual({ owned: PARTITIONS, released: [] }), { forMs: timings.leaseTtlMs * 2 });
    open();
    await starting;
    expect(owned(a)).toHaveLength(PARTITIONS);
    await a.stop();
  });

  it('A1 a partition that cannot be served is given up and acquired again', async () => {
    const prefix = `t${randomBytes(3).toString('hex')}`;
    const log: string[] = [];
    let failures = 1;
    const a = manager(nc, prefix, 'a', log, (p, epoch) => {
      if (p === 3 && failures-- > 0) throw new Error('the database did not answer');
      log.push(`a +${p}@${epoch}`);
    });
    await a.start();
    await eventually(() => expect(log.filter((l) => l.startsWith('a +3@'))).toHaveLength(1));
    expect(log).toContain('a -3 lost');
    expect(owned(a)).toHaveLength(PARTITIONS);
    await a.stop();
  });

  it('A1 renewing leases creates no JetStream consumer per tick: membership is followed by one watch', async () => {
    const prefix = `t${randomBytes(3).toString('hex')}`;
    const [a, b] = await settledPair(nc, 'b', prefix);
    const c = manager(nc, prefix, 'c', []);
    try {
      const created: string[] = [];
      // Every consumer a client creates is a request on the JetStream API.
      const api = nc.subscribe('$JS.API.CONSUMER.>', { callback: (_e, msg) => void (msg.subject.includes('.CREATE.') && created.push(msg.subject)) });
      await nc.flush();
      // Ten ticks of both processes (membership heartbeats and lease renewals).
      await consistently(() => expect(created).toEqual([]), { forMs: timings.tickMs * 10 });
      api.unsubscribe();
      // The watch still sees members come and go: a third one joins and takes its share.
      await c.start();
      await eventually(() => expect(owned(c).length).toBeGreaterThan(0));
      await eventually(() => expect(owned(a).length + owned(b).length + owned(c).length).toBe(PARTITIONS));
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });

  it('A4 a membership watch that went quiet is made again (issue 18): a process that joins afterwards is seen and gets its share', async () => {
    const prefix = `t${randomBytes(3).toString('hex')}`;
    const [a, b] = await settledPair(nc, 'b', prefix);
    const c = manager(nc, prefix, 'c', []);
    try {
      // The watches' consumers vanish from the server, as when the stream's leader is cut off.
      const jsm = await jetstreamManager(nc);
      const stream = `KV_${prefix}_chat_members`;
      for await (const consumer of jsm.consumers.list(stream)) await jsm.consumers.delete(stream, consumer.name);
      await c.start();
      await eventually(() => expect(owned(c).length).toBeGreaterThan(0), { timeoutMs: 10_000 });
      await eventually(() => expect([...owned(a), ...owned(b), ...owned(c)].sort((x, y) => x - y)).toEqual([...Array(PARTITIONS).keys()]), { timeoutMs: 10_000 });
      expect(owned(a).length).toBeGreaterThan(0);
      expect(owned(b).length).toBeGreaterThan(0);
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });

  it('A1 refuses to join a cluster configured with another partition count', async () => {
    const prefix = `t${randomBytes(3).toString('hex')}`;
    const a = manager(nc, prefix, 'a', []);
    await a.start();
    const other = new PartitionLeases(nc, {
      bucketPrefix: prefix,
      group: 'chat',
      instanceId: 'b',
      partitions: PARTITIONS * 2,
      events: { acquired: () => undefined, released: () => undefined },
    });
    await expect(other.start()).rejects.toThrow(/uses 16 chat partitions/);
    await a.stop();
  });
});
