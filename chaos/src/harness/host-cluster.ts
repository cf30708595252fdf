import { startLocalMongo, type LocalMongoServer } from '@switchboard/infra';
import { HostNetwork, NatsCluster, opsHeaders, startService, type ServiceProcess, type TestHost } from '@switchboard/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The port every gateway listens on inside its host (each host has its own ports). */
const GATEWAY_PORT = 3000;

/** What runs on one host: a NATS node, a gateway, a chat-actor and a router. */
export interface HostServices {
  readonly host: TestHost;
  readonly gatewayUrl: string;
  /** The chat-actor's diagnostics, reached over the database network (which a cut leaves up). */
  readonly chatActorDiagnosticsUrl: string;
  readonly chatActorId: string;
  readonly processes: ServiceProcess[];
}

export interface HostClusterOptions {
  hosts: number;
  database: string;
  prefix: string;
  partitions: number;
  tokenSecret: string;
  /** Extra environment of every service. */
  env: Record<string, string>;
  log: (line: string) => void;
}

/**
 * Three hosts in network namespaces (HostNetwork), each running a NATS node
 * of one cluster, a gateway, a chat-actor and a router; one database
 * (FerretDB in the root namespace, listening on the database network) that
 * every host reaches. Everything it started is stopped by `stop`, which also
 * removes the namespaces, whatever failed before.
 */
export class HostCluster {
  readonly hosts: HostServices[] = [];
  nats?: NatsCluster;
  private database?: LocalMongoServer;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'switchboard-hosts-'));

  private constructor(
    readonly network: HostNetwork,
    private readonly options: HostClusterOptions,
  ) {}

  /** The database's URI (without a database name), reachable from the root namespace and every host. */
  get mongoUri(): string {
    if (!this.database) throw new Error('the database is not started');
    return this.database.uri;
  }

  static async start(options: HostClusterOptions): Promise<HostCluster> {
    const removed = HostNetwork.removeLeftovers();
    if (removed.length > 0) options.log(`removed leftovers of an earlier run: ${removed.join(', ')}`);
    const cluster = new HostCluster(HostNetwork.create(options.hosts), options);
    try {
      await cluster.startInfrastructure();
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  private async startInfrastructure(): Promise<void> {
    const { network, options } = this;
    options.log(`hosts ${network.hosts.map((h) => `${h.name} ${h.namespace} ${h.address}`).join(', ')}; database network ${network.databaseAddress}`);
    this.database = await startLocalMongo({
      dataDir: join(this.dataDir, 'mongo'),
      projectRoot: resolve(__dirname, '../../..'),
      listenHost: network.databaseAddress,
      postgresDatabase: 'switchboard_partition_test',
    });
    this.nats = await NatsCluster.start(network.hosts.length, {
      hosts: network.hosts.map((h) => ({ address: h.address, runIn: h.exec })),
      pingIntervalMs: Number(options.env['NATS_PING_INTERVAL_MS'] ?? 1000),
    });
  }

  /** Starts every host's services (one kind at a time, the hosts' in parallel); call after seeding the database. */
  async startServices(): Promise<void> {
    const { network, options } = this;
    const nats = this.nats!;
    const env = (host: TestHost, instanceId: string, extra: Record<string, string> = {}) => ({
      NATS_URL: nats.url,
      NATS_REPLICAS: '3',
      MONGODB_URI: this.mongoUri,
      MONGODB_DB: options.database,
      NATS_SUBJECT_PREFIX: options.prefix,
      CHAT_PARTITIONS: String(options.partitions),
      INSTANCE_ID: instanceId,
      HTTP_HOST: host.address,
      ...options.env,
      ...extra,
    });
    const start = (app: 'gateway' | 'chat-actor' | 'router', host: TestHost, extra: Record<string, string> = {}) =>
      startService(app, env(host, `${app}-${host.name}`, extra), { timeoutMs: 180_000, runIn: host.exec });
    for (const host of network.hosts) {
      this.hosts.push({
        host,
        gatewayUrl: `http://${host.address}:${GATEWAY_PORT}`,
        chatActorDiagnosticsUrl: '',
        chatActorId: `chat-actor-${host.name}`,
        processes: [],
      });
    }
    // Each kind on the first host, then on the others at once (the first creates the kind's streams and buckets:
    // a JetStream bucket created a moment ago by another process may answer its first reads with "no responders",
    // which ends a service's start-up). Every process that started is kept for stop(), even when another failed.
    const onEveryHost = async (app: 'gateway' | 'chat-actor' | 'router', extra: Record<string, string>) => {
      options.log(`starting the ${app}s`);
      const [first, ...others] = network.hosts;
      const started = [...(await Promise.allSettled([start(app, first!, extra)]))];
      if (started[0]!.status === 'fulfilled') started.push(...(await Promise.allSettled(others.map((h) => start(app, h, extra)))));
      started.forEach((s, i) => {
        if (s.status === 'fulfilled') this.hosts[i]!.processes.push(s.value);
      });
      const failed = started.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
      return started.map((s) => (s as PromiseFulfilledResult<ServiceProcess>).value);
    };
    const actors = await onEveryHost('chat-actor', { HTTP_HOST: '0.0.0.0' });
    actors.forEach((p, i) => {
      const port = new URL(p.url).port;
      Object.assign(this.hosts[i]!, { chatActorDiagnosticsUrl: `http://${network.hosts[i]!.databaseAddress}:${port}/diagnostics/ownership` });
    });
    await onEveryHost('router', {});
    await onEveryHost('gateway', { HTTP_PORT: String(GATEWAY_PORT), AUTH_TOKEN_SECRET: options.tokenSecret });
  }

  /** The gateways a load balancer would send clients to: those of hosts not cut off. */
  gatewaysUp(): string[] {
    return this.hosts.filter((h) => !this.network.isCut(h.host)).map((h) => h.gatewayUrl);
  }

  /** The NATS URLs of hosts not cut off (a connection of the test that must not sit on a cut node). */
  natsUrlsUp(): string[] {
    return this.hosts.filter((h) => !this.network.isCut(h.host)).map((h) => this.nats!.nodes[this.hosts.indexOf(h)]!.url);
  }

  /** A chat-actor's own report of what it owns (GET /diagnostics/ownership, over the database network). */
  async ownedBy(host: HostServices): Promise<Array<{ partition: number; epoch: number }>> {
    const response = await fetch(host.chatActorDiagnosticsUrl, { headers: opsHeaders, signal: AbortSignal.timeout(2000) });
    if (!response.ok) throw new Error(`${host.chatActorId} diagnostics answered ${response.status}`);
    return ((await response.json()) as { owned: Array<{ partition: number; epoch: number }> }).owned;
  }

  async stop(): Promise<void> {
    const { log } = this.options;
    await Promise.all(this.hosts.flatMap((h) => h.processes.map((p) => p.kill()))).catch((error: unknown) => log(`stopping services: ${String(error)}`));
    await this.nats?.stop().catch((error: unknown) => log(`stopping NATS: ${String(error)}`));
    await this.database?.stop().catch((error: unknown) => log(`stopping the database: ${String(error)}`));
    this.network.destroy();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
