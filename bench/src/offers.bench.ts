/**
 * Offers (issue 14): time from a chat queued (its start acknowledged) to the
 * offer shown on the agent's socket (`session.event` ChatOffered), p50/p99 at
 * rising arrival rates, next to the same time for a direct assignment
 * (`SessionAssigned`) measured in the same run: half the chats of each rate
 * go to a queue that offers, half to one that assigns directly, interleaved.
 * The agents accept every offer at once. One gateway, two chat-actors, one
 * router, real NATS and database.
 *
 * Usage: npm run bench:offers   (BENCH_RATES=5,20,50 BENCH_SECONDS=4 BENCH_AGENTS=20)
 */
import { connect } from '@nats-io/transport-node';
import { createSubjects, newSessionId } from '@switchboard/contracts';
import { DEFAULT_SETTINGS } from '@switchboard/domain';
import { mongoUriFor, provideInfrastructure } from '@switchboard/infra';
import { ChatActorClient } from '@switchboard/service-kit';
import { startService, type ServiceProcess } from '@switchboard/testing';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { cpuPerOperation, cpuUse, formatCpu } from './cpu-use';
import { connectMany, token, type Socket } from './gateway-sockets';
import { percentile } from './stats';

const RATES = (process.env['BENCH_RATES'] ?? '5,20,50').split(',').map(Number);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 4);
const AGENTS = Number(process.env['BENCH_AGENTS'] ?? 20);
const PARTITIONS = 16;
const ROOT = resolve(__dirname, '../..');
/** A chat not shown to an agent by then fails the run instead of hanging it. */
const SHOWN_TIMEOUT_MS = 30_000;
/** Chats before the measured rates, not measured (connections, JIT, the collections' first writes). */
const WARM_UP = 10;
const WARM_UP_RATE = 5;

type Kind = 'offer' | 'direct';

async function main(): Promise<void> {
  const infra = await provideInfrastructure({ purpose: 'test', projectRoot: ROOT });
  const subjects = createSubjects(`offbench${Date.now() % 100000}`);
  const database = `offbench_${Date.now()}`;
  const db = await mongoose.createConnection(mongoUriFor(infra.mongoUri, database)).asPromise();
  const nc = await connect({ servers: infra.natsUrl });
  const processes: ServiceProcess[] = [];
  const sockets: Socket[] = [];
  const rows: Array<{ rate: number; kind: Kind; n: number; p50: number; p99: number; cpu?: Record<string, number> }> = [];
  try {
    const users = [...Array.from({ length: WARM_UP }, (_, i) => `ou-warm-${i}`), ...RATES.flatMap((rate) => Array.from({ length: rate * SECONDS }, (_, i) => `ou-${rate}-${i}`))];
    await db.collection('settings').insertOne({ _id: 'global' as never, ...DEFAULT_SETTINGS, supportQueues: true, useTopics: true, agentAutoAccept: true, revision: 1 });
    await db.collection('queues').insertMany([
      { _id: 'Offered' as never, description: 'offers', firstReplySeconds: 0, offerSeconds: 30 },
      { _id: 'Direct' as never, description: 'direct assignment', firstReplySeconds: 0, offerSeconds: 0 },
    ]);
    await db.collection('topics').insertMany([
      { _id: 'offered' as never, name: 'Offered', queue: 'Offered' },
      { _id: 'direct' as never, name: 'Direct', queue: 'Direct' },
    ]);
    await db.collection('agents').insertMany(Array.from({ length: AGENTS }, (_, i) => ({ _id: `oa${i}` as never, displayName: `Agent ${i}`, queues: ['Offered', 'Direct'], companies: ['acme'], cap: 0 })));
    for (let i = 0; i < users.length; i += 1000) {
      await db.collection('end_users').insertMany(users.slice(i, i + 1000).map((id) => ({ _id: id as never, displayName: id, companyId: 'acme', assets: [] })));
    }
    const env = { NATS_URL: infra.natsUrl, MONGODB_URI: infra.mongoUri, MONGODB_DB: database, NATS_SUBJECT_PREFIX: subjects.prefix, CHAT_PARTITIONS: String(PARTITIONS) };
    for (let i = 1; i <= 2; i++) processes.push(await startService('chat-actor', { ...env, INSTANCE_ID: `offbench-actor-${i}` }));
    processes.push(await startService('router', { ...env, INSTANCE_ID: 'offbench-router' }));
    const gateway = await startService('gateway', { ...env, AUTH_MODE: 'development', INSTANCE_ID: 'offbench-gateway', WS_HEARTBEAT_MS: '600000' }, { timeoutMs: 60_000 });
    processes.push(gateway);
    const wsUrl = `${gateway.url.replace(/^http/, 'ws')}/ws`;

    // When each chat was shown to its agent; the agent takes every offer at once.
    const shownAt = new Map<string, number>();
    const waiters = new Map<string, () => void>();
    const shown = (sessionId: string) => {
      if (shownAt.has(sessionId)) return;
      shownAt.set(sessionId, performance.now());
      waiters.get(sessionId)?.();
    };
    const agents = await connectMany(AGENTS, async (i) => `${wsUrl}?token=${await token(`oa${i}`, 'agent')}`);
    sockets.push(...agents);
    let answers = 0;
    for (const socket of agents) {
      socket.onFrame = (frame) => {
        if (frame['type'] !== 'session.event') return;
        const event = frame['event'] as { type: string; sessionId: string; via?: string };
        if (event.type === 'ChatOffered') {
          shown(event.sessionId);
          socket.ws.send(JSON.stringify({ type: 'session.acceptOffer', clientId: `accept-${answers++}`, sessionId: event.sessionId }));
        }
        if (event.type === 'SessionAssigned' && event.via === 'autoAssign') shown(event.sessionId);
      };
    }
    // Every agent online (the gateway sets them so as they connect) before the first chat.
    await new Promise((r) => setTimeout(r, 2000));

    const client = new ChatActorClient(nc, subjects, { partitions: PARTITIONS, deadlineMs: 60_000, attemptTimeoutMs: 20_000 });
    for (const [step, rate] of [WARM_UP_RATE, ...RATES].entries()) {
      const warmUp = step === 0;
      const count = warmUp ? WARM_UP : rate * SECONDS;
      const latencies: Record<Kind, number[]> = { offer: [], direct: [] };
      const cpuBefore = cpuUse();
      const started = performance.now();
      const pending: Array<Promise<void>> = [];
      for (let i = 0; i < count; i++) {
        const wait = started + (i * 1000) / rate - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const kind: Kind = i % 2 === 0 ? 'offer' : 'direct';
        const user = warmUp ? `ou-warm-${i}` : `ou-${rate}-${i}`;
        pending.push(
          (async () => {
            const sessionId = newSessionId(user, randomUUID());
            const seen = new Promise<void>((done, fail) => {
              waiters.set(sessionId, done);
              setTimeout(() => fail(new Error(`chat ${sessionId} (${kind}) not shown within ${SHOWN_TIMEOUT_MS} ms`)), SHOWN_TIMEOUT_MS).unref();
            });
            const reply = await client.send({
              type: 'StartSession',
              commandId: randomUUID(),
              sessionId,
              actor: { role: 'endUser', id: user },
              requestId: randomUUID(),
              description: 'benchmark',
              topic: kind === 'offer' ? 'offered' : 'direct',
            });
            if (!reply.ok) throw new Error(`start failed: ${reply.error.code}`);
            const queuedAt = performance.now();
            if (!shownAt.has(sessionId)) await seen;
            latencies[kind].push(Math.max(0, shownAt.get(sessionId)! - queuedAt));
          })(),
        );
      }
      await Promise.all(pending);
      const cpu = cpuPerOperation(cpuBefore, cpuUse(), count);
      if (warmUp) continue;
      for (const kind of ['offer', 'direct'] as const) {
        const sorted = latencies[kind].sort((a, b) => a - b);
        rows.push({ rate, kind, n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), cpu: kind === 'offer' ? cpu : undefined });
      }
    }
  } finally {
    for (const s of sockets) s.ws.terminate();
    await Promise.all(processes.map((p) => p.stop()));
    await db.dropDatabase().catch(() => undefined);
    await db.close();
    await nc.close();
    await infra.stop();
  }

  console.log(`\noffers benchmark: time from a chat queued to its agent's socket showing it, ${AGENTS} agents, 1 gateway, 2 chat-actors, 1 router`);
  for (const rate of RATES) {
    const offer = rows.find((r) => r.rate === rate && r.kind === 'offer')!;
    const direct = rows.find((r) => r.rate === rate && r.kind === 'direct')!;
    console.log(
      `${String(rate).padStart(4)} chats/s  offer shown    n=${String(offer.n).padStart(4)}  p50 ${offer.p50.toFixed(1).padStart(7)} ms  p99 ${offer.p99.toFixed(1).padStart(7)} ms  (p99 ${(offer.p99 / direct.p99).toFixed(2)}x direct)`,
    );
    console.log(`${String(rate).padStart(4)} chats/s  direct assigned n=${String(direct.n).padStart(4)}  p50 ${direct.p50.toFixed(1).padStart(7)} ms  p99 ${direct.p99.toFixed(1).padStart(7)} ms`);
    console.log(`               ${formatCpu(offer.cpu)}`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
