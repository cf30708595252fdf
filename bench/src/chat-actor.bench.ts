/**
 * Chat-actor throughput and latency through the actor path (NATS request ->
 * session mailbox -> decide -> commit insert + snapshot update -> JetStream
 * publish -> reply), with 1 and 2 chat-actor processes, next to a raw
 * ceiling measured in the same run on the same servers: a NATS
 * request-reply whose responder does one conditional write (the same
 * unique-id insert a commit is) and replies.
 *
 * Usage: npm run bench   (BENCH_COMMANDS, BENCH_CONCURRENCY to change the load)
 */
import { connect } from '@nats-io/transport-node';
import { createSubjects, newSessionId, type SessionCommandMessage } from '@switchboard/contracts';
import { provideInfrastructure, mongoUriFor } from '@switchboard/infra';
import { ChatActorClient, decodeJson, encodeJson } from '@switchboard/service-kit';
import { startService, type ServiceProcess } from '@switchboard/testing';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { formatRow, measure, type RunFigures } from './stats';

const COMMANDS = Number(process.env['BENCH_COMMANDS'] ?? 3000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 32);
const SESSIONS = 200;
const PARTITIONS = 16;

async function main(): Promise<void> {
  const root = resolve(__dirname, '../..');
  const infra = await provideInfrastructure({ purpose: 'test', projectRoot: root });
  const engine = infra.localMongo?.engine ?? infra.source;
  const results: RunFigures[] = [];
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
    const ceiling = await measure('ceiling: NATS req + DB write', COMMANDS, CONCURRENCY, async () => {
      await nc.request(ceilingSubject, encodeJson({ id: randomUUID() }), { timeout: 10_000 });
    });
    results.push(ceiling);

    for (const processes of [1, 2]) {
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
      await waitForOwnership(nc, subjects.chatOwnership, processes);
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

      results.push(
        await measure(`actor path, ${processes} process${processes > 1 ? 'es' : ''}`, COMMANDS, CONCURRENCY, async (i) => {
          const sessionId = sessionIds[i % SESSIONS]!;
          const user = users[i % SESSIONS]!;
          const reply = await client.send({ type: 'PostMessage', commandId: randomUUID(), sessionId, actor: { role: 'endUser', id: user }, text: `message ${i}` });
          if (!reply.ok) throw new Error(`post failed: ${reply.error.code} ${reply.error.message}`);
        }),
      );
      await Promise.all(actors.map((a) => a.stop()));
    }

    await db.dropDatabase();
    await db.close();
    await nc.close();
  } finally {
    await infra.stop();
  }

  console.log(`\nchat-actor benchmark: ${COMMANDS} commands, ${CONCURRENCY} in flight, ${SESSIONS} sessions, database ${engine}, 2 cores`);
  const ceiling = results[0]!;
  for (const r of results) console.log(formatRow(r, r === ceiling ? undefined : ceiling));
}

async function waitForOwnership(nc: Awaited<ReturnType<typeof connect>>, subject: string, processes: number): Promise<void> {
  const deadline = Date.now() + 20_000;
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
