import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { followKv, openKvBucket, SINGLE_NODE_STORAGE } from '@switchboard/service-kit';
import { eventually, testInfra } from '@switchboard/testing';
import { randomBytes } from 'node:crypto';

/**
 * Issue 18 (service-kit's KV watch, tested here beside the other NATS
 * tests): a watch whose consumer is lost on the server (its node cut off or
 * killed) went quiet without ending, and its follower (a router's view of
 * the agents' loads, a gateway's presence feed) never learned another change.
 */
describe('following a KV bucket whose watch consumer is lost', () => {
  let nc: NatsConnection;
  beforeAll(async () => {
    nc = await connect({ servers: testInfra().natsUrl });
  });
  afterAll(() => nc.close());

  it('the watch is made again: changes made after the loss still reach the follower, and the values are whole', async () => {
    const bucket = `t${randomBytes(4).toString('hex')}_watched`;
    const kv = await openKvBucket(nc, bucket, { history: 1 }, SINGLE_NODE_STORAGE);
    await kv.put('a1', 'online');
    const seen = new Map<string, string>();
    const follower = await followKv(kv, (entry) => void (entry.operation === 'PUT' ? seen.set(entry.key, entry.string()) : seen.delete(entry.key)), (error) => {
      throw error;
    }, { checkEveryMs: 200 });
    try {
      await follower.initialized;
      expect(seen.get('a1')).toBe('online');

      const jsm = await jetstreamManager(nc);
      for await (const consumer of jsm.consumers.list(`KV_${bucket}`)) await jsm.consumers.delete(`KV_${bucket}`, consumer.name);
      await kv.put('a1', 'away');
      await kv.put('a2', 'online');
      await kv.delete('a2');
      await kv.put('a3', 'online');

      await eventually(() => expect(Object.fromEntries(seen)).toEqual({ a1: 'away', a3: 'online' }), { timeoutMs: 5000 });
      expect(follower.rewatches).toBeGreaterThanOrEqual(1);
    } finally {
      follower.stop();
      await kv.destroy();
    }
  });
});
