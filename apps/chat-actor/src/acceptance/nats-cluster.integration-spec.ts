import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { DEFAULT_LEASE_TIMINGS, ensureChatEventsStream, openKvBucket, SINGLE_NODE_STORAGE } from '@switchboard/service-kit';
import { ChatCluster, eventually, NatsCluster } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { MixedLoad } from './mixed-load';

const USERS = Array.from({ length: 12 }, (_, i) => `cluster-user-${i}`);
const AGENTS = Array.from({ length: 12 }, (_, i) => `cluster-agent-${i}`);
/** End users who each start one new session while the node fails. */
const STARTERS = Array.from({ length: 3000 }, (_, i) => `cluster-starter-${i}`);

/** Starts a session for one fresh end user after another and posts in it, recording each acknowledged command. */
class StartsAndPosts {
  readonly acknowledged: string[] = [];
  readonly unexpected: string[] = [];
  private running = true;
  private readonly done: Promise<void>;

  constructor(private readonly cluster: ChatCluster) {
    this.done = this.run();
  }

  private async run(): Promise<void> {
    for (const user of STARTERS) {
      if (!this.running) return;
      const start = this.cluster.startCommand(user);
      const started = await this.cluster.client.send(start);
      if (!started.ok) {
        this.unexpected.push(`StartSession ${user}: ${started.error.code}`);
        continue;
      }
      this.acknowledged.push(start.commandId);
      const post = { type: 'PostMessage' as const, commandId: randomUUID(), sessionId: started.data.sessionId, actor: start.actor, text: 'Printer offline' };
      const posted = await this.cluster.client.send(post);
      if (posted.ok) this.acknowledged.push(post.commandId);
      else this.unexpected.push(`PostMessage ${user}: ${posted.error.code}`);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }
}

describe('chat-actor acceptance: a three-node NATS cluster with 3 replicas', () => {
  let nats: NatsCluster;
  let cluster: ChatCluster;
  let nc: NatsConnection;
  /** Loads under way: a failed assertion leaves them running, afterAll stops them before their cluster. */
  const loads: Array<{ stop(): Promise<void> }> = [];

  beforeAll(async () => {
    nats = await NatsCluster.start(3);
    cluster = new ChatCluster({ chatActors: 2, natsUrl: nats.url, replicas: 3 });
    // As a deployment made before replicas were configured left them: one replica each.
    nc = await connect({ servers: nats.url.split(','), maxReconnectAttempts: -1, reconnectTimeWait: 200 });
    await ensureChatEventsStream(nc, cluster.subjects, SINGLE_NODE_STORAGE);
    await openKvBucket(nc, `${cluster.subjects.bucketPrefix}_chat_leases`, { history: 1, ttl: DEFAULT_LEASE_TIMINGS.leaseTtlMs }, SINGLE_NODE_STORAGE);
    await cluster.start();
    await cluster.seedAgents(AGENTS.map((id) => ({ id })));
    await cluster.seedEndUsers([...USERS, ...STARTERS]);
    await cluster.allPartitionsOwned();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(loads.map((l) => l.stop()));
    await cluster?.stop();
    await nc?.close();
    await nats?.stop();
  });

  it('the chat-actors bring the stream and the buckets that existed with one replica to the three configured', async () => {
    const jsm = await jetstreamManager(nc);
    for (const stream of [cluster.subjects.chatEventsStream, `KV_${cluster.subjects.bucketPrefix}_chat_leases`]) {
      await eventually(
        async () => {
          const info = await jsm.streams.info(stream);
          expect({ stream, replicas: info.config.num_replicas, current: info.cluster?.replicas?.filter((r) => r.current).length }).toEqual({ stream, replicas: 3, current: 2 });
        },
        { timeoutMs: 15_000, intervalMs: 200 },
      );
    }
  });

  it('A5 the chat event stream leader killed under starts and posts: the service answers again after failover, and every acknowledged command is in the stream', async () => {
    const load = new MixedLoad(cluster, USERS, AGENTS);
    loads.push(load);
    await load.start();
    const starts = new StartsAndPosts(cluster);
    loads.push(starts);
    await eventually(() => expect(load.acknowledged.length).toBeGreaterThanOrEqual(USERS.length * 4), { timeoutMs: 30_000, intervalMs: 100 });

    const leader = await nats.streamLeader(cluster.subjects.chatEventsStream);
    await leader.kill();
    const killedAt = Date.now();
    // Failover: commands sent after the kill are answered within the bound.
    await eventually(() => expect(load.answers.filter((a) => a.sentAt > killedAt).length).toBeGreaterThanOrEqual(50), { timeoutMs: 20_000, intervalMs: 100 });
    // The stream elects a leader among the two nodes left.
    await eventually(async () => expect((await nats.streamLeader(cluster.subjects.chatEventsStream)).name).not.toBe(leader.name), {
      timeoutMs: 20_000,
      intervalMs: 200,
    });

    await leader.restart();
    const restartedAt = Date.now();
    await eventually(() => expect(load.answers.filter((a) => a.sentAt > restartedAt).length).toBeGreaterThanOrEqual(50), { timeoutMs: 20_000, intervalMs: 100 });
    await Promise.all([load.stop(), starts.stop()]);

    expect(cluster.processes.every((p) => p.alive())).toBe(true);
    expect([...load.unexpected, ...starts.unexpected]).toEqual([]);
    expect(starts.acknowledged.length).toBeGreaterThan(0);
    // Acknowledged events reach the stream through the outbox: all of them, eventually.
    const acknowledged = [...load.acknowledged.map((a) => a.commandId), ...starts.acknowledged];
    let missing: string[] = [];
    try {
      await eventually(
        async () => {
          const inStream = new Set((await cluster.streamEvents(10_000)).map((m) => m.event.commandId));
          missing = acknowledged.filter((id) => !inStream.has(id));
          expect(missing).toEqual([]);
        },
        { timeoutMs: 30_000, intervalMs: 500 },
      );
    } catch (error) {
      // Says where the missing ones are: stored but never published (the outbox), or not stored at all.
      const stored = await cluster.db
        .collection('chat_session_commits')
        .countDocuments({ 'events.commandId': { $in: missing } })
        .catch(() => -1);
      const info = await jetstreamManager(nc).then((jsm) => jsm.streams.info(cluster.subjects.chatEventsStream));
      throw new Error(
        `${missing.length} acknowledged commands not in the stream (${stored} of them in stored commits; stream holds ${info.state.messages} messages, seq ${info.state.first_seq}..${info.state.last_seq}): ${String(error)}`,
      );
    }
  }, 90_000);
});
