import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { CHAT_SCHEMA_VERSION, chatCommandRequestSchema, fail, type ChatCommandResult, type DeadlineKind, type Reply, type Subjects } from '@switchboard/contracts';
import type { SessionCommand } from '@switchboard/domain';
import { NATS_CONNECTION, RequestError, SERVICE_CONFIG, SUBJECTS, serveRequests } from '@switchboard/service-kit';
import { PartitionEpochs, SessionWriter } from '@switchboard/session-store';
import type { ChatActorConfig } from '../config';
import { DeadlineTimers, deadlineCommandId, type FiringOutcome } from '../deadlines/deadline-timers';
import { EventPublisher } from '../events/event-publisher';
import { Outbox } from '../outbox/outbox';
import { CommandProcessor, type Ownership } from './command-processor';
import { ConcurrencyLimit } from './concurrency-limit';
import { Mailboxes } from './mailbox';

/** Commands are small; anything bigger is refused before parsing. */
const MAX_COMMAND_BYTES = 32 * 1024;

/** Who fires deadlines: the same from every process, so a firing repeated by another owner is a retry (A3). */
const DEADLINES_ACTOR = { role: 'system', id: 'deadlines' } as const;

/**
 * Serves the command subjects of the partitions this process owns. A
 * subscription exists exactly while the lease is held; commands go through
 * the session's mailbox to the processor.
 */
@Injectable()
export class CommandHost {
  private readonly logger = new Logger(CommandHost.name);
  private readonly subscriptions = new Map<number, Subscription>();
  /** Each served partition's fencing epoch (drawn from the store, PartitionEpochs): what its writes carry. */
  private readonly epochs = new Map<number, number>();
  /** Each served partition's lease epoch (the lease's KV revision): what `stillHeld` asks about. */
  private readonly leaseEpochs = new Map<number, number>();
  /** Partitions whose outbox replay is done: only their watermark may move. */
  private readonly replayed = new Set<number>();
  private readonly mailboxes = new Mailboxes();
  private readonly limit: ConcurrencyLimit;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(SERVICE_CONFIG) private readonly config: ChatActorConfig,
    private readonly processor: CommandProcessor,
    private readonly events: EventPublisher,
    private readonly outbox: Outbox,
    private readonly timers: DeadlineTimers,
    private readonly sessions: SessionWriter,
    private readonly fencingEpochs: PartitionEpochs,
  ) {
    this.limit = new ConcurrencyLimit(config.CHAT_MAX_CONCURRENT_COMMANDS);
    timers.onFire((partition, sessionId, kind, armedAtSeq) => this.fireDeadline(partition, sessionId, kind, armedAtSeq));
  }

  /**
   * Serves `partition`, acquired at lease epoch `leaseEpoch`. Its writes
   * carry a fencing epoch drawn from the store, above every earlier owner's
   * even when NATS lost lease writes and its revisions went back (issue 18).
   */
  async open(partition: number, leaseEpoch: number): Promise<void> {
    this.processor.forgetPartition(partition);
    const epoch = await this.fencingEpochs.draw(partition, leaseEpoch, this.config.INSTANCE_ID);
    this.epochs.set(partition, epoch);
    this.leaseEpochs.set(partition, leaseEpoch);
    this.logger.log({ partition, epoch, leaseEpoch }, 'fencing epoch drawn');
    // Whatever a previous owner stored but may not have published goes out again (A5), each
    // session's ahead of any new command of it: the replay waits first in the session's mailbox.
    const replay = await this.events.replayWork(partition, epoch);
    const replayed = replay.map((work) => this.mailboxes.run(work.sessionId, work.run).catch(() => 0));
    if (this.epochs.get(partition) !== epoch) return;
    const subscription = serveRequests(
      this.nc,
      {
        subject: this.subjects.chatCommand(partition),
        // A queue group: during a handover overlap, each command reaches one of the two.
        queue: this.subjects.queueGroup('chat-actor'),
        schema: chatCommandRequestSchema,
        maxBytes: MAX_COMMAND_BYTES,
        onError: (error) => this.logger.error({ err: error, partition }, 'command failed'),
      },
      async ({ v, command }) => {
        // Issue 18: a command from a newer process during a rolling upgrade is refused, never guessed at.
        if (v !== undefined && v > CHAT_SCHEMA_VERSION) {
          throw new RequestError('UNSUPPORTED_VERSION', `Command schema version ${v} is newer than this chat-actor's ${CHAT_SCHEMA_VERSION}`, { version: v, supported: CHAT_SCHEMA_VERSION });
        }
        const current = this.epochs.get(partition);
        if (current === undefined) throw new RequestError('UNAVAILABLE', 'Partition is moving to another process; retry');
        const domainCommand = command as SessionCommand;
        const reply = await this.mailboxes.run(CommandProcessor.mailboxKey(domainCommand), () =>
          this.limit.run(async () => {
            // The partition may have moved while the command waited its turn.
            if (this.epochs.get(partition) !== current) throw new RequestError('UNAVAILABLE', 'Partition moved to another process; retry');
            return this.processor.handle(domainCommand, this.ownership(partition, current), this.config.CHAT_PARTITIONS);
          }),
        );
        if (!reply.ok) throw new RequestError(reply.error.code, reply.error.message, reply.error.details);
        return reply.data;
      },
    );
    this.subscriptions.set(partition, subscription);
    const republished = (await Promise.all(replayed)).reduce((a, b) => a + b, 0);
    if (this.epochs.get(partition) !== epoch) return;
    if (republished > 0) this.logger.log({ partition, republished }, 'published again what was stored since the outbox watermark');
    this.replayLateWrites(partition, epoch);
    await this.armDeadlines(partition, epoch);
  }

  /**
   * A5 with A1's limits (ADR 2's amendment): a previous owner that has not
   * yet learned it lost the lease may still store a commit until its lease
   * TTL has passed, after the replay above, and die before publishing it.
   * One more replay once that window is over publishes such late writes;
   * only then may this owner move the partition's watermark past the takeover.
   */
  private replayLateWrites(partition: number, epoch: number): void {
    const timer = setTimeout(() => void this.lateReplay(partition, epoch), this.config.CHAT_LEASE_TTL_MS + this.config.CHAT_LEASE_TICK_MS);
    timer.unref();
  }

  private async lateReplay(partition: number, epoch: number): Promise<void> {
    for (let attempt = 1; this.epochs.get(partition) === epoch; attempt++) {
      try {
        const work = await this.events.replayWork(partition, epoch);
        const published = (await Promise.all(work.map((w) => this.mailboxes.run(w.sessionId, w.run).catch(() => 0)))).reduce((a, b) => a + b, 0);
        if (this.epochs.get(partition) !== epoch) return;
        this.replayed.add(partition);
        this.logger.debug({ partition, published }, 'late writes of the previous owner replayed');
        return;
      } catch (error) {
        // The watermark stays where it was until this replay is done: retried, a second apart at most.
        this.logger.warn({ err: error, partition, attempt }, 'late-write replay failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 100 * attempt)).unref());
      }
    }
  }

  /**
   * ADR 13: the deadlines of the partition's sessions, from their snapshots
   * (the replay above brought every lagging one up to date), armed here; a
   * due one fires at once. Retried until done or the partition goes: a
   * deadline left unarmed would never fire.
   */
  private async armDeadlines(partition: number, epoch: number): Promise<void> {
    for (let attempt = 1; this.epochs.get(partition) === epoch; attempt++) {
      try {
        let armed = 0;
        for await (const { sessionId, deadlines } of this.sessions.withDeadlines(partition)) {
          if (this.epochs.get(partition) !== epoch) return;
          this.timers.track(partition, { sessionId, deadlines });
          armed++;
        }
        if (armed > 0) this.logger.log({ partition, armed }, 'deadlines armed from the stored sessions');
        return;
      } catch (error) {
        this.logger.warn({ err: error, partition, attempt }, 'deadlines of a partition not read; trying again');
        await new Promise((r) => setTimeout(r, Math.min(5000, 200 * attempt)));
      }
    }
  }

  /** A deadline's firing, through the session's mailbox like any command of it. */
  private async fireDeadline(partition: number, sessionId: string, kind: DeadlineKind, armedAtSeq: number): Promise<FiringOutcome> {
    const epoch = this.epochs.get(partition);
    // Not owned any more: the next owner arms it from the store.
    if (epoch === undefined) return 'done';
    const command: SessionCommand = { type: 'DeadlineReached', commandId: deadlineCommandId(sessionId, kind, armedAtSeq), sessionId, actor: DEADLINES_ACTOR, kind, armedAtSeq };
    const reply: Reply<ChatCommandResult> = await this.mailboxes.run(sessionId, () =>
      this.limit.run(async () => {
        if (this.epochs.get(partition) !== epoch) return fail('UNAVAILABLE', 'Partition moved to another process');
        return this.processor.handle(command, this.ownership(partition, epoch), this.config.CHAT_PARTITIONS);
      }),
    );
    if (reply.ok) return 'done';
    if (reply.error.code === 'DEADLINE_NOT_DUE') return 'notDue';
    if (reply.error.code === 'UNAVAILABLE') return 'retry';
    // Cleared, re-armed, fired before, or the session ended: nothing left to do for this one.
    return 'done';
  }

  /** How a write asks whether the partition's lease is still held (the lease keeper's answer; A1). */
  useLeaseCheck(holds: (partition: number, epoch: number) => boolean): void {
    this.leaseHeld = holds;
  }
  private leaseHeld?: (partition: number, epoch: number) => boolean;

  /** Called right after checking that `epoch` is still the partition's: the lease epoch is the one it was drawn for. */
  private ownership(partition: number, epoch: number): Ownership {
    const leaseEpoch = this.leaseEpochs.get(partition) ?? -1;
    return { partition, epoch, stillHeld: () => this.leaseHeld?.(partition, leaseEpoch) ?? true };
  }

  /** The fencing epoch the partition's writes carry, while served. */
  fencingEpochOf(partition: number): number | undefined {
    return this.epochs.get(partition);
  }

  async close(partition: number): Promise<void> {
    this.epochs.delete(partition);
    this.leaseEpochs.delete(partition);
    this.replayed.delete(partition);
    const subscription = this.subscriptions.get(partition);
    this.subscriptions.delete(partition);
    if (subscription) await subscription.drain().catch(() => subscription.unsubscribe());
    // The next owner must not see a snapshot of this one land after its own.
    await this.processor.snapshotsWritten(partition);
    this.processor.forgetPartition(partition);
    this.outbox.forget(partition);
  }

  /**
   * The outbox's upkeep, about once a second: publish again what failed to
   * publish (after a NATS outage), also for partitions that moved away since,
   * then move each owned partition's watermark.
   */
  async outboxTick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.outbox.retryOrphans();
      for (const partition of [...this.replayed]) {
        const epoch = this.epochs.get(partition);
        if (epoch === undefined) continue;
        await this.outbox.retryFailed(partition);
        await this.outbox.writeMark(partition, epoch);
      }
    } finally {
      this.ticking = false;
    }
  }
  private ticking = false;

  async closeAll(): Promise<void> {
    await Promise.all([...this.subscriptions.keys()].map((p) => this.close(p)));
    await this.mailboxes.idle();
  }
}
