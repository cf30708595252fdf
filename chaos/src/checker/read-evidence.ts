import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type mongoose from 'mongoose';
import type { ChaosEvent, StoredCommit, StoredSession, StreamEntry } from './evidence';

/**
 * The chat event stream from its first message to its last, in stream
 * order, through an ordered consumer (any live node). Fails when it cannot
 * be read to its end within `timeoutMs`, so a caller can try again.
 */
export async function readStream(nc: NatsConnection, stream: string, timeoutMs = 120_000): Promise<StreamEntry[]> {
  const deadline = Date.now() + timeoutMs;
  const jsm = await jetstreamManager(nc, { timeout: 10_000 });
  const last = (await jsm.streams.info(stream)).state.last_seq;
  const consumer = await jetstream(nc, { timeout: 10_000 }).consumers.get(stream);
  const out: StreamEntry[] = [];
  let seq = 0;
  while (seq < last) {
    if (Date.now() > deadline) throw new Error(`read the chat event stream to ${seq} of ${last} in ${timeoutMs} ms`);
    const batch = await consumer.fetch({ max_messages: 1000, expires: 2000 });
    for await (const m of batch) {
      const { event } = m.json<{ event: ChaosEvent }>();
      out.push({ streamSeq: m.seq, event });
      seq = m.seq;
    }
  }
  return out;
}

/** The session records and commits as stored (the fields the checks read). */
export async function readStore(db: mongoose.Connection): Promise<{ sessions: StoredSession[]; commits: StoredCommit[] }> {
  const sessions: StoredSession[] = await db
    .collection<StoredSession>('chat_sessions')
    .find({}, { projection: { startKey: 1, openSlot: 1, endUserId: 1, status: 1, ownerAgentId: 1, version: 1, partition: 1, startEvents: 1 } })
    .toArray();
  // A commit's `at` is stored as a date; the checks compare milliseconds.
  const raw = await db
    .collection<Omit<StoredCommit, 'at'> & { at: Date }>('chat_session_commits')
    .find({}, { projection: { sessionId: 1, baseVersion: 1, epoch: 1, partition: 1, at: 1, events: 1 } })
    .toArray();
  const commits: StoredCommit[] = raw.map((c) => ({ ...c, at: new Date(c.at).getTime() }));
  return { sessions, commits };
}
