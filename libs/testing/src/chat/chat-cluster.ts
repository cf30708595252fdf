import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createSubjects, newSessionId, type SessionCommandMessage, type Subjects } from '@switchboard/contracts';
import { ChatActorClient } from '@switchboard/service-kit';
import mongoose from 'mongoose';
import { randomBytes, randomUUID } from 'node:crypto';
import { testInfra, uniqueDatabase } from '../infra/test-infra';
import { startService, type ServiceProcess } from '../services/service-process';

export interface ChatClusterOptions {
  chatActors?: number;
  partitions?: number;
  /** Extra environment for every chat-actor (e.g. lease timings). */
  env?: Record<string, string>;
  /** Use this NATS instead of the shared test server (tests that restart NATS). */
  natsUrl?: string;
}

/**
 * A cluster for one test file: its own subject prefix and database on the
 * shared servers, N chat-actor OS processes, a client and a database handle.
 */
export class ChatCluster {
  readonly processes: ServiceProcess[] = [];
  client!: ChatActorClient;
  nc!: NatsConnection;
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
    this.nc = await connect({ servers: this.natsUrl, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
    this.client = new ChatActorClient(this.nc, this.subjects, { partitions: this.partitions, deadlineMs: 60_000, attemptTimeoutMs: 15_000 });
    const count = this.options.chatActors ?? 2;
    // chatActors: 0 lets a test start its own with special settings.
    for (let i = 1; i <= count; i++) this.processes.push(await this.startChatActor(`chat-actor-${i}`));
    return this;
  }

  startChatActor(instanceId: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
    return startService('chat-actor', {
      NATS_URL: this.natsUrl,
      MONGODB_URI: testInfra().mongoUri,
      MONGODB_DB: this.database.name,
      NATS_SUBJECT_PREFIX: this.subjects.prefix,
      INSTANCE_ID: instanceId,
      CHAT_PARTITIONS: String(this.partitions),
      ...this.options.env,
      ...env,
    });
  }

  /**
   * Waits until placement has settled: every running chat-actor answers, each
   * owns some partitions, together they own all, and two reads agree.
   */
  async allPartitionsOwned(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let previous = '';
    while (Date.now() < deadline) {
      const reports = await this.ownership();
      const owned = reports.flatMap((r) => r.owned.map((o) => o.partition));
      const running = this.processes.filter((p) => p.alive()).length;
      const view = JSON.stringify(reports.map((r) => [r.instanceId, r.owned.map((o) => o.partition)]).sort());
      const complete =
        reports.length === running && reports.every((r) => r.owned.length > 0) && new Set(owned).size === this.partitions && owned.length === this.partitions;
      if (complete && view === previous) return;
      previous = complete ? view : '';
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('partitions were not all owned in time');
  }

  /** Polls the ownership reports until `settled` holds for them. */
  async eventuallyOwnership(
    settled: (reports: Awaited<ReturnType<ChatCluster['ownership']>>) => boolean,
    timeoutMs = 15_000,
  ): Promise<Awaited<ReturnType<ChatCluster['ownership']>>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reports = await this.ownership();
      if (settled(reports)) return reports;
      if (Date.now() > deadline) throw new Error(`ownership did not settle: ${JSON.stringify(reports)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Every chat-actor's answer on the ownership subject. */
  async ownership(): Promise<Array<{ instanceId: string; owned: Array<{ partition: number; epoch: number }> }>> {
    const replies: Array<{ instanceId: string; owned: Array<{ partition: number; epoch: number }> }> = [];
    const iterator = await this.nc.requestMany(this.subjects.chatOwnership, '', { maxWait: 300 });
    for await (const msg of iterator) replies.push(msg.json());
    return replies;
  }

  async seedAgents(agents: Array<{ id: string; presence?: 'online' | 'away' | 'offline'; queues?: string[]; companies?: string[] }>): Promise<void> {
    await this.db.collection('agents').insertMany(
      agents.map((a) => ({
        _id: a.id as unknown as mongoose.Types.ObjectId,
        displayName: `Agent ${a.id}`,
        presence: a.presence ?? 'online',
        queues: a.queues ?? [],
        companies: a.companies ?? ['acme'],
        load: 0,
        cap: 0,
      })),
    );
  }

  async seedEndUsers(ids: string[], companyId = 'acme'): Promise<void> {
    const docs = ids.map((id) => ({ _id: id as unknown as mongoose.Types.ObjectId, displayName: `User ${id}`, companyId, assets: [] }));
    for (let i = 0; i < docs.length; i += 500) await this.db.collection('end_users').insertMany(docs.slice(i, i + 500));
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

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop()));
    await this.nc?.close();
    await this.db?.dropDatabase().catch(() => undefined);
    await this.db?.close();
  }
}
