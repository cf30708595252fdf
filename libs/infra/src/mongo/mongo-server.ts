import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { canConnect, freePort, waitForPort } from '../net/ports';
import { installGinTwins } from './ferretdb-postgresql-indexes';
import { startProcess, which, type ManagedProcess } from '../process/managed-process';

export interface LocalMongoServer {
  /** URI without a database name; append `/<db>`. */
  readonly uri: string;
  readonly engine: 'mongod' | 'ferretdb-postgresql' | 'ferretdb-sqlite';
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export interface LocalMongoOptions {
  dataDir: string;
  /** Folder of the project: FerretDB is built into `<root>/.tools/bin`. */
  projectRoot: string;
  port?: number;
  /** The address it listens on (default 127.0.0.1): e.g. a bridge that test hosts in network namespaces reach. */
  listenHost?: string;
  logFile?: string;
  /** PostgreSQL database FerretDB stores into when a PostgreSQL server is at hand. */
  postgresDatabase?: string;
}

const FERRETDB_SOURCE = 'tools/ferretdb';

/**
 * Builds FerretDB from the Go module proxy into `.tools/bin` unless it is there
 * already. The wrapper in tools/ferretdb pins v1.24.x through its go.mod.
 */
export function ensureFerretDb(projectRoot: string): string {
  const override = process.env['FERRETDB_BIN'];
  if (override) return override;
  const binary = join(projectRoot, '.tools', 'bin', 'ferretdb');
  if (existsSync(binary)) return binary;
  if (!which('go')) {
    throw new Error(
      'No MongoDB-wire server available: install Go (to build FerretDB), put mongod on PATH, or set MONGODB_URI',
    );
  }
  mkdirSync(join(projectRoot, '.tools', 'bin'), { recursive: true });
  process.stderr.write('Building FerretDB v1.24 with go (first run only)...\n');
  const result = spawnSync('go', ['build', '-o', binary, '.'], {
    cwd: join(projectRoot, FERRETDB_SOURCE),
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
  });
  if (result.status !== 0 || !existsSync(binary)) {
    throw new Error(`Building FerretDB failed (go build in ${FERRETDB_SOURCE}, exit ${result.status})`);
  }
  return binary;
}

/**
 * FerretDB's backend: PostgreSQL when one is given (`FERRETDB_POSTGRESQL_URL`)
 * or answers on 127.0.0.1:5432, SQLite otherwise. FerretDB v1 pushes query
 * filters down to PostgreSQL, but to SQLite only for a bare `_id` filter: an
 * update conditional on a version scans the whole collection there, which
 * grows unusably slow with a few thousand sessions (measured in ADR 2).
 * `FERRETDB_HANDLER=sqlite` forces SQLite.
 */
async function ferretDbBackend(database: string): Promise<{ handler: 'postgresql'; url: string } | { handler: 'sqlite' }> {
  const forced = process.env['FERRETDB_HANDLER'];
  if (forced === 'sqlite') return { handler: 'sqlite' };
  const given = process.env['FERRETDB_POSTGRESQL_URL'];
  if (given) return { handler: 'postgresql', url: given };
  if (!(await canConnect('127.0.0.1', 5432)) || !which('psql')) {
    if (forced === 'postgresql') throw new Error('FERRETDB_HANDLER=postgresql but no PostgreSQL answers on 127.0.0.1:5432');
    return { handler: 'sqlite' };
  }
  // Trust authentication as on a development machine; create the database once.
  const exists = spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-tAc', `SELECT 1 FROM pg_database WHERE datname='${database}'`], { encoding: 'utf8' });
  if (exists.status !== 0) return { handler: 'sqlite' };
  if (exists.stdout.trim() !== '1') {
    const created = spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-c', `CREATE DATABASE "${database}"`], { encoding: 'utf8' });
    if (created.status !== 0 && !/already exists/.test(created.stderr)) return { handler: 'sqlite' };
  }
  return { handler: 'postgresql', url: `postgres://postgres@127.0.0.1:5432/${database}` };
}

/** Starts mongod from PATH when present, otherwise FerretDB (PostgreSQL or SQLite backend). */
export async function startLocalMongo(options: LocalMongoOptions): Promise<LocalMongoServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const host = options.listenHost ?? '127.0.0.1';
  const logFile = options.logFile ?? join(options.dataDir, 'mongo.log');
  const mongod = process.env['MONGOD_BIN'] || which('mongod');
  let proc: ManagedProcess;
  let engine: LocalMongoServer['engine'];
  if (mongod) {
    engine = 'mongod';
    proc = startProcess({
      name: 'mongod',
      command: mongod,
      args: ['--bind_ip', host, '--port', String(port), '--dbpath', options.dataDir],
      logFile,
    });
  } else {
    const binary = ensureFerretDb(options.projectRoot);
    const backend = await ferretDbBackend(options.postgresDatabase ?? 'switchboard');
    engine = backend.handler === 'postgresql' ? 'ferretdb-postgresql' : 'ferretdb-sqlite';
    if (backend.handler === 'postgresql') {
      // Lookups by _id use an index only with these (see ferretdb-postgresql-indexes.ts); without them it is slower, not wrong.
      const failed = installGinTwins(backend.url);
      if (failed) process.stderr.write(`FerretDB on PostgreSQL: indexes for lookups not installed (${failed}); lookups scan whole collections\n`);
    }
    proc = startProcess({
      name: 'ferretdb',
      command: binary,
      args: [
        `--listen-addr=${host}:${port}`,
        ...(backend.handler === 'postgresql'
          ? ['--handler=postgresql', `--postgresql-url=${backend.url}`]
          : ['--handler=sqlite', `--sqlite-url=file:${options.dataDir}/`]),
      ],
      logFile,
    });
  }
  await waitForPort(host, port, { timeoutMs: 20000, isAlive: () => proc.alive(), what: engine });
  return {
    uri: `mongodb://${host}:${port}`,
    engine,
    stop: () => proc.stop(),
    kill: () => proc.kill(),
  };
}
