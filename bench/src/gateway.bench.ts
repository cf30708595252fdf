/**
 * Gateway benchmark: 10,000 end-user and 1,000 agent WebSocket connections on
 * one gateway process (with one chat-actor, real NATS and database). Reports
 * the gateway's memory per connection, and the time for a queue change (an
 * end user starts a chat) to reach every agent of the queue: p50/p99 over
 * BENCH_QUEUE_CHANGES changes, from the start command to the last agent's
 * `lists.changed`. The ceiling, measured in the same run: a bare `ws` server
 * process that relays a trigger through NATS and broadcasts one frame to the
 * same number of sockets.
 *
 * Usage: npm run bench:gateway   (BENCH_END_USERS, BENCH_AGENTS, BENCH_QUEUE_CHANGES)
 * Needs about 2 x (end users + agents) file descriptors across the bench and
 * gateway processes (each holds one side): raise `ulimit -n` (e.g. 65536) if
 * connecting fails with EMFILE.
 */
import { connect } from '@nats-io/transport-node';
import { createSubjects } from '@switchboard/contracts';
import { mongoUriFor, provideInfrastructure } from '@switchboard/infra';
import { startService, type ServiceProcess } from '@switchboard/testing';
import mongoose from 'mongoose';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { connectMany, token, type Socket } from './gateway-sockets';
import { percentile } from './stats';

const END_USERS = Number(process.env['BENCH_END_USERS'] ?? 10_000);
const AGENTS = Number(process.env['BENCH_AGENTS'] ?? 1_000);
const CHANGES = Number(process.env['BENCH_QUEUE_CHANGES'] ?? 50);
const PARTITIONS = 8;
const ROOT = resolve(__dirname, '../..');


async function main(): Promise<void> {
  const infra = await provideInfrastructure({ purpose: 'test', projectRoot: ROOT });
  const subjects = createSubjects(`gwbench${Date.now() % 100000}`);
  const database = `gwbench_${Date.now()}`;
  const db = await mongoose.createConnection(mongoUriFor(infra.mongoUri, database)).asPromise();
  const nc = await connect({ servers: infra.natsUrl });
  const processes: ServiceProcess[] = [];
  const sockets: Socket[] = [];
  let raw: { url: string; stop(): void } | undefined;
  try {
    await seed(db);
    const env = {
      NATS_URL: infra.natsUrl,
      MONGODB_URI: infra.mongoUri,
      MONGODB_DB: database,
      NATS_SUBJECT_PREFIX: subjects.prefix,
      CHAT_PARTITIONS: String(PARTITIONS),
    };
    processes.push(await startService('chat-actor', { ...env, INSTANCE_ID: 'bench-chat-actor' }));
    const gateway = await startService('gateway', { ...env, AUTH_MODE: 'development', INSTANCE_ID: 'bench-gateway', WS_HEARTBEAT_MS: '600000' }, { timeoutMs: 60_000 });
    processes.push(gateway);
    const wsUrl = `${gateway.url.replace(/^http/, 'ws')}/ws`;
    await settle();
    const rssStart = rssOf(gateway.pid);

    log(`connecting ${END_USERS} end users...`);
    const t0 = performance.now();
    const users = await connectMany(END_USERS, async (i) => `${wsUrl}?token=${await token(`bu${i}`, 'endUser')}`);
    sockets.push(...users);
    await settle();
    const rssUsers = rssOf(gateway.pid);
    log(`connecting ${AGENTS} agents...`);
    const agents = await connectMany(AGENTS, async (i) => `${wsUrl}?token=${await token(`ba${i}`, 'agent')}`);
    sockets.push(...agents);
    const connectSeconds = (performance.now() - t0) / 1000;
    await settle();
    const rssAll = rssOf(gateway.pid);

    // Queue changes: an end user starts a chat in the agents' queue; time until every agent has it in its Queue tab.
    log(`measuring ${CHANGES} queue changes reaching ${AGENTS} agents...`);
    const toAll: number[] = [];
    const perAgent: number[] = [];
    for (let c = 0; c < CHANGES; c++) {
      const user = users[c % users.length]!;
      const clientId = `bench-start-${c}-${Date.now()}`;
      const sessionId = new Promise<string>((resolveId) => {
        user.onFrame = (f) => {
          if (f['type'] === 'reply' && f['clientId'] === clientId) resolveId(((f['data'] as { session: { sessionId: string } }).session).sessionId);
        };
      });
      const arrivals: Array<{ id: string; at: number }> = [];
      let pending = AGENTS;
      let done!: () => void;
      const all = new Promise<void>((r) => (done = r));
      for (const agent of agents) {
        let seen = false;
        agent.onFrame = (f) => {
          if (seen || f['type'] !== 'lists.changed') return;
          const changes = f['changes'] as Array<{ op: string; list: string; item?: { sessionId: string } }>;
          const upsert = changes.find((ch) => ch.op === 'upsert' && ch.list === 'queue');
          if (!upsert) return;
          seen = true;
          arrivals.push({ id: upsert.item!.sessionId, at: performance.now() });
          if (--pending === 0) done();
        };
      }
      const sent = performance.now();
      user.ws.send(JSON.stringify({ type: 'session.start', clientId, description: `bench change ${c}`, topic: 'bench' }));
      await withTimeout(all, 30_000, `change ${c}: ${AGENTS - pending}/${AGENTS} agents reached`);
      const id = await sessionId;
      if (arrivals.some((a) => a.id !== id)) throw new Error('an agent saw another session than the one started');
      for (const a of arrivals) perAgent.push(a.at - sent);
      toAll.push(Math.max(...arrivals.map((a) => a.at)) - sent);
    }

    // Ceiling: bare ws broadcast through NATS to as many sockets, same machine, same run.
    raw = await startRawServer(infra.natsUrl, `${subjects.prefix}.rawbench`);
    const rawAgents = await connectMany(AGENTS, async () => raw!.url);
    const rawTrigger = (await connectMany(1, async () => raw!.url))[0]!;
    sockets.push(...rawAgents, rawTrigger);
    await settle();
    const ceiling: number[] = [];
    for (let c = 0; c < CHANGES; c++) {
      let pending = AGENTS;
      let done!: () => void;
      const all = new Promise<void>((r) => (done = r));
      let last = 0;
      for (const s of rawAgents) {
        s.onFrame = () => {
          last = performance.now();
          if (--pending === 0) done();
        };
      }
      rawTrigger.onFrame = () => undefined;
      const sent = performance.now();
      rawTrigger.ws.send(JSON.stringify({ go: `raw-${c}` }));
      await withTimeout(all, 30_000, 'raw broadcast');
      ceiling.push(last - sent);
    }

    const connections = END_USERS + AGENTS;
    toAll.sort((a, b) => a - b);
    perAgent.sort((a, b) => a - b);
    ceiling.sort((a, b) => a - b);
    const kib = (bytes: number) => (bytes / 1024).toFixed(1);
    const p99 = percentile(toAll, 99);
    const ceilingP99 = percentile(ceiling, 99);
    console.log(
      [
        '',
        `Gateway benchmark (${infra.localMongo?.engine ?? infra.source}; ${END_USERS} end users + ${AGENTS} agents on one gateway process)`,
        `  connected ${connections} sockets in ${connectSeconds.toFixed(1)} s`,
        `  gateway RSS: ${kib(rssStart)} KiB idle, ${kib(rssUsers)} KiB with end users, ${kib(rssAll)} KiB with all`,
        `  memory per connection: ${kib((rssAll - rssStart) / connections)} KiB (end users ${kib((rssUsers - rssStart) / END_USERS)} KiB, agents ${kib((rssAll - rssUsers) / AGENTS)} KiB)`,
        `  queue change to all ${AGENTS} agents (start command -> last agent's lists.changed), ${CHANGES} changes:`,
        `    p50 ${percentile(toAll, 50).toFixed(1)} ms   p99 ${p99.toFixed(1)} ms   (per agent: p50 ${percentile(perAgent, 50).toFixed(1)} ms, p99 ${percentile(perAgent, 99).toFixed(1)} ms)`,
        `  ceiling, bare ws broadcast via NATS to ${AGENTS} sockets: p50 ${percentile(ceiling, 50).toFixed(1)} ms   p99 ${ceilingP99.toFixed(1)} ms`,
        `  ratio p99 gateway / ceiling: ${(p99 / ceilingP99).toFixed(1)}x (the gateway path adds the chat-actor, a database write and JetStream)`,
        '',
      ].join('\n'),
    );
  } finally {
    for (const s of sockets) s.ws.terminate();
    raw?.stop();
    await Promise.all(processes.map((p) => p.stop()));
    await db.dropDatabase().catch(() => undefined);
    await db.close();
    await nc.close();
    await infra.stop();
  }
}

async function seed(db: mongoose.Connection): Promise<void> {
  await db.collection('settings').insertOne({
    _id: 'global' as never,
    supportQueues: true,
    useTopics: true,
    companyFilter: false,
    agentAutoAccept: false,
    remoteControlConsoleUrl: '',
    maxConcurrentChatsPerAgent: 0,
    revision: 1,
  });
  await db.collection('queues').insertOne({ _id: 'BenchQ' as never, description: 'benchmark' });
  await db.collection('topics').insertOne({ _id: 'bench' as never, name: 'Bench', queue: 'BenchQ' });
  const agents = Array.from({ length: AGENTS }, (_, i) => ({ _id: `ba${i}` as never, displayName: `Bench agent ${i}`, queues: ['BenchQ'], companies: ['acme'], cap: 0 }));
  const users = Array.from({ length: END_USERS }, (_, i) => ({ _id: `bu${i}` as never, displayName: `Bench user ${i}`, companyId: 'acme', assets: [] }));
  for (let i = 0; i < agents.length; i += 1000) await db.collection('agents').insertMany(agents.slice(i, i + 1000));
  for (let i = 0; i < users.length; i += 1000) await db.collection('end_users').insertMany(users.slice(i, i + 1000));
}




function startRawServer(natsUrl: string, subject: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['-r', resolve(ROOT, 'tools/runtime/register.cjs'), resolve(ROOT, 'bench/src/raw-broadcast-server.ts')], {
    cwd: ROOT,
    env: { ...process.env, NATS_URL: natsUrl, SUBJECT: subject },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveServer, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /"url":"([^"]+)"/.exec(line);
      if (match) resolveServer({ url: match[1]!, stop: () => child.kill('SIGKILL') });
    });
    child.once('exit', (code) => reject(new Error(`raw broadcast server exited with ${code}`)));
  });
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** Lets the gateway finish set-up work (presence writes, snapshots) and the GC settle before a reading. */
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 3000));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)))]).finally(() => clearTimeout(timer));
}

function log(message: string): void {
  console.log(`[gateway bench] ${message}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
