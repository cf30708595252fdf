import { ChatCluster } from '@switchboard/testing';

const ORIGINALS = 800;
const REPEATS = 200;

describe('chat-actor acceptance: start storm over two chat-actor processes', () => {
  const cluster = new ChatCluster({ chatActors: 2 });

  beforeAll(async () => {
    await cluster.start();
    await cluster.seedEndUsers(Array.from({ length: ORIGINALS }, (_, i) => `storm-${i}`));
    await cluster.allPartitionsOwned();
  });
  afterAll(() => cluster.stop());

  it(`R1.1 A2 ${ORIGINALS + REPEATS} concurrent starts of which ${REPEATS} repeat a request id: exactly ${ORIGINALS} sessions, each repeat returns its original`, async () => {
    const originals = Array.from({ length: ORIGINALS }, (_, i) => cluster.startCommand(`storm-${i}`, `request-${i}`));
    // A repeat is a new message (new command id, new candidate session id) with the same request id,
    // as a retry through another gateway would be.
    const repeats = Array.from({ length: REPEATS }, (_, i) => {
      const original = originals[i * (ORIGINALS / REPEATS)]!;
      return { original, command: cluster.startCommand(original.actor.id, original.requestId) };
    });
    const all = [...originals.map((command) => ({ command, original: undefined })), ...repeats];
    // Interleave so repeats race their originals.
    all.sort(() => Math.random() - 0.5);

    const replies = await Promise.all(all.map(async (entry) => ({ ...entry, reply: await cluster.client.send(entry.command) })));
    const failures = replies.filter((r) => !r.reply.ok);
    expect(failures.map((f) => (f.reply.ok ? '' : `${f.reply.error.code}: ${f.reply.error.message}`))).toEqual([]);

    const sessionOf = new Map<string, string>();
    for (const r of replies) if (!r.original && r.reply.ok) sessionOf.set(r.command.requestId, r.reply.data.sessionId);
    for (const r of replies) {
      if (!r.original || !r.reply.ok) continue;
      expect(r.reply.data.sessionId).toBe(sessionOf.get(r.original.requestId));
    }
    expect(new Set(sessionOf.values()).size).toBe(ORIGINALS);
    expect(await cluster.db.collection('chat_sessions').countDocuments({})).toBe(ORIGINALS);
  }, 300000);
});
