/**
 * Router latency: time from a session entering the queue (its start is
 * acknowledged) to its automatic assignment (the `SessionAssigned` event
 * seen by a subscriber), at rising arrival rates, with 1 and 2 router
 * processes (2 chat-actor processes, 50 online agents without a cap).
 *
 * Ceiling measured in the same run at the same rates: what one assignment
 * needs at the least, a NATS request-reply whose responder does one
 * unique-id insert, followed by a NATS publish seen by a subscriber. A
 * second reference row does the same with the insert going into a
 * collection that has the session records' indexes (the database's share
 * of a start: what the embedded FerretDB makes of a document with nine
 * indexes, against one).
 *
 * Usage: npm run bench:router   (BENCH_RATES=10,50,100,150,200 and BENCH_SECONDS=4 to change the load)
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AgentStateStore } from '@switchboard/agent-state';
import { createSubjects, newSessionId, type ChatEventMessage, type Subjects } from '@switchboard/contracts';
import { DEFAULT_SETTINGS } from '@switchboard/domain';
import { mongoUriFor, provideInfrastructure } from '@switchboard/infra';
import { ChatActorClient, decodeJson, encodeJson } from '@switchboard/service-kit';
import { startService, type ServiceProcess } from '@switchboard/testing';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { cpuPerOperation, cpuUse, formatCpu } from './cpu-use';
import { percentile } from './stats';

const RATES = (process.env['BENCH_RATES'] ?? '10,50,100,150,200').split(',').map(Number);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 4);
const AGENTS = 50;
const PARTITIONS = 16;
/** The router's default partition count. */
const ROUTER_PARTITIONS = 16;
const TARGET_P99_MS = 50;
/** Sessions started and assigned before the measured rates, at WARM_UP_RATE per second. */
const WARM_UP = 100;
const WARM_UP_RATE = 50;
/** Seconds the system is watched doing nothing, for its idle CPU use. */
const IDLE_SECONDS = 3;

interface Row {
  setup: string;
  rate: number;
  sessions: number;
  p50: number;
  p99: number;
  ceilingP99?: number;
  /** CPU per session of each part of the system during the run. */
  cpu?: Record<string, number>;
}

/** Fires `count` operations at `rate` per second without waiting for earlier ones (open loop). */
async function openLoop(rate: number, count: number, operation: (i: number) => Promise<void>): Promise<void> {
  const started = performance.now();
  const pending: Array<Promise<void>> = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(operation(i));
  }
  await Promise.all(pending);
}

/** A session not assigned by then fails the run (with the services' last log lines) instead of hanging it. */
const ASSIGN_TIMEOUT_MS = 30_000;
let running: ServiceProcess[] = [];

async function within<T>(ms: number, promise: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every owner's partitions, from all that answer on `subject` within a short wait. */
async function owners(nc: NatsConnection, subject: string, partitionsOf: (reply: unknown) => number[]): Promise<number[][]> {
  const replies: number[][] = [];
  for await (const msg of await nc.requestMany(subject, encodeJson({}), { maxWait: 300 })) replies.push(partitionsOf(decodeJson(msg.data)));
  return replies;
}

async function settledOwnership(nc: NatsConnection, subjects: Subjects, expected: { actors: number; routers: number }): Promise<void> {
  const deadline = Date.now() + 60_000;
  let previous = '';
  let sameReads = 0;
  while (sameReads < 3) {
    if (Date.now() > deadline) throw new Error(`partition ownership did not settle: ${previous}`);
    const actors = await owners(nc, subjects.chatOwnership, (r) => (r as { owned: Array<{ partition: number }> }).owned.map((o) => o.partition));
    const routers = await owners(nc, subjects.routerStatus, (r) => (r as { partitions: number[] }).partitions);
    const whole = (sets: number[][], count: number, total: number) =>
      sets.length === count && sets.every((p) => p.length > 0) && new Set(sets.flat()).size === total && sets.flat().length === total;
    const view = JSON.stringify([actors.map((p) => [...p].sort((a, b) => a - b)).sort(), routers.map((p) => [...p].sort((a, b) => a - b)).sort()]);
    const settled = whole(actors, expected.actors, PARTITIONS) && whole(routers, expected.routers, ROUTER_PARTITIONS);
    sameReads = settled && view === previous ? sameReads + 1 : 0;
    previous = view;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  const root = resolve(__dirname, '../..');
  const infra = await provideInfrastructure({ purpose: 'test', projectRoot: root });
  const engine = infra.localMongo?.engine ?? infra.source;
  const rows: Row[] = [];
  const idle: Array<{ setup: string; cpu?: Record<string, number> }> = [];
  try {
    const nc = await connect({ servers: infra.natsUrl });
    const database = `bench_router_${Date.now()}`;
    const db = await mongoose.createConnection(mongoUriFor(infra.mongoUri, database)).asPromise();

    // Ceiling per rate: request-reply + one insert + a publish seen by a subscriber.
    const ceilings = new Map<number, number>();
    const probes = db.collection('bench_ceiling');
    // The reference row, measured last: the same into a collection with the session records' indexes.
    const indexed = db.collection('bench_indexed');
    let sessionIndexes: Array<{ key: Record<string, number>; unique?: boolean }> | undefined;
    const insertInto = {
      ceiling: (id: string) => probes.insertOne({ _id: id as never, at: new Date() }),
      indexed: (id: string) =>
        indexed.insertOne({
          _id: id as never,
          version: 1,
          ownerEpoch: 1,
          partition: 0,
          startKey: `start-${id}`,
          openSlot: `user-${id}`,
          endUserId: `user-${id}`,
          status: 'QUEUED',
          queue: 'General',
          state: { sessionId: id, status: 'QUEUED', queue: 'General', version: 1 },
          startEvents: [],
          startedAt: new Date(),
          updatedAt: new Date(),
        }),
    };
    const measureInserts = async (kind: 'ceiling' | 'indexed') => {
      nc.subscribe(`bench.${kind}`, {
        callback: (_e, msg) => {
          const { id } = decodeJson(msg.data) as { id: string };
          void insertInto[kind](id).then(() => {
            msg.respond(encodeJson({ ok: true }));
            nc.publish(`bench.${kind}.done.${id}`);
          });
        },
      });
      // Warm-up (connections, JIT, the collection's first writes) is not measured.
      for (let i = 0; i < 20; i++) await nc.request(`bench.${kind}`, encodeJson({ id: randomUUID() }), { timeout: 10_000 });
      for (const rate of RATES) {
        const latencies: number[] = [];
        const cpuBefore = cpuUse();
        await openLoop(rate, Math.min(800, rate * SECONDS), async () => {
          const id = randomUUID();
          const t0 = performance.now();
          const seen = new Promise<void>((done) => nc.subscribe(`bench.${kind}.done.${id}`, { max: 1, callback: () => done() }));
          await nc.flush();
          await nc.request(`bench.${kind}`, encodeJson({ id }), { timeout: 10_000 });
          await seen;
          latencies.push(performance.now() - t0);
        });
        latencies.sort((a, b) => a - b);
        if (kind === 'ceiling') ceilings.set(rate, percentile(latencies, 99));
        const setup = kind === 'ceiling' ? 'ceiling: NATS req + insert + publish' : 'reference: same, session record indexes';
        const cpu = cpuPerOperation(cpuBefore, cpuUse(), latencies.length);
        rows.push({ setup, rate, sessions: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), ceilingP99: kind === 'indexed' ? ceilings.get(rate) : undefined, cpu });
      }
    };
    await measureInserts('ceiling');

    for (const routers of [1, 2]) {
      const subjects = createSubjects(`benchr${routers}${Date.now() % 100000}`);
      const env = {
        NATS_URL: infra.natsUrl,
        MONGODB_URI: infra.mongoUri,
        MONGODB_DB: `${database}_${routers}`,
        NATS_SUBJECT_PREFIX: subjects.prefix,
        CHAT_PARTITIONS: String(PARTITIONS),
        LOG_LEVEL: 'info',
      };
      const rdb = await mongoose.createConnection(mongoUriFor(infra.mongoUri, env.MONGODB_DB)).asPromise();
      await rdb.collection('settings').insertOne({ _id: 'global' as never, ...DEFAULT_SETTINGS, agentAutoAccept: true, maxConcurrentChatsPerAgent: 0, revision: 1 });
      const agentIds = Array.from({ length: AGENTS }, (_, i) => `agent-${i}`);
      await rdb.collection('agents').insertMany(agentIds.map((id) => ({ _id: id as never, displayName: id, queues: [], companies: ['acme'], cap: 0 })));
      const states = await AgentStateStore.open(nc, subjects.agentStateBucket);
      await Promise.all(agentIds.map((id) => states.setPresence(id, 'online')));

      const processes: ServiceProcess[] = [];
      running = processes;
      for (let i = 1; i <= 2; i++) processes.push(await startService('chat-actor', { ...env, INSTANCE_ID: `bench-actor-${i}` }));
      for (let i = 1; i <= routers; i++) processes.push(await startService('router', { ...env, INSTANCE_ID: `bench-router-${i}` }));
      // Measured only once every partition has exactly one owner, the same over several reads: a
      // handover during the measurement (a process joining late) would be timed as assignment latency.
      await settledOwnership(nc, subjects, { actors: 2, routers });
      // The chat-actors built the session records' indexes at start-up: the reference row copies them.
      sessionIndexes ??= (await rdb.collection('chat_sessions').indexes()).filter((i) => i.name !== '_id_').map((i) => ({ key: i.key as Record<string, number>, unique: i.unique }));
      const client = new ChatActorClient(nc, subjects, { partitions: PARTITIONS, deadlineMs: 60_000, attemptTimeoutMs: 20_000 });
      // What the system uses with nothing to do (leases, watchers, timers), part of every row's CPU figure.
      const idleBefore = cpuUse();
      await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
      idle.push({ setup: `${routers} router${routers > 1 ? 's' : ''}, 2 chat-actors`, cpu: cpuPerOperation(idleBefore, cpuUse(), IDLE_SECONDS) });

      const assignedAt = new Map<string, number>();
      const waiters = new Map<string, () => void>();
      const tap = nc.subscribe(subjects.chatEventsAll, {
        callback: (_e, msg) => {
          const m = msg.json<ChatEventMessage>();
          if (m.event.type !== 'SessionAssigned') return;
          assignedAt.set(m.event.sessionId, performance.now());
          waiters.get(m.event.sessionId)?.();
        },
      });

      // Warm-up (connections, JIT, the collections' first writes, every partition's first command) is
      // not measured, as for the ceiling: a run of WARM_UP sessions before the first rate.
      for (const [step, rate] of [WARM_UP_RATE, ...RATES].entries()) {
        const warmUp = step === 0;
        const count = warmUp ? WARM_UP : Math.min(800, rate * SECONDS);
        const users = Array.from({ length: count }, (_, i) => `r${routers}-${warmUp ? 'warm' : rate}-u${i}`);
        await rdb.collection('end_users').insertMany(users.map((id) => ({ _id: id as never, displayName: id, companyId: 'acme', assets: [] })));
        const latencies: number[] = [];
        const cpuBefore = cpuUse();
        await openLoop(rate, count, async (i) => {
          const sessionId = newSessionId(users[i]!, randomUUID());
          const assigned = new Promise<void>((done) => (assignedAt.has(sessionId) ? done() : waiters.set(sessionId, done)));
          const reply = await client.send({ type: 'StartSession', commandId: randomUUID(), sessionId, actor: { role: 'endUser', id: users[i]! }, requestId: randomUUID(), description: 'benchmark' });
          if (!reply.ok) throw new Error(`start failed: ${reply.error.code}`);
          const queuedAt = performance.now();
          await within(ASSIGN_TIMEOUT_MS, assigned, `session ${sessionId} was not assigned within ${ASSIGN_TIMEOUT_MS} ms`);
          latencies.push(Math.max(0, assignedAt.get(sessionId)! - queuedAt));
        });
        const cpu = cpuPerOperation(cpuBefore, cpuUse(), count);
        if (warmUp) continue;
        latencies.sort((a, b) => a - b);
        rows.push({ setup: `${routers} router${routers > 1 ? 's' : ''}, 2 chat-actors`, rate, sessions: count, p50: percentile(latencies, 50), p99: percentile(latencies, 99), ceilingP99: ceilings.get(rate), cpu });
      }
      tap.unsubscribe();
      await Promise.all(processes.map((p) => p.stop()));
      await rdb.dropDatabase();
      await rdb.close();
    }
    for (const index of sessionIndexes ?? []) await indexed.createIndex(index.key, { unique: index.unique ?? false });
    await measureInserts('indexed');
    await db.dropDatabase();
    await db.close();
    await nc.close();
  } finally {
    await infra.stop();
  }

  console.log(`\nrouter benchmark: time from queued to assigned, ${AGENTS} online agents, database ${engine}, 2 cores`);
  for (const r of rows) {
    const ratio = r.ceilingP99 ? `  p99 ${(r.p99 / r.ceilingP99).toFixed(1)}x ceiling` : '';
    console.log(`${r.setup.padEnd(40)} ${String(r.rate).padStart(4)}/s  n=${String(r.sessions).padStart(4)}  p50 ${r.p50.toFixed(1).padStart(7)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms${ratio}`);
    console.log(`${''.padEnd(40)} ${formatCpu(r.cpu)}`);
  }
  for (const { setup, cpu } of idle) console.log(`idle, ${setup}: ${formatCpu(cpu, 'second')}`);
  for (const setup of [...new Set(rows.filter((r) => r.ceilingP99 !== undefined).map((r) => r.setup))]) {
    const ok = rows.filter((r) => r.setup === setup && r.p99 < TARGET_P99_MS).map((r) => r.rate);
    console.log(`${setup}: highest rate with p99 < ${TARGET_P99_MS} ms: ${ok.length ? `${Math.max(...ok)}/s` : 'none of the rates tried'}`);
  }
}

main().then(
  () => process.exit(0),
  async (error) => {
    for (const p of running) console.error(`--- last log lines of ${p.app} ${p.pid}\n${p.logs.slice(-40).join('\n')}`);
    console.error(error);
    // The services are child processes of their own: a failed run must not leave them running.
    await Promise.all(running.map((p) => p.kill().catch(() => undefined)));
    process.exit(1);
  },
);
