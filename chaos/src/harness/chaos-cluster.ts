import { freePort } from '@switchboard/infra';
import { eventually, NatsCluster, startService, type AppName, type ServiceProcess } from '@switchboard/testing';
import type { KillKind } from '../checker/evidence';

/** One process the chaos run may kill: a service or a NATS node. */
export interface ChaosTarget {
  readonly kind: KillKind;
  readonly name: string;
  /** A gateway's base URL (the same after restarts: it keeps its port). */
  readonly url?: string;
  alive(): boolean;
  /** SIGKILL. */
  kill(): Promise<void>;
  /** Starts it again with the same settings; resolves once it listens (a NATS node: once it is healthy). */
  restart(): Promise<void>;
}

export interface ChaosClusterOptions {
  mongoUri: string;
  database: string;
  prefix: string;
  partitions: number;
  gateways: number;
  chatActors: number;
  routers: number;
  tokenSecret: string;
  log: (line: string) => void;
}

/** A service process that can be killed and started again under the same instance id (and, for a gateway, port). */
class ServiceTarget implements ChaosTarget {
  private process?: ServiceProcess;

  constructor(
    readonly kind: KillKind,
    private readonly app: AppName,
    readonly name: string,
    private readonly env: Record<string, string>,
    readonly url?: string,
  ) {}

  alive(): boolean {
    return this.process?.alive() ?? false;
  }

  async kill(): Promise<void> {
    await this.process?.kill();
  }

  async restart(): Promise<void> {
    if (this.process?.alive()) await this.process.stop();
    this.process = await startService(this.app, this.env, { timeoutMs: 300_000 });
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }
}

/**
 * The chaos run's system: a three-node NATS cluster on loopback (3 replicas
 * for every stream and bucket), gateways, chat-actors and routers as OS
 * processes, on one database of the test MongoDB-wire server.
 */
export class ChaosCluster {
  private constructor(
    readonly nats: NatsCluster,
    private readonly services: ServiceTarget[],
  ) {}

  static async start(options: ChaosClusterOptions): Promise<ChaosCluster> {
    const nats = await NatsCluster.start(3);
    const services: ServiceTarget[] = [];
    const cluster = new ChaosCluster(nats, services);
    try {
      const env = (instanceId: string, extra: Record<string, string> = {}) => ({
        NATS_URL: nats.url,
        NATS_REPLICAS: '3',
        MONGODB_URI: options.mongoUri,
        MONGODB_DB: options.database,
        NATS_SUBJECT_PREFIX: options.prefix,
        CHAT_PARTITIONS: String(options.partitions),
        INSTANCE_ID: instanceId,
        ...extra,
      });
      for (let i = 1; i <= options.chatActors; i++) services.push(new ServiceTarget('chat-actor', 'chat-actor', `chat-actor-${i}`, env(`chat-actor-${i}`)));
      for (let i = 1; i <= options.routers; i++) services.push(new ServiceTarget('router', 'router', `router-${i}`, env(`router-${i}`)));
      for (let i = 1; i <= options.gateways; i++) {
        const port = await freePort();
        services.push(
          new ServiceTarget('gateway', 'gateway', `gateway-${i}`, env(`gateway-${i}`, { HTTP_PORT: String(port), AUTH_TOKEN_SECRET: options.tokenSecret }), `http://127.0.0.1:${port}`),
        );
      }
      // One at a time: each start compiles and connects, and the machine has two cores.
      for (const s of services) {
        options.log(`starting ${s.name}`);
        await s.restart();
      }
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** Every process the run may kill. */
  get targets(): ChaosTarget[] {
    const nodes: ChaosTarget[] = this.nats.nodes.map((n) => ({
      kind: 'nats' as const,
      name: n.name,
      alive: () => n.alive(),
      kill: () => n.kill(),
      // A node that is up but still catching up on its streams is waited for, not started again (that would be another kill).
      restart: () => n.restart().catch((error: unknown) => (n.alive() ? healthy(n.monitorUrl, 120_000) : Promise.reject(error))),
    }));
    return [...this.services, ...nodes];
  }

  /** Base URLs of the gateways that are up. */
  gatewaysUp(): string[] {
    return this.services.filter((s) => s.kind === 'gateway' && s.alive()).map((s) => s.url!);
  }

  get natsUrl(): string {
    return this.nats.url;
  }

  async stop(): Promise<void> {
    await Promise.all(this.services.map((s) => s.stop()));
    await this.nats.stop();
  }
}

/** Waits for a NATS node's full health (JetStream on, current with the meta leader and its streams). */
function healthy(monitorUrl: string, timeoutMs: number): Promise<void> {
  return eventually(
    async () => {
      const response = await fetch(`${monitorUrl}/healthz`);
      if (!response.ok) throw new Error(`${monitorUrl} is not healthy: ${await response.text()}`);
    },
    { timeoutMs, intervalMs: 500 },
  );
}
