/**
 * Chat-actor benchmark: the actor path (NATS request -> session mailbox ->
 * decide -> group-committed commit insert -> JetStream publish -> reply)
 * against a ceiling measured in the same run on the same servers: a NATS
 * request-reply whose responder does one unique-id insert and replies.
 * - throughput with BENCH_CONCURRENCY (32) in flight, 1 and 2 processes;
 * - the ratio of 2 processes to 1;
 * - p50 of a post into a chat of BENCH_LONG_CHAT (2,000) messages against one of 10;
 * - the chat-actor's RSS after BENCH_MEMORY_SESSIONS (5,000 then 50,000; a
 *   reading after each count in the list) sessions were started and closed,
 *   the last reading against the first.
 * Prints the load average: figures from a busy machine are not comparable.
 *
 * Usage: npm run bench   (BENCH_COMMANDS, BENCH_CONCURRENCY, BENCH_LONG_CHAT,
 * BENCH_LONG_CHAT_SAMPLES, BENCH_MEMORY_SESSIONS to change the load;
 * BENCH_PARTS=throughput,long-chat,memory to run some parts only: the
 * memory part alone takes about half an hour on 2 cores)
 */
import { connect } from '@nats-io/transport-node';
import { createSubjects, newSessionId, type SessionCommandMessage } from '@switchboard/contracts';
import { provideInfrastructure, mongoUriFor } from '@switchboard/infra';
import { ChatActorClient, decodeJson, encodeJson } from '@switchboard/service-kit';
import { startService, type ServiceProcess } from '@switchboard/testing';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { formatRow, measure, type RunFigures } from './stats';

const COMMANDS = Number(process.env['BENCH_COMMANDS'] ?? 3000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 32);
const SESSIONS = 200;
const PARTITIONS = 16;
/** Messages in the long chat of the latency comparison, and posts measured in each chat. */
const LONG_CHAT = Number(process.env['BENCH_LONG_CHAT'] ?? 2000);
const LONG_CHAT_SAMPLES = Number(process.env['BENCH_LONG_CHAT_SAMPLES'] ?? 200);
/** Sessions started and closed before each memory reading. */
const MEMORY_SESSIONS = (process.env['BENCH_MEMORY_SESSIONS'] ?? '5000,50000').split(',').map(Number);
const PARTS = new Set((process.env['BENCH_PARTS'] ?? 'throughput,long-chat,memory').split(','));

async function main(): Promise<void> {
  const root = resolve(__dirname, '../..');
  const infra = await provideInfrastructure({ purpose: 'test', projectRoot: root });
  const engine = infra.localMongo?.engine ?? infra.source;
  const results: RunFigures[] = [];
  const memory: Array<{ sessions: number; rssMiB: number }> = [];
  try {
    const nc = await connect({ servers: infra.natsUrl });
    const database = `bench_${Date.now()}`;
    const db = await mongoose.createConnection(mongoUriFor(infra.mongoUri, database)).asPromise();

    // Ceiling: request-reply + one unique-id insert, no actor.
    const ceilingSubject = 'bench.ceiling';
    const probes = db.collection('bench_ceiling');
    nc.subscribe(ceilingSubject, {
      queue: 'bench',
      callback: (_e, msg) => {
        const { id } = decodeJson(msg.data) as { id: string };
        probes.insertOne({ _id: id as never, at: new Date() }).then(
          () => msg.respond(encodeJson({ ok: true })),
          () => msg.respond(encodeJson({ ok: false })),
        );
      },
    });
    const ceiling = await measure('ceiling: NATS req + DB write', PARTS.has('throughput') ? COMMANDS : 200, CONCURRENCY, async () => {
      await nc.request(ceilingSubject, encodeJson({ id: randomUUID() }), { timeout: 10_000 });
    });
    results.push(ceiling);

    // The long chat and memory parts run on one process only.
    for (const processes of PARTS.has('throughput') ? [1, 2] : [1]) {
      const subjects = createSubjects(`bench${processes}${Date.now() % 100000}`);
      const env = {
        NATS_URL: infra.natsUrl,
        MONGODB_URI: infra.mongoUri,
        MONGODB_DB: database,
        NATS_SUBJECT_PREFIX: subjects.prefix,
        CHAT_PARTITIONS: String(PARTITIONS),
        LOG_LEVEL: 'info',
      };
      const actors: ServiceProcess[] = [];
      for (let i = 1; i <= processes; i++) actors.push(await startService('chat-actor', { ...env, INSTANCE_ID: `bench-${i}` }));
      console.error(`[bench] ${processes} chat-actor process(es) started; waiting for partition ownership`);
      await waitForOwnership(nc, subjects.chatOwnership, processes);
      console.error(`[bench] ${processes} process(es): partitions owned`);
      const client = new ChatActorClient(nc, subjects, { partitions: PARTITIONS, deadlineMs: 60_000, attemptTimeoutMs: 20_000 });

      const users = Array.from({ length: SESSIONS }, (_, i) => `bench-${processes}-user-${i}`);
      await db.collection('end_users').insertMany(users.map((id) => ({ _id: id as never, displayName: id, companyId: 'acme', assets: [] })));
      const sessionIds: string[] = [];
      for (const user of users) {
        const start: SessionCommandMessage = {
          type: 'StartSession',
          commandId: randomUUID(),
          sessionId: newSessionId(user, randomUUID()),
          actor: { role: 'endUser', id: user },
          requestId: randomUUID(),
          description: 'benchmark',
        };
        const reply = await client.send(start);
        if (!reply.ok) throw new Error(`start failed: ${reply.error.code}`);
        sessionIds.push(reply.data.sessionId);
      }

      if (PARTS.has('throughput')) results.push(
        await measure(`actor path, ${processes} process${processes > 1 ? 'es' : ''}`, COMMANDS, CONCURRENCY, async (i) => {
          const sessionId = sessionIds[i % SESSIONS]!;
          const user = users[i % SESSIONS]!;
          const reply = await client.send({ type: 'PostMessage', commandId: randomUUID(), sessionId, actor: { role: 'endUser', id: user }, text: `message ${i}` });
          if (!reply.ok) throw new Error(`post failed: ${reply.error.code} ${reply.error.message}`);
        }),
      );
      if (processes === 1 && PARTS.has('long-chat')) {
        console.error('[bench] long-chat latency');
        results.push(...(await longChatLatency(client, db, processes)));
      }
      if (processes === 1 && PARTS.has('memory')) {
        console.error('[bench] memory after sessions started and closed');
        try {
          memory.push(...(await memoryAfterSessions(client, db, actors[0]!)));
        } catch (error) {
          console.error('[bench] memory run failed:', error, '\nchat-actor alive:', actors[0]!.alive(), '\nlast log lines:\n' + actors[0]!.logs.slice(-40).join('\n'));
        }
      }
      await Promise.all(actors.map((a) => a.stop()));
    }

    await db.dropDatabase();
    await db.close();
    await nc.close();
  } finally {
    await infra.stop();
  }

  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`\nchat-actor benchmark: ${COMMANDS} commands, ${CONCURRENCY} in flight, ${SESSIONS} sessions, database ${engine}, ${cpus().length} cores, load average ${load}`);
  const ceiling = results[0]!;
  // Rows of one post at a time are compared with each other, not with the ceiling.
  for (const r of results) console.log(formatRow(r, r === ceiling || r.label.startsWith('post into') ? undefined : ceiling));
  const one = results.find((r) => r.label === 'actor path, 1 process');
  const two = results.find((r) => r.label === 'actor path, 2 processes');
  if (one && two) console.log(`2 processes / 1 process throughput: ${(two.perSecond / one.perSecond).toFixed(2)}x (target >= 0.9x)`);
  const short = results.find((r) => r.label.startsWith('post into a chat of 10'));
  const long = results.find((r) => r.label.startsWith(`post into a chat of ${LONG_CHAT}`));
  if (short && long) console.log(`p50 latency, chat of ${LONG_CHAT} / chat of 10 messages: ${(long.p50 / short.p50).toFixed(2)}x (target <= 1.2x)`);
  for (const m of memory) console.log(`chat-actor RSS after ${String(m.sessions).padStart(6)} sessions started and closed: ${m.rssMiB.toFixed(1)} MiB`);
  const [first, last] = [memory[0], memory.at(-1)];
  if (first && last && last !== first) console.log(`RSS ${last.sessions} / ${first.sessions} sessions: ${(last.rssMiB / first.rssMiB).toFixed(2)}x (target <= 1.2x)`);
}

/** The p50 of a post into a chat that holds LONG_CHAT messages, next to one into a chat of 10 (one at a time, as one chat's posts are). */
async function longChatLatency(client: ChatActorClient, db: mongoose.Connection, processes: number): Promise<RunFigures[]> {
  const figures: RunFigures[] = [];
  for (const size of [10, LONG_CHAT]) {
    const user = `bench-${processes}-long-${size}`;
    await db.collection('end_users').insertOne({ _id: user as never, displayName: user, companyId: 'acme', assets: [] });
    const sessionId = await startSession(client, user);
    const post = async (i: number) => {
      const reply = await client.send({ type: 'PostMessage', commandId: randomUUID(), sessionId, actor: { role: 'endUser', id: user }, text: `message ${i} `.padEnd(200, 'x') });
      if (!reply.ok) throw new Error(`post failed: ${reply.error.code} ${reply.error.message}`);
    };
    for (let i = 0; i < size - 1; i++) await post(i);
    figures.push(await measure(`post into a chat of ${size} messages`, LONG_CHAT_SAMPLES, 1, post));
  }
  return figures;
}

/** The chat-actor's resident memory after MEMORY_SESSIONS[0] and then MEMORY_SESSIONS[1] sessions were started and closed. */
async function memoryAfterSessions(client: ChatActorClient, db: mongoose.Connection, actor: ServiceProcess): Promise<Array<{ sessions: number; rssMiB: number }>> {
  const out: Array<{ sessions: number; rssMiB: number }> = [];
  let done = 0;
  for (const target of MEMORY_SESSIONS) {
    const users = Array.from({ length: target - done }, (_, i) => `mem-${done + i}`);
    for (let i = 0; i < users.length; i += 1000) {
      await db.collection('end_users').insertMany(users.slice(i, i + 1000).map((id) => ({ _id: id as never, displayName: id, companyId: 'acme', assets: [] })));
    }
    await measure('sessions started and closed', users.length, CONCURRENCY, async (i) => {
      const user = users[i]!;
      const sessionId = await startSession(client, user);
      const cancelled = await client.send({ type: 'CancelByUser', commandId: randomUUID(), sessionId, actor: { role: 'endUser', id: user } });
      if (!cancelled.ok) throw new Error(`cancel failed: ${cancelled.error.code}`);
    });
    done = target;
    out.push({ sessions: target, rssMiB: rssMiB(actor.pid) });
    console.error(`[bench] ${target} sessions started and closed: RSS ${out.at(-1)!.rssMiB.toFixed(1)} MiB`);
  }
  return out;
}

async function startSession(client: ChatActorClient, user: string): Promise<string> {
  const reply = await client.send({ type: 'StartSession', commandId: randomUUID(), sessionId: newSessionId(user, randomUUID()), actor: { role: 'endUser', id: user }, requestId: randomUUID(), description: 'benchmark' });
  if (!reply.ok) throw new Error(`start failed: ${reply.error.code}`);
  return reply.data.sessionId;
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

async function waitForOwnership(nc: Awaited<ReturnType<typeof connect>>, subject: string, processes: number): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const owned: number[] = [];
    let answers = 0;
    for await (const msg of await nc.requestMany(subject, '', { maxWait: 300 })) {
      answers++;
      owned.push(...(msg.json<{ owned: Array<{ partition: number }> }>().owned.map((o) => o.partition)));
    }
    if (answers === processes && new Set(owned).size === PARTITIONS && owned.length === PARTITIONS) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('chat-actors did not settle');
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
