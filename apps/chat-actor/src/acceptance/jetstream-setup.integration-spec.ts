import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ensureStream, openKvBucket, type JetStreamStorage } from '@switchboard/service-kit';
import { consistently, NatsCluster } from '@switchboard/testing';

const THREE_REPLICAS: JetStreamStorage = { replicas: 3, storage: 'file' };

/**
 * Issue 18 (service-kit's set-up, tested here beside the other cluster tests): a process that starts while JetStream cannot answer (a node just
 * lost, its streams electing new leaders; here, two of three nodes down and
 * no quorum at all) waits for it instead of giving up starting.
 */
describe('JetStream set-up on a three-node cluster that cannot answer yet', () => {
  let nats: NatsCluster;
  let nc: NatsConnection;
  beforeAll(async () => {
    nats = await NatsCluster.start(3);
    nc = await connect({ servers: nats.url.split(','), maxReconnectAttempts: -1, reconnectTimeWait: 200 });
  }, 120_000);
  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  it('a stream and a bucket asked for while the cluster has no quorum are set up, with three replicas, once it has one again', async () => {
    await Promise.all([nats.nodes[1]!.kill(), nats.nodes[2]!.kill()]);
    const settled: string[] = [];
    const stream = ensureStream(nc, { name: 'SETUP_WAITS', subjects: ['setup.waits.>'] }, THREE_REPLICAS).finally(() => settled.push('stream'));
    const bucket = openKvBucket(nc, 'setup_waits', { history: 1 }, THREE_REPLICAS).finally(() => settled.push('bucket'));
    // Without the wait both would have failed within the API's 5-second timeout.
    await consistently(() => expect(settled).toEqual([]), { forMs: 8000, intervalMs: 200 });

    await Promise.all([nats.nodes[1]!.restart(), nats.nodes[2]!.restart()]);
    expect((await stream).config.num_replicas).toBe(3);
    await (await bucket).put('k', 'v');
    const jsm = await jetstreamManager(nc);
    expect((await jsm.streams.info('KV_setup_waits')).config.num_replicas).toBe(3);
  }, 120_000);
});
