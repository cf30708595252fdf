import { connect, type NatsConnection } from '@nats-io/transport-node';
import { SwitchboardClient } from '@switchboard/client';
import { createSubjects, loginResponseSchema, type Subjects } from '@switchboard/contracts';
import { DEFAULT_SETTINGS, type Settings } from '@switchboard/domain';
import { startService, testInfra, uniqueDatabase, type ServiceProcess } from '@switchboard/testing';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { AgentDirectory } from '../realtime/agent/agent-directory.service';
import { DevIdentityProvider } from '../identity';
import { startGatewayInProcess, type InProcessGateway } from './gateway-in-process';

export interface StackOptions {
  chatActors?: number;
  /** Start the router too (R4 automatic assignment, R5.4). */
  router?: boolean;
  /** Gateways in this test process (their services at hand). */
  gateways?: number;
  /** Gateways as OS processes, exactly as `npm start` runs them. */
  gatewayProcesses?: number;
  gatewayEnv?: Record<string, string>;
  settings?: Partial<Settings>;
  /** A NATS of the test's own (tests that restart it); default: the shared test server. */
  natsUrl?: string;
}

const PARTITIONS = '8';

/**
 * The real stack for one test file: its own subject prefix and database on
 * the shared NATS and MongoDB-wire servers, chat-actor (and router) OS
 * processes, gateways in-process or as processes, demo data seeded, and
 * clients of the WebSocket protocol logged in as demo users.
 */
export class RealtimeStack {
  readonly subjects: Subjects;
  readonly database = uniqueDatabase('gw_rt');
  readonly processes: ServiceProcess[] = [];
  readonly gateways: InProcessGateway[] = [];
  readonly gatewayProcesses: ServiceProcess[] = [];
  readonly clients: SwitchboardClient[] = [];
  nc!: NatsConnection;
  db!: mongoose.Connection;

  constructor(private readonly options: StackOptions = {}) {
    this.subjects = createSubjects(`t${randomBytes(4).toString('hex')}`);
  }

  get env(): Record<string, string> {
    return {
      NATS_URL: this.options.natsUrl ?? testInfra().natsUrl,
      MONGODB_URI: testInfra().mongoUri,
      MONGODB_DB: this.database.name,
      NATS_SUBJECT_PREFIX: this.subjects.prefix,
      CHAT_PARTITIONS: PARTITIONS,
    };
  }

  async start(): Promise<this> {
    this.nc = await connect({ servers: this.options.natsUrl ?? testInfra().natsUrl, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    this.db = await mongoose.createConnection(this.database.uri).asPromise();
    // The first gateway seeds the demo data; the chat actors read the same database.
    this.gateways.push(await this.startGateway({ SEED_DEMO_DATA: 'true' }));
    await this.saveSettings({ ...this.options.settings });
    const actors = Array.from({ length: this.options.chatActors ?? 1 }, (_, i) =>
      startService('chat-actor', { ...this.env, INSTANCE_ID: `chat-actor-${i + 1}` }),
    );
    this.processes.push(...(await Promise.all(actors)));
    if (this.options.router) this.processes.push(await startService('router', { ...this.env, INSTANCE_ID: 'router-1' }));
    for (let i = 1; i < (this.options.gateways ?? 1); i++) this.gateways.push(await this.startGateway());
    for (let i = 0; i < (this.options.gatewayProcesses ?? 0); i++) {
      this.gatewayProcesses.push(await startService('gateway', { ...this.env, ...this.wsEnv, INSTANCE_ID: `gateway-p${i + 1}` }));
    }
    return this;
  }

  private get wsEnv(): Record<string, string> {
    // Demo logins: the development identity provider, an explicit opt-in.
    return { AUTH_MODE: 'development', END_USER_GRACE_MS: '1500', AGENT_PRESENCE_GRACE_MS: '1500', ...this.options.gatewayEnv };
  }

  startGateway(extra: Record<string, string> = {}): Promise<InProcessGateway> {
    return startGatewayInProcess({ ...this.env, ...this.wsEnv, ...extra });
  }

  /** Every gateway's base URL: in-process ones first, then the processes. */
  get urls(): string[] {
    return [...this.gateways.map((g) => g.url), ...this.gatewayProcesses.map((p) => p.url)];
  }

  async login(username: string, password: string, url = this.urls[0]!): Promise<string> {
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${await res.text()}`);
    return loginResponseSchema.parse(await res.json()).token;
  }

  /** A connected client of a demo user (password by role: agent123, user123, admin123). */
  async client(
    username: string,
    options: { gateway?: number; password?: string; beforeConnect?: (client: SwitchboardClient) => void } = {},
  ): Promise<SwitchboardClient> {
    const url = this.urls[options.gateway ?? 0]!;
    const password = options.password ?? passwordOf(username);
    const token = await this.login(username, password, url);
    const client = new SwitchboardClient({
      url: `${url.replace(/^http/, 'ws')}/ws`,
      token,
      WebSocket: WebSocket as never,
      requestTimeoutMs: 20_000,
      reconnectMinDelayMs: 50,
      reconnectMaxDelayMs: 500,
    });
    // Frames right after hello can arrive in the same read as hello: listen before connecting.
    options.beforeConnect?.(client);
    await client.connect();
    this.clients.push(client);
    return client;
  }

  /** A fresh agent (profile + login `<id>`/agent123), so tests do not share agents. */
  async addAgent(id: string, profile: { queues?: string[]; companies?: string[]; name?: string; supervisedQueues?: string[] } = {}): Promise<void> {
    const name = profile.name ?? `Agent ${id}`;
    const supervised = profile.supervisedQueues ? { supervisedQueues: profile.supervisedQueues } : {};
    await this.db.collection('agents').insertOne({ _id: id as never, displayName: name, queues: profile.queues ?? [], companies: profile.companies ?? ['acme'], cap: 0, ...supervised });
    await this.gateways[0]!.app.get(DevIdentityProvider).register(id, 'agent123', { id, role: 'agent', name });
    for (const g of this.gateways) await g.app.get(AgentDirectory).reloadProfiles();
    // As the admin API does after changing agents: every process reloads the profiles.
    this.nc.publish(this.subjects.agentProfilesChanged);
    await this.nc.flush();
  }

  /** A fresh end user (record + login `<id>`/user123). */
  async addEndUser(id: string, profile: { companyId?: string; assets?: Array<{ id: string; name?: string; deviceId?: string }> } = {}): Promise<void> {
    await this.db.collection('end_users').insertOne({
      _id: id as never,
      displayName: `User ${id}`,
      companyId: profile.companyId ?? 'acme',
      email: `${id}@example.test`,
      site: 'HQ',
      assets: profile.assets ?? [{ id: `${id}-laptop`, name: 'Laptop', deviceId: `DEV-${id}` }],
    });
    await this.gateways[0]!.app.get(DevIdentityProvider).register(id, 'user123', { id, role: 'endUser', name: `User ${id}` });
  }

  async saveSettings(settings: Partial<Settings>): Promise<void> {
    const stored = await this.db.collection('settings').findOne({ _id: 'global' as never }, { projection: { _id: 0 } });
    const current: Record<string, unknown> = stored ?? { ...DEFAULT_SETTINGS, revision: 0 };
    const fields = { ...current, ...settings, revision: Number(current['revision'] ?? 0) + 1 };
    await this.db.collection('settings').replaceOne({ _id: 'global' as never }, fields, { upsert: true });
    this.nc.publish(this.subjects.settingsChanged);
    await this.nc.flush();
  }

  async stop(): Promise<void> {
    for (const c of this.clients) c.close();
    await Promise.all(this.gateways.map((g) => g.close().catch(() => undefined)));
    await Promise.all([...this.gatewayProcesses, ...this.processes].map((p) => p.stop()));
    await this.nc?.close();
    await this.db?.dropDatabase().catch(() => undefined);
    await this.db?.close();
  }
}

/** Demo and test logins: agents `agent123` (test agents start with `ag`), admin `admin123`, end users `user123`. */
export function passwordOf(username: string): string {
  if (['alice', 'bob', 'carol', 'dave', 'sam'].includes(username) || username.startsWith('ag')) return 'agent123';
  if (username === 'admin') return 'admin123';
  return 'user123';
}

/** Collects what a client receives, for assertions. */
export function recorder(client: SwitchboardClient) {
  const events: Array<{ sessionId: string; seq: number; type: string; notices: string[]; event: Record<string, unknown> }> = [];
  client.on('session.event', (f) => events.push({ sessionId: f.sessionId, seq: f.seq, type: f.event.type, notices: f.notices.map((n) => n.code), event: f.event }));
  return {
    events,
    of: (sessionId: string) => events.filter((e) => e.sessionId === sessionId),
    types: (sessionId: string) => events.filter((e) => e.sessionId === sessionId).map((e) => e.type),
    notices: (sessionId: string) => events.filter((e) => e.sessionId === sessionId).flatMap((e) => e.notices),
  };
}
