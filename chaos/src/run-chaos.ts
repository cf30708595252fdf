import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createSubjects } from '@switchboard/contracts';
import { DEFAULT_SETTINGS } from '@switchboard/domain';
import { mongoUriFor } from '@switchboard/infra';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkChaosRun, formatVerdict, type ChaosVerdict } from './checker/check';
import type { ChaosEvidence } from './checker/evidence';
import { readStore, readStream } from './checker/read-evidence';
import { ChaosCluster } from './harness/chaos-cluster';
import { Killer } from './harness/killer';
import { Random } from './harness/random';
import { ChaosLoad } from './load/simulated-people';

export interface ChaosRunOptions {
  /** Minutes of load and kills (the set-up before and the check after come on top). */
  minutes: number;
  killEveryMs: number;
  downMs: number;
  /** At most this many killed processes down or restarting at once (the killer's `maxDown`). */
  maxDown: number;
  endUsers: number;
  agents: number;
  thinkMs: readonly [number, number];
  seed: number;
  /** The MongoDB-wire server (without a database name). */
  mongoUri: string;
  /** Where the report and the clients' and killer's records are written. */
  outDir: string;
  log: (line: string) => void;
}

export interface ChaosRunResult {
  verdict: ChaosVerdict;
  report: string;
  restartFailures: string[];
}

export const QUEUES = ['Hardware', 'Software'];
const TOKEN_SECRET = `chaos-${randomBytes(24).toString('hex')}`;

/** Reads CHAOS_* from the environment over the defaults of a full run. */
export function chaosOptionsFromEnv(env: NodeJS.ProcessEnv, base: Pick<ChaosRunOptions, 'mongoUri' | 'log'>): ChaosRunOptions {
  const num = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
    return value;
  };
  const minutes = num('CHAOS_MINUTES', 10);
  if (minutes > 24 * 60) throw new Error('CHAOS_MINUTES is at most 1440 (a day)');
  return {
    ...base,
    minutes,
    killEveryMs: num('CHAOS_KILL_EVERY_MS', 5000),
    downMs: num('CHAOS_DOWN_MS', 1000),
    maxDown: Math.min(4, Math.max(1, Math.floor(num('CHAOS_MAX_DOWN', 2)))),
    endUsers: Math.min(500, num('CHAOS_END_USERS', 30)),
    agents: Math.min(100, num('CHAOS_AGENTS', 10)),
    thinkMs: [300, 1500],
    seed: num('CHAOS_SEED', Date.now() % 1_000_000),
    outDir: resolve(env['CHAOS_OUT_DIR'] ?? join(__dirname, '../../tmp/chaos')),
  };
}

/**
 * One chaos run: seeds a database, starts the cluster (3 NATS nodes, 2
 * gateways, 3 chat-actors, 3 routers), puts the simulated people to work,
 * kills and restarts processes for `minutes`, lets everything settle, then
 * gives the stream, the store and the people's records to the checker.
 */
export async function runChaos(options: ChaosRunOptions): Promise<ChaosRunResult> {
  const { log } = options;
  const tag = randomBytes(3).toString('hex');
  const database = `chaos_${tag}`;
  const subjects = createSubjects(`chaos${tag}`);
  const random = new Random(options.seed);
  const agents = Array.from({ length: options.agents }, (_, i) => `chaos-agent-${i + 1}`);
  const endUsers = Array.from({ length: options.endUsers }, (_, i) => `chaos-user-${i + 1}`);
  // Every other agent has a cap of 2; the others none, so that every queue always has someone to take a chat.
  const agentCaps = Object.fromEntries(agents.map((id, i) => [id, i % 2 === 0 ? 2 : 0]));

  const db = await mongoose.createConnection(mongoUriFor(options.mongoUri, database)).asPromise();
  let cluster: ChaosCluster | undefined;
  let nc: NatsConnection | undefined;
  let load: ChaosLoad | undefined;
  try {
    await seed(db, agents, endUsers, agentCaps);
    log(`seed ${options.seed}; database ${database}; starting the cluster`);
    cluster = await ChaosCluster.start({
      mongoUri: options.mongoUri,
      database,
      prefix: subjects.prefix,
      partitions: 16,
      gateways: 2,
      chatActors: 3,
      routers: 3,
      tokenSecret: TOKEN_SECRET,
      log,
    });
    nc = await connect({ servers: cluster.natsUrl.split(','), maxReconnectAttempts: -1, reconnectTimeWait: 200 });
    const up = cluster;
    load = new ChaosLoad({
      gateways: () => up.gatewaysUp(),
      tokenSecret: TOKEN_SECRET,
      endUsers,
      agents,
      topics: QUEUES.map((q) => q.toLowerCase()),
      thinkMs: options.thinkMs,
      random,
      log,
    });
    await load.start();
    const startedAt = new Date();
    log(`load running: ${agents.length} agents, ${endUsers.length} end users; a kill every ${options.killEveryMs} ms for ${options.minutes} min`);
    const killer = new Killer(cluster.targets, { everyMs: options.killEveryMs, downMs: options.downMs, maxDown: options.maxDown, random, log });
    killer.start();
    await new Promise((done) => setTimeout(done, options.minutes * 60_000));
    log('stopping the kills; waiting for every process to be back');
    await killer.stop();
    const endedAt = new Date();
    log('stopping the load');
    await load.stop();
    log('waiting for the outbox to settle');
    await settled(nc, subjects.chatEventsStream);

    log('reading the event stream and the database');
    const stream = await readStream(nc, subjects.chatEventsStream);
    const { sessions, commits } = await readStore(db);
    const evidence: ChaosEvidence = { stream, sessions, commits, commands: load.commands, kills: killer.kills, agentCaps, defaultCap: 0 };
    const verdict = checkChaosRun(evidence);
    const report = [
      formatVerdict(verdict, { minutes: options.minutes, startedAt, endedAt }),
      `Seed ${options.seed}; ${agents.length} agents (every other one capped at 2), ${endUsers.length} end users; a kill every ${options.killEveryMs} ms, down ${options.downMs} ms, at most ${options.maxDown} down at once`,
      `Restart failures: ${killer.restartFailures.length === 0 ? 'none' : killer.restartFailures.join('; ')}`,
    ].join('\n');
    const dir = join(options.outDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}-${tag}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'report.txt'), `${report}\n`);
    writeFileSync(join(dir, 'kills.json'), JSON.stringify(killer.kills, null, 1));
    writeFileSync(join(dir, 'violations.json'), JSON.stringify(verdict.violations, null, 1));
    // The whole evidence only when something is wrong: enough to rerun the checker on it.
    if (verdict.violations.length > 0) writeFileSync(join(dir, 'evidence.json'), JSON.stringify(evidence));
    log(`records in ${dir}`);
    return { verdict, report, restartFailures: killer.restartFailures };
  } finally {
    if (load?.isRunning) await load.stop().catch(() => undefined);
    await nc?.close().catch(() => undefined);
    await cluster?.stop().catch((error: unknown) => log(`stopping the cluster: ${String(error)}`));
    await db.dropDatabase().catch(() => undefined);
    await db.close();
  }
}

/** Waits until the stream has not grown for 8 s (the owners publish what is left every 5 s, ADR 2), at most 2 minutes. */
async function settled(nc: NatsConnection, stream: string): Promise<void> {
  const jsm = await jetstreamManager(nc, { timeout: 10_000 });
  let last = -1;
  let since = Date.now();
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const seq = await jsm.streams
      .info(stream)
      .then((i) => i.state.last_seq)
      .catch(() => last);
    if (seq !== last) [last, since] = [seq, Date.now()];
    else if (Date.now() - since >= 8000) return;
    await new Promise((done) => setTimeout(done, 1000));
  }
}

/** The chaos runs' reference data: settings (queues and topics on, auto-assignment), two queues with a topic each, agents with their caps, end users of acme. */
export async function seed(db: mongoose.Connection, agents: string[], endUsers: string[], caps: Record<string, number>): Promise<void> {
  await db.collection('settings').insertOne({
    _id: 'global' as never,
    ...DEFAULT_SETTINGS,
    supportQueues: true,
    useTopics: true,
    agentAutoAccept: true,
    maxConcurrentChatsPerAgent: 0,
    revision: 1,
  });
  await db.collection('queues').insertMany(QUEUES.map((q) => ({ _id: q as never, description: `${q} support` })));
  await db.collection('topics').insertMany(QUEUES.map((q) => ({ _id: q.toLowerCase() as never, name: q, queue: q })));
  await db
    .collection('agents')
    .insertMany(agents.map((id) => ({ _id: id as never, displayName: `Agent ${id}`, queues: QUEUES, companies: ['acme'], cap: caps[id] ?? 0 })));
  await db.collection('end_users').insertMany(endUsers.map((id) => ({ _id: id as never, displayName: `User ${id}`, companyId: 'acme', assets: [] })));
}
