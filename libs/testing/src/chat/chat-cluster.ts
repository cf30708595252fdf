import { connect, type NatsConnection } from '@nats-io/transport-node';
import { DEFAULT_SETTINGS, type QueuePolicy } from '@switchboard/domain';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createSubjects, type ChatEventMessage, newSessionId, type SessionCommandMessage, type Subjects } from '@switchboard/contracts';
import { AgentStateStore, type AgentPresence } from '@switchboard/agent-state';
import { ChatActorClient, SINGLE_NODE_STORAGE } from '@switchboard/service-kit';
import mongoose from 'mongoose';
import { randomBytes, randomUUID } from 'node:crypto';
import { eventually } from '../async/eventually';
import { testInfra, uniqueDatabase } from '../infra/test-infra';
import { startService, type ServiceProcess } from '../services/service-process';

export interface ChatClusterOptions {
  chatActors?: number;
  /** Router processes to start (default none). */
  routers?: number;
  /** Extra environment for every router. */
  routerEnv?: Record<string, string>;
  partitions?: number;
  /** Extra environment for every chat-actor (e.g. lease timings). */
  env?: Record<string, string>;
  /** Use this NATS instead of the shared test server (tests that restart NATS); comma-separated for a cluster. */
  natsUrl?: string;
  /** Replicas of the streams and buckets (NATS_REPLICAS of every service; default 1). */
  replicas?: number;
  /** How long each service may take to start (default: startService's 30 s); longer on a busy machine. */
  startTimeoutMs?: number;
}

/** What the seeding helpers write: reference records keyed by a readable id, as the services store them. */
interface SeededDocument {
  _id: string;
  [field: string]: unknown;
}

/**
 * A cluster for one test file: its own subject prefix and database on the
 * shared servers, N chat-actor OS processes, a client and a database handle.
 */
export class ChatCluster {
  readonly processes: ServiceProcess[] = [];
  readonly routers: ServiceProcess[] = [];
  client!: ChatActorClient;
  nc!: NatsConnection;
  /** The agents' live state (presence, load), as the services see it. */
  agentStates!: AgentStateStore;
  db!: mongoose.Connection;
  readonly subjects: Subjects;
  readonly partitions: number;
  private readonly database = uniqueDatabase('chat');
  readonly natsUrl: string;

  constructor(private readonly options: ChatClusterOptions = {}) {
    this.subjects = createSubjects(`t${randomBytes(4).toString('hex')}`);
    this.partitions = options.partitions ?? 16;
    this.natsUrl = options.natsUrl ?? testInfra().natsUrl;
  }

  async start(): Promise<this> {
    this.db = await mongoose.createConnection(this.database.uri).asPromise();
    this.nc = await connect({ servers: this.natsUrl.split(','), maxReconnectAttempts: -1, reconnectTimeWait: 200 });
    this.agentStates = await AgentStateStore.open(this.nc, this.subjects.agentStateBucket, { ...SINGLE_NODE_STORAGE, replicas: this.options.replicas ?? 1 });
    this.client = new ChatActorClient(this.nc, this.subjects, { partitions: this.partitions, deadlineMs: 60_000, attemptTimeoutMs: 15_000 });
    const count = this.options.chatActors ?? 2;
    // chatActors: 0 lets a test start its own with special settings.
    for (let i = 1; i <= count; i++) this.processes.push(await this.startChatActor(`chat-actor-${i}`));
    for (let i = 1; i <= (this.options.routers ?? 0); i++) this.routers.push(await this.startRouter(`router-${i}`));
    return this;
  }

  startRouter(instanceId: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
    return startService('router', this.serviceEnv(instanceId, { ...this.options.routerEnv, ...env }), this.startOptions());
  }

  /** Every router's answer on the status subject. */
  async routerStatus(): Promise<Array<{ instanceId: string; partitions: number[]; waiting: Record<string, number>; inFlight: number; assignments: number }>> {
    const replies: Array<{ instanceId: string; partitions: number[]; waiting: Record<string, number>; inFlight: number; assignments: number }> = [];
    const iterator = await this.nc.requestMany(this.subjects.routerStatus, '', { maxWait: 300 });
    for await (const msg of iterator) replies.push(msg.json());
    return replies;
  }

  /** Calls `onEvent` with every chat event as it is published (core NATS, live). */
  tapEvents(onEvent: (message: ChatEventMessage) => void): () => void {
    const sub = this.nc.subscribe(this.subjects.chatEventsAll, { callback: (err, msg) => void (err ? undefined : onEvent(msg.json<ChatEventMessage>())) });
    return () => sub.unsubscribe();
  }

  /**
   * Every event in the stream so far, in stream order: the one order in which
   * the cluster published them (acknowledged writes, A5). Fails when the
   * stream cannot be read to its end within `timeoutMs` (e.g. its consumer
   * sits on a NATS node still catching up), so callers can try again.
   */
  async streamEvents(timeoutMs = 15_000): Promise<ChatEventMessage[]> {
    const deadline = Date.now() + timeoutMs;
    const js = jetstream(this.nc);
    const jsm = await jetstreamManager(this.nc);
    const last = (await jsm.streams.info(this.subjects.chatEventsStream)).state.last_seq;
    const consumer = await js.consumers.get(this.subjects.chatEventsStream);
    const out: ChatEventMessage[] = [];
    let seq = 0;
    while (seq < last) {
      if (Date.now() > deadline) throw new Error(`read the chat event stream to ${seq} of ${last} in ${timeoutMs} ms`);
      const batch = await consumer.fetch({ max_messages: 1000, expires: 2000 });
      let fetched = 0;
      for await (const m of batch) {
        out.push(m.json<ChatEventMessage>());
        seq = m.seq;
        fetched++;
      }
      // An ordered consumer may sit on a replica still catching up after a
      // failover: the rest is read from the stream leader, one message each.
      if (fetched === 0 && seq < last) {
        out.push(...(await this.eventsFromLeader(seq + 1, last, deadline)));
        seq = last;
      }
    }
    return out;
  }

  /** Stream messages `from`..`to` read one by one from the stream's leader (STREAM.MSG.GET), in order. */
  private async eventsFromLeader(from: number, to: number, deadline: number): Promise<ChatEventMessage[]> {
    const jsm = await jetstreamManager(this.nc);
    const out: ChatEventMessage[] = [];
    for (let start = from; start <= to; start += 64) {
      if (Date.now() > deadline) throw new Error(`read the chat event stream to ${start - 1} of ${to} from its leader in time`);
      const seqs = Array.from({ length: Math.min(64, to - start + 1) }, (_, i) => start + i);
      const messages = await Promise.all(seqs.map((seq) => jsm.streams.getMessage(this.subjects.chatEventsStream, { seq })));
      // null: a sequence the stream no longer holds (none are deleted today).
      for (const m of messages) if (m) out.push(m.json<ChatEventMessage>());
    }
    return out;
  }
  startChatActor(instanceId: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
    return startService('chat-actor', this.serviceEnv(instanceId, { ...this.options.env, ...env }), this.startOptions());
  }

  /** A service's environment in this cluster (its NATS, database, prefix and partitions), then `extra`. */
  private serviceEnv(instanceId: string, extra: Record<string, string>): Record<string, string> {
    return {
      NATS_URL: this.natsUrl,
      MONGODB_URI: testInfra().mongoUri,
      MONGODB_DB: this.database.name,
      NATS_SUBJECT_PREFIX: this.subjects.prefix,
      INSTANCE_ID: instanceId,
      CHAT_PARTITIONS: String(this.partitions),
      NATS_REPLICAS: String(this.options.replicas ?? 1),
      ...extra,
    };
  }

  /**
   * Waits until placement has settled: every running chat-actor answers, each
   * owns some partitions, together they own all, and two reads agree.
   */
  async allPartitionsOwned(timeoutMs = 15_000): Promise<void> {
    let previous = '';
    await eventually(
      async () => {
        const reports = await this.ownership();
        const owned = reports.flatMap((r) => r.owned.map((o) => o.partition));
        const running = this.processes.filter((p) => p.alive()).length;
        const view = JSON.stringify(reports.map((r) => [r.instanceId, r.owned.map((o) => o.partition)]).sort());
        const complete =
          reports.length === running && reports.every((r) => r.owned.length > 0) && new Set(owned).size === this.partitions && owned.length === this.partitions;
        const agreed = complete && view === previous;
        previous = complete ? view : '';
        if (!agreed) throw new Error(`partitions were not all owned in time: ${view}`);
      },
      { timeoutMs, intervalMs: 250 },
    );
  }

  /** Polls the ownership reports until `settled` holds for them. */
  eventuallyOwnership(
    settled: (reports: Awaited<ReturnType<ChatCluster['ownership']>>) => boolean,
    timeoutMs = 15_000,
  ): Promise<Awaited<ReturnType<ChatCluster['ownership']>>> {
    return eventually(
      async () => {
        const reports = await this.ownership();
        if (!settled(reports)) throw new Error(`ownership did not settle: ${JSON.stringify(reports)}`);
        return reports;
      },
      { timeoutMs, intervalMs: 200 },
    );
  }

  /** Every chat-actor's answer on the ownership subject. */
  async ownership(): Promise<Array<{ instanceId: string; owned: Array<{ partition: number; epoch: number }> }>> {
    const replies: Array<{ instanceId: string; owned: Array<{ partition: number; epoch: number }> }> = [];
    const iterator = await this.nc.requestMany(this.subjects.chatOwnership, '', { maxWait: 300 });
    for await (const msg of iterator) replies.push(msg.json());
    return replies;
  }

  /** Agent profiles in the database, and each agent's presence (default online) in the live state. */
  async seedAgents(agents: Array<{ id: string; presence?: AgentPresence; queues?: string[]; companies?: string[]; cap?: number }>): Promise<void> {
    await this.db.collection<SeededDocument>('agents').insertMany(
      agents.map((a) => ({
        _id: a.id,
        displayName: `Agent ${a.id}`,
        queues: a.queues ?? [],
        companies: a.companies ?? ['acme'],
        cap: a.cap ?? 0,
      })),
    );
    await Promise.all(agents.map((a) => this.agentStates.setPresence(a.id, a.presence ?? 'online')));
    this.nc.publish(this.subjects.agentProfilesChanged);
    await this.nc.flush();
  }

  /** Support queues and one topic per queue (topic id = queue name in lower case). */
  async seedQueuesWithTopics(queues: readonly string[]): Promise<void> {
    await this.db.collection<SeededDocument>('queues').insertMany(queues.map((q) => ({ _id: q, description: `${q} support` })));
    await this.db.collection<SeededDocument>('topics').insertMany(queues.map((q) => ({ _id: q.toLowerCase(), name: q, queue: q })));
  }

  /** A support queue's policy (issue 14: first-reply limit, offers, wrap-up), announced as the admin API does. */
  async saveQueuePolicy(queue: string, policy: Partial<QueuePolicy>): Promise<void> {
    await this.db.collection<SeededDocument>('queues').updateOne({ _id: queue }, { $set: { description: `${queue} support`, ...policy } }, { upsert: true });
    this.nc.publish(this.subjects.referenceDataChanged);
    await this.nc.flush();
  }

  /** Writes the settings document every service reads (and that settings changes announce, A9). */
  async saveSettings(settings: Partial<typeof DEFAULT_SETTINGS>): Promise<void> {
    const stored = await this.db.collection('settings').findOne({ _id: 'global' as never }, { projection: { _id: 0 } });
    const current: Record<string, unknown> = stored ?? { ...DEFAULT_SETTINGS, revision: 0 };
    const fields = { ...current, ...settings, revision: Number(current['revision'] ?? 0) + 1 };
    await this.db.collection('settings').replaceOne({ _id: 'global' as never }, fields, { upsert: true });
    this.nc.publish(this.subjects.settingsChanged);
    await this.nc.flush();
  }

  async seedEndUsers(ids: string[], companyId = 'acme'): Promise<void> {
    const docs = ids.map((id) => ({ _id: id, displayName: `User ${id}`, companyId, assets: [] }));
    for (let i = 0; i < docs.length; i += 500) await this.db.collection<SeededDocument>('end_users').insertMany(docs.slice(i, i + 500));
  }

  /** Issue 15: the priority chats start with, of an end user (VIP), a company or a topic, announced as the admin API does. */
  async savePriority(collection: 'end_users' | 'companies' | 'topics', id: string, priority: number): Promise<void> {
    const insert = collection === 'companies' ? { $setOnInsert: { name: id } } : {};
    await this.db.collection<SeededDocument>(collection).updateOne({ _id: id }, { $set: { priority }, ...insert }, { upsert: collection === 'companies' });
    this.nc.publish(this.subjects.referenceDataChanged);
    await this.nc.flush();
  }

  /** A StartSession command for an end user, with a fresh session id and command id. */
  startCommand(endUserId: string, requestId: string = randomUUID()): Extract<SessionCommandMessage, { type: 'StartSession' }> {
    return {
      type: 'StartSession',
      commandId: randomUUID(),
      sessionId: newSessionId(endUserId, randomUUID()),
      actor: { role: 'endUser', id: endUserId },
      requestId,
      description: 'My laptop does not boot',
    };
  }

  private startOptions(): { timeoutMs?: number } {
    return this.options.startTimeoutMs !== undefined ? { timeoutMs: this.options.startTimeoutMs } : {};
  }

  async stop(): Promise<void> {
    await Promise.all([...this.routers, ...this.processes].map((p) => p.stop()));
    await this.nc?.close();
    await this.db?.dropDatabase().catch(() => undefined);
    await this.db?.close();
  }
}
