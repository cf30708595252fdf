import type { ChatEventMessage } from '@switchboard/contracts';
import { ChatCluster, consistently, eventually } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { OwnerKiller } from './owner-killer';

/** The queue's end-user inactivity in these tests: asked after 2 s of silence, closed 2 s later. */
const WARN_SECONDS = 2;
const CLOSE_SECONDS = 2;
/** Default ownership lease of a chat-actor: a deadline may be this much (plus 1 s) late after its owner died. */
const LEASE_TTL_MS = 2000;
const KILLS = Number(process.env['INACTIVITY_KILLS'] ?? 5);

/** Every event of the stream for `sessionId`, each seq once (a replay after a crash publishes some again). */
function eventsOf(all: readonly ChatEventMessage[], sessionId: string): ChatEventMessage['event'][] {
  const bySeq = new Map<number, ChatEventMessage['event']>();
  for (const m of all) if (m.event.sessionId === sessionId) bySeq.set(m.event.seq, m.event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

describe('chat-actor acceptance: end-user inactivity deadlines are durable (issue 15, ADR 13)', () => {
  const cluster = new ChatCluster({ chatActors: 3, startTimeoutMs: 120_000 });

  beforeAll(async () => {
    await cluster.start();
    await cluster.seedAgents([{ id: 'agent-1' }]);
    await cluster.seedEndUsers(Array.from({ length: KILLS * 2 }, (_, i) => `quiet-user-${i}`));
    await cluster.saveQueuePolicy('General', { userInactivityWarnSeconds: WARN_SECONDS, userInactivityCloseSeconds: CLOSE_SECONDS });
    await cluster.allPartitionsOwned();
  }, 300_000);
  afterAll(() => cluster.stop());

  it(`end-user inactivity: the owner of an armed warning is SIGKILLed ${KILLS} times; each chat is warned once and closed once as userInactive, at most the lease TTL plus 1 s late`, async () => {
    const sessions: Array<{ sessionId: string; warnAt: number }> = [];
    const killer = new OwnerKiller(cluster, 30_000);
    for (let i = 0; sessions.length < KILLS && i < KILLS * 2; i++) {
      const start = await cluster.client.send(cluster.startCommand(`quiet-user-${i}`));
      if (!start.ok) throw new Error(`start failed: ${start.error.code}`);
      const sessionId = start.data.sessionId;
      const agent = { role: 'agent' as const, id: 'agent-1' };
      const accepted = await cluster.client.send({ type: 'AcceptSession', commandId: randomUUID(), sessionId, actor: agent });
      if (!accepted.ok) throw new Error(`accept failed: ${accepted.error.code}`);
      const asked = await cluster.client.send({ type: 'PostMessage', commandId: randomUUID(), sessionId, actor: agent, text: 'Is it working now?' });
      if (!asked.ok) throw new Error(`message failed: ${asked.error.code}`);
      const warnAt = Date.parse((asked.data.events[0] as { inactivityWarnAt?: string }).inactivityWarnAt ?? '');
      expect(Number.isNaN(warnAt)).toBe(false);

      // A session whose owner cannot be killed before its warning (a busy machine) is not counted.
      if ((await killer.killBefore(sessionId, warnAt)) === undefined) continue;
      sessions.push({ sessionId, warnAt });
    }
    await killer.settled();
    expect(sessions).toHaveLength(KILLS);

    let stream: ChatEventMessage[] = [];
    await eventually(
      async () => {
        stream = await cluster.streamEvents();
        for (const { sessionId } of sessions) expect(eventsOf(stream, sessionId).some((e) => e.type === 'SessionClosed')).toBe(true);
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const lateness: number[] = [];
    for (const { sessionId, warnAt } of sessions) {
      const events = eventsOf(stream, sessionId);
      const warned = events.filter((e) => e.type === 'UserInactivityWarned');
      const closed = events.filter((e) => e.type === 'SessionClosed');
      expect(warned).toHaveLength(1);
      expect(closed).toHaveLength(1);
      expect(closed[0]).toMatchObject({ reason: 'userInactive', agentId: 'agent-1' });
      lateness.push(Date.parse(warned[0]!.at) - warnAt);
    }
    expect(Math.min(...lateness)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...lateness)).toBeLessThanOrEqual(LEASE_TTL_MS + 1000);
    await consistently(
      async () => {
        const again = await cluster.streamEvents();
        for (const { sessionId } of sessions) {
          expect(eventsOf(again, sessionId).filter((e) => e.type === 'UserInactivityWarned')).toHaveLength(1);
          expect(eventsOf(again, sessionId).filter((e) => e.type === 'SessionClosed')).toHaveLength(1);
        }
      },
      { forMs: 3000, intervalMs: 1000 },
    );
    lateness.sort((a, b) => a - b);
    console.log(`end-user inactivity: ${sessions.length} kills; warning lateness p50 ${lateness[Math.floor(lateness.length / 2)]} ms, max ${lateness.at(-1)} ms`);
  }, 600_000);
});
