import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ensureClusterNatsServer, freePort, startProcess, waitForPort, type ManagedProcess } from '@switchboard/infra';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually } from '../async/eventually';

/** The workspace root, where `.tools/bin` holds the nats-server built for clusters. */
const PROJECT_ROOT = resolve(__dirname, '../../../..');

/** One nats-server of a test cluster: killable and restartable on its own port and store. */
export interface NatsClusterNode {
  /** Its server name, as JetStream reports leaders and peers. */
  readonly name: string;
  readonly url: string;
  readonly monitorUrl: string;
  alive(): boolean;
  /** SIGKILL: a crash, the store kept. */
  kill(): Promise<void>;
  /** Starts it again on the same ports and store; resolves once it is back in the cluster. */
  restart(): Promise<void>;
}

interface NodePorts {
  client: number;
  monitor: number;
  route: number;
  /** Where it listens: 127.0.0.1, or its host's address. */
  address: string;
  /** Prefix that runs it on its host (`ip netns exec <ns>`), none on this one. */
  runIn: readonly string[];
}

export interface NatsClusterOptions {
  /** One per node: the address it listens on and the prefix that runs it there (test hosts in network namespaces). Default: loopback. */
  hosts?: ReadonlyArray<{ address: string; runIn: readonly string[] }>;
  /**
   * The servers' ping interval, to clients and to each other (`ping_interval`,
   * two missed pings end a connection); the default (2 min) is kept when absent.
   */
  pingIntervalMs?: number;
}

/**
 * A JetStream cluster of `size` nats-server processes on loopback (free ports,
 * full mesh of routes, each its own store folder), for tests of what a NATS
 * node's failure does to the services.
 */
export class NatsCluster {
  private constructor(
    readonly nodes: NatsClusterNode[],
    private readonly dir: string,
  ) {}

  /** Every node's client URL, comma-separated as the services' NATS_URL takes them. */
  get url(): string {
    return this.nodes.map((n) => n.url).join(',');
  }

  static async start(size = 3, options: NatsClusterOptions = {}): Promise<NatsCluster> {
    const binary = ensureClusterNatsServer(PROJECT_ROOT);
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-nats-cluster-'));
    const ports: NodePorts[] = [];
    for (let i = 0; i < size; i++) {
      const host = options.hosts?.[i];
      ports.push({ client: await freePort(), monitor: await freePort(), route: await freePort(), address: host?.address ?? '127.0.0.1', runIn: host?.runIn ?? [] });
    }
    const nodes = ports.map((own, i) => clusterNode(binary, dir, `n${i + 1}`, own, ports, options.pingIntervalMs));
    // The nodes wait for each other to elect a meta leader: start all, then wait.
    await Promise.all(nodes.map((n) => n.launch()));
    await Promise.all(nodes.map((n) => n.ready()));
    return new NatsCluster(nodes, dir);
  }

  node(name: string): NatsClusterNode {
    const node = this.nodes.find((n) => n.name === name);
    if (!node) throw new Error(`no NATS node named ${name}`);
    return node;
  }

  /** The node that leads `stream` now (asked through any live node); fails while it has none. */
  async streamLeader(stream: string): Promise<NatsClusterNode> {
    const nc = await connect({ servers: this.nodes.filter((n) => n.alive()).map((n) => n.url) });
    try {
      const info = await (await jetstreamManager(nc, { timeout: 2000 })).streams.info(stream);
      const leader = info.cluster?.leader;
      if (!leader) throw new Error(`stream ${stream} has no leader`);
      return this.node(leader);
    } finally {
      await nc.close();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.kill()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function clusterNode(
  binary: string,
  dir: string,
  name: string,
  own: NodePorts,
  all: NodePorts[],
  pingIntervalMs?: number,
): NatsClusterNode & { launch(): Promise<void>; ready(): Promise<void> } {
  const storeDir = join(dir, name);
  mkdirSync(storeDir, { recursive: true });
  const configFile = join(dir, `${name}.conf`);
  const routes = all.filter((p) => p !== own).map((p) => `"nats-route://${p.address}:${p.route}"`);
  writeFileSync(
    configFile,
    [
      `server_name: ${name}`,
      `listen: "${own.address}:${own.client}"`,
      `http: "${own.address}:${own.monitor}"`,
      ...(pingIntervalMs ? [`ping_interval: "${pingIntervalMs}ms"`, 'ping_max: 2'] : []),
      // As deploy/compose/nats.conf: every acknowledged write fsynced first (nats-server 2.10 and later).
      `jetstream { store_dir: "${storeDir}", sync_interval: always }`,
      `cluster { name: "switchboard-test", listen: "${own.address}:${own.route}", routes: [${routes.join(', ')}] }`,
    ].join('\n'),
  );
  const monitorUrl = `http://${own.address}:${own.monitor}`;
  let proc: ManagedProcess | undefined;

  const launch = async () => {
    const [command, ...prefix] = [...own.runIn, binary];
    const current = startProcess({ name: `nats-server ${name}`, command: command!, args: [...prefix, '-c', configFile], logFile: join(dir, `${name}.log`) });
    proc = current;
    await waitForPort(own.address, own.client, { timeoutMs: 15_000, isAlive: () => current.alive(), what: `nats-server ${name}` });
  };
  // Full health: JetStream on, in contact with the meta leader, its streams current.
  const ready = () =>
    eventually(
      async () => {
        const response = await fetch(`${monitorUrl}/healthz`);
        if (!response.ok) throw new Error(`nats-server ${name} is not healthy: ${await response.text()}`);
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  return {
    name,
    url: `nats://${own.address}:${own.client}`,
    monitorUrl,
    alive: () => proc?.alive() ?? false,
    kill: async () => proc?.kill(),
    restart: async () => {
      if (proc?.alive()) await proc.stop();
      await launch();
      await ready();
    },
    launch,
    ready,
  };
}
