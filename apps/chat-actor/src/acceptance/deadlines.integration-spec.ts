import type { ChatEventMessage } from '@switchboard/contracts';
import { ChatCluster, consistently, eventually } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { OwnerKiller } from './owner-killer';

/** The first-reply limit of the queue in these tests, in seconds. */
const FIRST_REPLY_SECONDS = 2;
/** Default ownership lease of a chat-actor: a deadline may be this much (plus 1 s) late after its owner died. */
const LEASE_TTL_MS = 2000;
const KILLS = Number(process.env['DEADLINE_KILLS'] ?? 50);

/** Every event of the stream for `sessionId`, each seq once (a replay after a crash publishes some again). */
function eventsOf(all: readonly ChatEventMessage[], sessionId: string): ChatEventMessage['event'][] {
  const bySeq = new Map<number, ChatEventMessage['event']>();
  for (const m of all) if (m.event.sessionId === sessionId) bySeq.set(m.event.seq, m.event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

describe('chat-actor acceptance: durable deadlines (ADR 13)', () => {
  const cluster = new ChatCluster({ chatActors: 3 });

  beforeAll(async () => {
    await cluster.start();
    await cluster.seedAgents([{ id: 'agent-1' }, { id: 'agent-2' }]);
    await cluster.seedEndUsers(Array.from({ length: KILLS * 2 }, (_, i) => `deadline-user-${i}`));
    await cluster.saveQueuePolicy('General', { firstReplySeconds: FIRST_REPLY_SECONDS });
    await cluster.allPartitionsOwned();
  });
  afterAll(() => cluster.stop());

  it(`durable deadlines: the process owning a deadline is SIGKILLed between arming and firing, ${KILLS} times; each deadline fires exactly once, at most the lease TTL plus 1 s late`, async () => {
    const sessions: Array<{ sessionId: string; dueAt: number }> = [];
    const kills: string[] = [];
    const killer = new OwnerKiller(cluster);
    // A session whose owner cannot be killed before its deadline (a handover under way took too long) is not counted.
    for (let i = 0; kills.length < KILLS && i < KILLS * 2; i++) {
      const start = await cluster.client.send(cluster.startCommand(`deadline-user-${i}`));
      if (!start.ok) throw new Error(`start failed: ${start.error.code}`);
      const sessionId = start.data.sessionId;
      const accepted = await cluster.client.send({ type: 'AcceptSession', commandId: randomUUID(), sessionId, actor: { role: 'agent', id: `agent-${1 + (i % 2)}` } });
      if (!accepted.ok) throw new Error(`accept failed: ${accepted.error.code}`);
      const assigned = accepted.data.events.find((e) => e.type === 'SessionAssigned');
      const dueAt = Date.parse((assigned as { firstReplyDueAt?: string } | undefined)?.firstReplyDueAt ?? '');
      expect(Number.isNaN(dueAt)).toBe(false);
      sessions.push({ sessionId, dueAt });

      // The process that owns the session now, killed at a random moment before the deadline; a session
      // whose owner cannot be killed in time (a busy machine) is still checked, not counted as a kill.
      const owner = await killer.killBefore(sessionId, dueAt);
      if (owner === undefined) continue;
      kills.push(owner);
    }
    await killer.settled();
    expect(kills).toHaveLength(KILLS);

    // Every deadline fired: each session got exactly one FirstReplyMissed, at most the lease TTL plus 1 s late.
    let stream: ChatEventMessage[] = [];
    await eventually(
      async () => {
        stream = await cluster.streamEvents();
        for (const { sessionId } of sessions) expect(eventsOf(stream, sessionId).some((e) => e.type === 'FirstReplyMissed')).toBe(true);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const lateness: number[] = [];
    for (const { sessionId, dueAt } of sessions) {
      const missed = eventsOf(stream, sessionId).filter((e) => e.type === 'FirstReplyMissed');
      expect(missed).toHaveLength(1);
      lateness.push(Date.parse(missed[0]!.at) - dueAt);
    }
    expect(Math.min(...lateness)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...lateness)).toBeLessThanOrEqual(LEASE_TTL_MS + 1000);
    // Nothing fires again later (a second owner, a replay).
    await consistently(
      async () => {
        const again = await cluster.streamEvents();
        for (const { sessionId } of sessions) expect(eventsOf(again, sessionId).filter((e) => e.type === 'FirstReplyMissed')).toHaveLength(1);
      },
      { forMs: 3000, intervalMs: 1000 },
    );
    lateness.sort((a, b) => a - b);
    console.log(`durable deadlines: ${kills.length} kills; lateness p50 ${lateness[Math.floor(lateness.length / 2)]} ms, max ${lateness.at(-1)} ms`);
  }, 900_000);
});
