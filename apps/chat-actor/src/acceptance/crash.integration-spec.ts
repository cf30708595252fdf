import { partitionOfSession } from '@switchboard/contracts';
import { ChatActorClient } from '@switchboard/service-kit';
import type { ServiceProcess } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { ChatCluster, eventually } from '@switchboard/testing';
import { MixedLoad, verifyAcknowledged } from './mixed-load';
import { consumerOpts } from './stream-reader';
import { storedSession } from './stored-session';

const USERS = Array.from({ length: 24 }, (_, i) => `crash-user-${i}`);
const AGENTS = Array.from({ length: 24 }, (_, i) => `crash-agent-${i}`);

describe('chat-actor acceptance: a chat-actor process killed with SIGKILL under load', () => {
  const cluster = new ChatCluster({ chatActors: 2 });

  beforeAll(async () => {
    await cluster.start();
    await cluster.seedAgents(AGENTS.map((id) => ({ id })));
    await cluster.seedEndUsers(USERS);
    await cluster.allPartitionsOwned();
  });
  afterAll(() => cluster.stop());

  it('A4 A2 A5 every acknowledged command survives, no session gets two records or owners, the dead process\'s sessions are served again within 5 s', async () => {
    const load = new MixedLoad(cluster, USERS, AGENTS);
    await load.start();
    // Under way: a few rounds of every worker acknowledged before the kill.
    await eventually(() => expect(load.acknowledged.length).toBeGreaterThanOrEqual(USERS.length * 4), { timeoutMs: 30_000, intervalMs: 100 });

    const victim = cluster.processes[0]!;
    const ownedByVictim = new Set((await cluster.ownership()).find((r) => r.instanceId === 'chat-actor-1')!.owned.map((o) => o.partition));
    const victimSessions = load.sessionIds.filter((id) => ownedByVictim.has(partitionOfSession(id, cluster.partitions)));
    expect(victimSessions.length).toBeGreaterThan(0);

    await victim.kill();
    const killedAt = Date.now();

    // Every session of the dead process answers a new command within 5 s of the kill. The
    // probe client gives up on a silent attempt after 500 ms and retries (same command id),
    // as a gateway does.
    const probe = new ChatActorClient(cluster.nc, cluster.subjects, { partitions: cluster.partitions, attemptTimeoutMs: 500, deadlineMs: 20_000 });
    const servedAfter = await Promise.all(
      victimSessions.map(async (sessionId) => {
        const user = load.userOf(sessionId);
        const command = { type: 'PostMessage' as const, commandId: randomUUID(), sessionId, actor: { role: 'endUser' as const, id: user }, text: 'still there?' };
        const reply = await probe.send(command);
        expect(reply.ok).toBe(true);
        if (reply.ok) load.acknowledged.push({ sessionId, commandId: command.commandId, type: command.type, version: reply.data.version });
        return Date.now() - killedAt;
      }),
    );
    const worst = Math.max(...servedAfter);
    expect(worst).toBeLessThan(5000);

    const restarted: ServiceProcess = await cluster.startChatActor('chat-actor-1');
    cluster.processes[0] = restarted;
    // The restarted process takes partitions back, and the load goes on being served after that.
    await cluster.allPartitionsOwned();
    const settledAt = Date.now();
    await eventually(() => expect(load.answers.filter((a) => a.sentAt > settledAt).length).toBeGreaterThanOrEqual(50), { timeoutMs: 30_000, intervalMs: 100 });
    await load.stop();
    await cluster.allPartitionsOwned();

    expect(load.unexpected).toEqual([]);
    expect(load.acknowledged.length).toBeGreaterThan(200);
    await verifyAcknowledged(cluster, load);

    // A5: every stored event reached the stream (whatever was left in the outbox went out after the crash).
    for (const id of victimSessions.slice(0, 5)) {
      const version = (await storedSession(cluster.db, id))!.version;
      const published = await consumerOpts(cluster).readSession(id, version);
      const seqs = [...new Set(published.map((m) => m.event.seq))].sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    }
    console.log(`crash: ${load.acknowledged.length} commands acknowledged; dead process's sessions served again after ${worst} ms`);
  }, 180_000);
});
