import { partitionOfSession } from '@switchboard/contracts';
import { eventually, type ChatCluster } from '@switchboard/testing';
import { randomInt } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * ADR 13's durability tests: the chat-actor that owns a session is SIGKILLed
 * at a random moment before one of its deadlines, and restarted at once (the
 * survivors take its partitions over meanwhile). One process at most is down:
 * the previous victim is back before the next kill.
 */
export class OwnerKiller {
  private restarting: Promise<void> = Promise.resolve();

  constructor(
    private readonly cluster: ChatCluster,
    private readonly ownerTimeoutMs = 15_000,
  ) {}

  /** The killed owner's instance id; undefined when no time was left to kill it before `dueAt` (a busy machine). */
  async killBefore(sessionId: string, dueAt: number): Promise<string | undefined> {
    await this.restarting;
    const partition = partitionOfSession(sessionId, this.cluster.partitions);
    // During a handover the partition has no owner for a moment: the one that takes it.
    const { owner, index } = await eventually(
      async () => {
        const found = (await this.cluster.ownership()).find((r) => r.owned.some((o) => o.partition === partition))?.instanceId;
        const at = this.cluster.processes.findIndex((p, n) => `chat-actor-${n + 1}` === found && p.alive());
        expect(at).toBeGreaterThanOrEqual(0);
        return { owner: found!, index: at };
      },
      { timeoutMs: this.ownerTimeoutMs, intervalMs: 50 },
    );
    const before = dueAt - Date.now();
    if (before < 50) return undefined;
    // The kill comes at a random moment of the armed period: the test's load pattern, not a wait for the system.
    await delay(randomInt(0, Math.max(1, before - 100)));
    await this.cluster.processes[index]!.kill();
    this.restarting = this.cluster.startChatActor(owner).then((p) => {
      this.cluster.processes[index] = p;
    });
    return owner;
  }

  /** Resolves once the last victim is running again. */
  settled(): Promise<void> {
    return this.restarting;
  }
}
