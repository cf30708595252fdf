import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AgentStateStore, type VersionedLiveState } from '@switchboard/agent-state';
import { createSubjects, type ChatEventMessage } from '@switchboard/contracts';
import { ensureChatEventsStream, SINGLE_NODE_STORAGE } from '@switchboard/service-kit';
import { consistently, eventually, serverLost, startOwnNats, testInfra } from '@switchboard/testing';
import { randomBytes } from 'node:crypto';
import { startAdminApi } from '../admin-api/testing/admin-api.harness';
import { AgentStateFeed } from './agent-state-feed';
import { ChatEventFeed, type ChatEventDelivery } from './chat-event-feed';

const at = '2026-11-30T09:00:00.000Z';

function started(sessionId: string): ChatEventMessage {
  return {
    event: { type: 'SessionStarted', seq: 1, at, sessionId, commandId: 'c1', by: { role: 'endUser', id: 'u1' }, endUserId: 'u1', companyId: 'acme', requestId: 'r1', description: 'VPN', queue: 'General' },
    prevVisibleSeq: 0,
    session: { sessionId, version: 1, status: 'QUEUED', queue: 'General', companyId: 'acme', endUserId: 'u1', queuedAt: at, cancelledByUser: false, userLeft: false },
  } as ChatEventMessage;
}

describe('what a gateway follows on NATS: one consumer of the chat events and one watch of the agent states, each feeding every follower (real NATS)', () => {
  let nc: NatsConnection;
  const subjects = createSubjects(`feeds${randomBytes(3).toString('hex')}`);
  const publish = (sessionId: string, body: unknown) => jetstream(nc).publish(subjects.chatEvent(sessionId), JSON.stringify(body));

  beforeAll(async () => {
    nc = await connect({ servers: testInfra().natsUrl });
    await ensureChatEventsStream(nc, subjects);
  });
  afterAll(async () => {
    await nc.drain();
  });

  it('the dashboard\'s follower gets the recent past (marked replayed) then what is new; the realtime follower only what is new, checked against the contract; one consumer in all', async () => {
    await publish('s-past', started('s-past'));
    await publish('s-past-bad', { not: 'a chat event' });
    const feed = new ChatEventFeed(nc, subjects, SINGLE_NODE_STORAGE);
    const all: ChatEventDelivery[] = [];
    const live: ChatEventMessage[] = [];
    feed.followAll((d) => all.push(d), { replayMs: 60_000 });
    feed.followLive((m) => live.push(m));
    try {
      await feed.start();
      await publish('s-new', started('s-new'));
      await publish('s-new-bad', { not: 'a chat event' });

      await eventually(() => expect(all.map((d) => [JSON.parse(new TextDecoder().decode(d.data)).session?.sessionId ?? 'bad', d.replayed])).toEqual([
        ['s-past', true],
        ['bad', true],
        ['s-new', false],
        ['bad', false],
      ]));
      expect(all.map((d) => d.streamSeq)).toEqual([1, 2, 3, 4]);
      await consistently(() => expect(live.map((m) => m.session.sessionId)).toEqual(['s-new']), { forMs: 300 });
      const consumers = await (await jetstreamManager(nc)).consumers.list(subjects.chatEventsStream).next();
      expect(consumers).toHaveLength(1);
    } finally {
      feed.onApplicationShutdown();
    }
  });

  it('A8 with a replay of the recent past asked for, the feed resumes after NATS crashes and restarts: what is published afterwards reaches every follower, still through one consumer', async () => {
    const nats = await startOwnNats();
    const own = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    const ownSubjects = createSubjects(`feedsrestart${randomBytes(3).toString('hex')}`);
    // One message id per session: a publish retried after a lost acknowledgement is stored once.
    const ownPublish = (sessionId: string) => jetstream(own).publish(ownSubjects.chatEvent(sessionId), JSON.stringify(started(sessionId)), { msgID: sessionId });
    const feed = new ChatEventFeed(own, ownSubjects, SINGLE_NODE_STORAGE);
    const all: ChatEventDelivery[] = [];
    const live: ChatEventMessage[] = [];
    feed.followAll((d) => all.push(d), { replayMs: 60_000 });
    feed.followLive((m) => live.push(m));
    try {
      await ensureChatEventsStream(own, ownSubjects);
      await ownPublish('s-past');
      await feed.start();
      await ownPublish('s-before');
      await eventually(() => expect(live.map((m) => m.session.sessionId)).toEqual(['s-before']));

      const lost = serverLost(own);
      await nats.kill();
      await lost;
      await nats.restart();

      await eventually(async () => expect((await ownPublish('s-after')).seq).toBe(3), { timeoutMs: 15_000, intervalMs: 200 });
      await eventually(() => expect(live.map((m) => m.session.sessionId)).toEqual(['s-before', 's-after']), { timeoutMs: 20_000 });
      expect(all.map((d) => [d.streamSeq, d.replayed])).toEqual([
        [1, true],
        [2, false],
        [3, false],
      ]);
      await eventually(async () => expect(await (await jetstreamManager(own)).consumers.list(ownSubjects.chatEventsStream).next()).toHaveLength(1));
    } finally {
      feed.onApplicationShutdown();
      await own.close();
      await nats.dispose();
    }
  }, 60_000);

  it('a follower that registers after the start is refused (it would miss events)', async () => {
    const feed = new ChatEventFeed(nc, subjects, SINGLE_NODE_STORAGE);
    try {
      await feed.start();
      expect(() => feed.followLive(() => undefined)).toThrow(/register before the feed starts/);
    } finally {
      feed.onApplicationShutdown();
    }
  });

  it('agent states: both followers get every change through one watch; a later follower starts from what is known', async () => {
    const store = await AgentStateStore.open(nc, subjects.agentStateBucket);
    await store.setPresence('alice', 'online');
    const feed = new AgentStateFeed(store);
    const first = new Map<string, VersionedLiveState | undefined>();
    const second = new Map<string, VersionedLiveState | undefined>();
    try {
      const a = await feed.follow((id, s) => first.set(id, s));
      await a.initialized;
      expect(first.get('alice')?.state.presence).toBe('online');

      const b = await feed.follow((id, s) => second.set(id, s));
      expect(second.get('alice')?.state.presence).toBe('online');

      await store.setPresence('bob', 'away');
      await eventually(() => expect([first.get('bob')?.state.presence, second.get('bob')?.state.presence]).toEqual(['away', 'away']));

      b.stop();
      await store.setPresence('bob', 'online');
      await eventually(() => expect(first.get('bob')?.state.presence).toBe('online'));
      expect(second.get('bob')?.state.presence).toBe('away');

      const watches = await (await jetstreamManager(nc)).consumers.list(`KV_${subjects.agentStateBucket}`).next();
      expect(watches).toHaveLength(1);
    } finally {
      feed.onApplicationShutdown();
    }
  });

  it('a whole gateway (realtime and admin API) runs one consumer of the chat events and one watch of the agent states', async () => {
    const gateway = await startAdminApi('feeds_gateway');
    try {
      const gatewaySubjects = createSubjects(gateway.prefix);
      const jsm = await jetstreamManager(gateway.nc);
      // The fan-out and the dashboard are both following by the time the gateway listens, through one
      // consumer of its own; the transcripts' durable consumer is the cluster's, shared by every gateway.
      const consumers = await jsm.consumers.list(gatewaySubjects.chatEventsStream).next();
      expect(consumers.filter((c) => !c.config.durable_name)).toHaveLength(1);
      expect(consumers.filter((c) => c.config.durable_name).map((c) => c.config.durable_name)).toEqual([`${gateway.prefix}_transcripts`]);
      await eventually(async () => expect(await jsm.consumers.list(`KV_${gatewaySubjects.agentStateBucket}`).next()).toHaveLength(1));
      await consistently(async () => expect(await jsm.consumers.list(`KV_${gatewaySubjects.agentStateBucket}`).next()).toHaveLength(1), { forMs: 300 });
    } finally {
      await gateway.close();
    }
  });
});
