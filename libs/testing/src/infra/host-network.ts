import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { which } from '@switchboard/infra';

/** Every namespace this helper makes is named `sbpart-<id>-h<n>`: a crashed run's leftovers are found by it. */
const NAMESPACE_PREFIX = 'sbpart-';
/** Links in the root namespace: `sbp<id>c` / `sbp<id>d` (bridges), `sbp<id>c<n>` / `sbp<id>d<n>` (host ends of the veths). */
const LINK_PATTERN = /^sbp[0-9a-f]{4}[cd]\d*$/;

/** One simulated host: a network namespace with a link to the cluster network and one to the database network. */
export interface TestHost {
  /** `h1`, `h2`, ... */
  readonly name: string;
  readonly namespace: string;
  /** Its address on the cluster network (NATS routes, clients, services). */
  readonly address: string;
  /** Its address on the database network, which a cut leaves up. */
  readonly databaseAddress: string;
  /** Prefix that runs a command inside the host: `ip netns exec <namespace>`. */
  readonly exec: readonly string[];
}

function ip(args: string[], options: { allowFailure?: boolean } = {}): string {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.status !== 0 && !options.allowFailure) throw new Error(`ip ${args.join(' ')} failed: ${result.stderr.trim() || result.error?.message}`);
  return result.stdout;
}

/**
 * Hosts made of network namespaces on this machine, for tests of hosts that
 * fail and partition (issue 18): a cluster bridge and a database bridge in
 * the root namespace, and per host a namespace with a veth to each. The
 * root namespace (the test, FerretDB) has an address on both bridges;
 * traffic goes only to loopback and between these namespaces. `cut` takes
 * a host's cluster link down: it no longer reaches the other hosts nor
 * the test's clients, but still reaches the database (so fencing, not the
 * cut, must stop its writes).
 */
export class HostNetwork {
  private readonly cutHosts = new Set<string>();

  private constructor(
    readonly id: string,
    readonly hosts: TestHost[],
    /** The root namespace's address on the cluster network. */
    readonly clusterAddress: string,
    /** The root namespace's address on the database network (where the database listens). */
    readonly databaseAddress: string,
  ) {}

  /** Why namespaces cannot be made here (not root, no `ip`, namespaces refused), or undefined when they can. */
  static unavailable(): string | undefined {
    if (process.platform !== 'linux') return `network namespaces need Linux (this is ${process.platform})`;
    if (process.getuid?.() !== 0) return 'network namespaces need root (the test runs as another user)';
    if (!which('ip')) return 'the `ip` command (iproute2) is not installed';
    const probe = `${NAMESPACE_PREFIX}probe-${randomBytes(3).toString('hex')}`;
    const added = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
    if (added.status !== 0) return `\`ip netns add\` failed: ${added.stderr.trim()}`;
    const veth = spawnSync('ip', ['-n', probe, 'link', 'add', 'p0', 'type', 'veth', 'peer', 'name', 'p1'], { encoding: 'utf8' });
    spawnSync('ip', ['netns', 'delete', probe]);
    if (veth.status !== 0) return `veth links cannot be made: ${veth.stderr.trim()}`;
    return undefined;
  }

  /** Deletes namespaces and links a crashed earlier run left behind (same prefixes). */
  static removeLeftovers(): string[] {
    const removed: string[] = [];
    for (const line of ip(['netns', 'list'], { allowFailure: true }).split('\n')) {
      const name = line.split(' ')[0];
      if (name?.startsWith(NAMESPACE_PREFIX)) {
        ip(['netns', 'delete', name], { allowFailure: true });
        removed.push(name);
      }
    }
    for (const line of ip(['-o', 'link', 'show'], { allowFailure: true }).split('\n')) {
      const name = /^\d+:\s+([^:@]+)/.exec(line)?.[1];
      if (name && LINK_PATTERN.test(name)) {
        ip(['link', 'delete', name], { allowFailure: true });
        removed.push(name);
      }
    }
    return removed;
  }

  /** Makes `count` hosts; on any failure removes what it made. */
  static create(count: number): HostNetwork {
    const id = randomBytes(2).toString('hex');
    // Two /24 next to each other in 10.0.0.0/8, picked at random so that parallel runs rarely meet.
    const a = randomInt(100, 200);
    const b = randomInt(0, 127) * 2;
    const cluster = (n: number) => `10.${a}.${b}.${n}`;
    const database = (n: number) => `10.${a}.${b + 1}.${n}`;
    const hosts: TestHost[] = Array.from({ length: count }, (_, i) => {
      const namespace = `${NAMESPACE_PREFIX}${id}-h${i + 1}`;
      return { name: `h${i + 1}`, namespace, address: cluster(11 + i), databaseAddress: database(11 + i), exec: ['ip', 'netns', 'exec', namespace] };
    });
    const network = new HostNetwork(id, hosts, cluster(1), database(1));
    try {
      for (const [bridge, address] of [
        [`sbp${id}c`, cluster(1)],
        [`sbp${id}d`, database(1)],
      ] as const) {
        ip(['link', 'add', bridge, 'type', 'bridge']);
        ip(['addr', 'add', `${address}/24`, 'dev', bridge]);
        ip(['link', 'set', bridge, 'up']);
      }
      for (const [i, host] of hosts.entries()) {
        ip(['netns', 'add', host.namespace]);
        ip(['-n', host.namespace, 'link', 'set', 'lo', 'up']);
        for (const [net, address] of [
          ['c', host.address],
          ['d', host.databaseAddress],
        ] as const) {
          const outside = `sbp${id}${net}${i + 1}`;
          ip(['link', 'add', outside, 'type', 'veth', 'peer', 'name', `eth-${net}`, 'netns', host.namespace]);
          ip(['link', 'set', outside, 'master', `sbp${id}${net}`]);
          ip(['link', 'set', outside, 'up']);
          ip(['-n', host.namespace, 'addr', 'add', `${address}/24`, 'dev', `eth-${net}`]);
          ip(['-n', host.namespace, 'link', 'set', `eth-${net}`, 'up']);
        }
      }
      return network;
    } catch (error) {
      network.destroy();
      throw error;
    }
  }

  host(name: string): TestHost {
    const host = this.hosts.find((h) => h.name === name);
    if (!host) throw new Error(`no host named ${name}`);
    return host;
  }

  /** Cuts a host off the cluster network (its database link stays up). */
  cut(host: TestHost): void {
    ip(['link', 'set', this.clusterLink(host), 'down']);
    this.cutHosts.add(host.name);
  }

  /** Brings its cluster link back. */
  heal(host: TestHost): void {
    ip(['link', 'set', this.clusterLink(host), 'up']);
    this.cutHosts.delete(host.name);
  }

  isCut(host: TestHost): boolean {
    return this.cutHosts.has(host.name);
  }

  /** Removes the namespaces (their veths go with them) and the bridges; never throws. */
  destroy(): void {
    for (const host of this.hosts) ip(['netns', 'delete', host.namespace], { allowFailure: true });
    for (const net of ['c', 'd']) ip(['link', 'delete', `sbp${this.id}${net}`], { allowFailure: true });
  }

  private clusterLink(host: TestHost): string {
    return `sbp${this.id}c${this.hosts.indexOf(host) + 1}`;
  }
}
