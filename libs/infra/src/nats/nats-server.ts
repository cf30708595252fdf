import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitForPort } from '../net/ports';
import { startProcess, which, type ManagedProcess } from '../process/managed-process';

export interface LocalNatsServer {
  readonly url: string;
  readonly port: number;
  readonly monitorUrl: string;
  /** Kills the server at once (a crash), keeping its JetStream store. */
  kill(): Promise<void>;
  /** Stops the server gracefully. */
  stop(): Promise<void>;
  /** Starts it again on the same port and store, after kill() or stop(). */
  restart(): Promise<void>;
}

export interface LocalNatsOptions {
  /** JetStream store folder. */
  storeDir: string;
  port?: number;
  binary?: string;
  logFile?: string;
}

/** Where the nats-server of clustered runs is built: tools/nats-server pins its version in its go.mod. */
const CLUSTER_NATS_SOURCE = 'tools/nats-server';

/**
 * The nats-server for three-node clusters (tests, chaos run): v2.11, as the
 * deployment files run, built from the Go module proxy into `.tools/bin`
 * unless it is there (or $NATS_CLUSTER_SERVER_BIN names one). Debian's 2.9
 * accepts two concurrent compare-and-set writes of the same KV key in a
 * clustered stream (nats-server issue 4320, fixed in 2.9.21), which let an
 * agent above its cap in chaos runs. Without Go, the one on PATH is used,
 * with that warning.
 */
export function ensureClusterNatsServer(projectRoot: string): string {
  const override = process.env['NATS_CLUSTER_SERVER_BIN'];
  if (override) return override;
  const binary = join(projectRoot, '.tools', 'bin', 'nats-server');
  if (existsSync(binary)) return binary;
  const fallback = findNatsServer();
  if (!which('go')) {
    if (!fallback) throw new Error('nats-server was not found: install Go (to build v2.11) or nats-server');
    process.stderr.write(`Go is missing: clustered NATS runs use ${fallback}; before 2.9.21 its clustered KV compare-and-set is not exclusive\n`);
    return fallback;
  }
  mkdirSync(join(projectRoot, '.tools', 'bin'), { recursive: true });
  process.stderr.write('Building nats-server v2.11 with go for clustered runs (first run only)...\n');
  const result = spawnSync('go', ['build', '-o', binary, 'github.com/nats-io/nats-server/v2'], {
    cwd: join(projectRoot, CLUSTER_NATS_SOURCE),
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
  });
  if (result.status !== 0 || !existsSync(binary)) throw new Error(`Building nats-server failed (go build in ${CLUSTER_NATS_SOURCE}, exit ${result.status})`);
  return binary;
}

/** Finds nats-server: $NATS_SERVER_BIN, then PATH, then the Debian location. */
export function findNatsServer(): string | undefined {
  return process.env['NATS_SERVER_BIN'] || which('nats-server') || (which('/usr/sbin/nats-server') ?? undefined);
}

/** Starts a nats-server with JetStream on loopback, on a free port unless one is given. */
export async function startLocalNats(options: LocalNatsOptions): Promise<LocalNatsServer> {
  const binary = options.binary ?? findNatsServer();
  if (!binary) {
    throw new Error('nats-server was not found: install it (Debian: apt-get install nats-server) or set NATS_URL');
  }
  mkdirSync(options.storeDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const monitorPort = await freePort();
  let proc: ManagedProcess | undefined;

  const launch = async () => {
    proc = startProcess({
      name: 'nats-server',
      command: binary,
      args: ['-a', '127.0.0.1', '-p', String(port), '-m', String(monitorPort), '-js', '-sd', options.storeDir],
      logFile: options.logFile ?? join(options.storeDir, 'nats-server.log'),
    });
    const current = proc;
    await waitForPort('127.0.0.1', port, { timeoutMs: 15000, isAlive: () => current.alive(), what: 'nats-server' });
    // JetStream answers only once the monitor reports healthy.
    await waitForHealthz(`http://127.0.0.1:${monitorPort}/healthz?js-enabled-only=true`);
  };
  await launch();

  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    monitorUrl: `http://127.0.0.1:${monitorPort}`,
    kill: async () => proc?.kill(),
    stop: async () => proc?.stop(),
    restart: async () => {
      if (proc?.alive()) await proc.stop();
      await launch();
    },
  };
}

async function waitForHealthz(url: string): Promise<void> {
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nats-server did not report healthy at ${url}`);
}
