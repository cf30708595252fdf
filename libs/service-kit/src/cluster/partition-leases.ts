import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { openKvBucket, SINGLE_NODE_STORAGE, type JetStreamStorage } from '../nats/jetstream-storage';
import { desiredPartitions } from './partitioning';

export interface LeaseTimings {
  /** A lease or membership not renewed for this long disappears (bucket max age). */
  leaseTtlMs: number;
  /** How often leases and membership are renewed and placement re-evaluated. */
  tickMs: number;
}

export const DEFAULT_LEASE_TIMINGS: LeaseTimings = { leaseTtlMs: 2000, tickMs: 250 };

export interface PartitionLeaseEvents {
  /**
   * The process now owns `partition`; `epoch` (the lease's KV revision) grows
   * with every acquisition in the cluster while the lease stream keeps its
   * writes (a writer that must fence draws its own epoch, ADR 2 amended).
   */
  acquired(partition: number, epoch: number): Promise<void> | void;
  /** The process no longer owns `partition` (handed over, lost, or shutting down). */
  released(partition: number, reason: 'handover' | 'lost' | 'shutdown'): Promise<void> | void;
}

interface HeldLease {
  epoch: number;
  revision: number;
  /** When its last successful renewal (or creation) was sent, by the local clock. */
  renewedAt: number;
}

/**
 * Partition ownership through leases in JetStream KV (ADR 2). Each process
 * heartbeats a membership key, computes by rendezvous hashing which
 * partitions it should own, and holds a lease per owned partition: created
 * only when absent (`create`), renewed only at the revision it holds
 * (`update`). Keys expire by the bucket's max age, so a dead process's leases
 * vanish by themselves within `leaseTtlMs`. The epoch of a lease is the KV
 * revision at which it was created: it grows while NATS keeps every
 * acknowledged write of the bucket.
 */
export class PartitionLeases {
  private members?: KV;
  private leases?: KV;
  private readonly held = new Map<number, HeldLease>();
  private timer?: NodeJS.Timeout;
  /** Checks the leases' age apart from the renewal loop, which a NATS outage can hold up for seconds. */
  private expiryTimer?: NodeJS.Timeout;
  private running = false;
  private ticking?: Promise<void>;
  private lastMembers: string[] = [];
  /**
   * Each member's last heartbeat as seen by one long-lived watch of the
   * membership bucket (local clock). Listing the bucket's keys instead costs
   * a consumer created and deleted on the server at every tick of every
   * process.
   */
  private readonly memberSeen = new Map<string, number>();
  private membersWatch?: { stop(): void };
  /**
   * When the membership watch last showed this process's own heartbeat
   * (written at every tick), and when the watch began: a watch that shows
   * no own heartbeat for a lease TTL has ended or stalled (issue 18: after
   * a NATS node was cut off, one chat-actor's watch went quiet, it saw
   * itself alone and took all 16 partitions, and the other none, for
   * 40 s), and is made again.
   */
  private ownHeartbeatSeenAt = 0;
  private membersWatchSince = 0;
  /** How many times the membership watch was made again (diagnostics, tests). */
  membersWatchRestarts = 0;
  /**
   * Each partition's acquire and release work, in order, off the renewal
   * loop: a slow `acquired` (a new owner publishing what the last one left)
   * must not hold back the renewal of every other lease until they expire.
   */
  private readonly transitions = new Map<number, Promise<void>>();

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: {
      bucketPrefix: string;
      /** Which service's partitions (bucket names `<prefix>_<group>_members|leases|meta`). */
      group: 'chat' | 'router';
      instanceId: string;
      partitions: number;
      timings?: LeaseTimings;
      /** Replicas and storage of the buckets (default one node). */
      storage?: JetStreamStorage;
      events: PartitionLeaseEvents;
      onError?: (error: unknown) => void;
    },
  ) {}

  private get timings(): LeaseTimings {
    return this.options.timings ?? DEFAULT_LEASE_TIMINGS;
  }

  async start(): Promise<void> {
    const ttl = this.timings.leaseTtlMs;
    this.members = await this.bucket('members', { history: 1, ttl });
    this.leases = await this.bucket('leases', { history: 1, ttl });
    await this.checkPartitionCount();
    await this.watchMembers();
    this.running = true;
    await this.tick();
    this.schedule();
    this.expiryTimer = setInterval(() => this.dropUnrenewed(), this.timings.tickMs);
    this.expiryTimer.unref();
    // Ready once the first partitions are served (their leases renewed meanwhile).
    await this.settled();
  }

  /** Resolves when the acquire and release work begun so far is done. */
  async settled(): Promise<void> {
    while (this.transitions.size > 0) await Promise.all(this.transitions.values());
  }

  /** Runs `work` after the partition's earlier transitions, without making the caller wait. */
  private transition(partition: number, work: () => Promise<void>): void {
    const previous = this.transitions.get(partition) ?? Promise.resolve();
    const next = previous.then(work);
    this.transitions.set(partition, next);
    void next.finally(() => {
      if (this.transitions.get(partition) === next) this.transitions.delete(partition);
    });
  }

  /** The partitions this process holds, with their epochs (diagnostics). */
  owned(): Array<{ partition: number; epoch: number }> {
    return [...this.held.entries()].map(([partition, lease]) => ({ partition, epoch: lease.epoch })).sort((a, b) => a.partition - b.partition);
  }

  knownMembers(): string[] {
    return [...this.lastMembers];
  }

  /** Releases every lease and the membership, so others take over at once. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    clearInterval(this.expiryTimer);
    await this.ticking;
    await this.settled();
    for (const [partition, lease] of [...this.held]) {
      this.held.delete(partition);
      await this.safely(() => this.options.events.released(partition, 'shutdown'));
      await this.safely(() => this.leases!.delete(this.key(partition), { previousSeq: lease.revision }));
    }
    await this.safely(() => this.members!.delete(this.options.instanceId));
    this.membersWatch?.stop();
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => this.schedule());
    }, this.timings.tickMs);
  }

  private async tick(): Promise<void> {
    // A lease not renewed within its TTL is gone from the bucket, and another process may hold it now:
    // stop serving it before that can happen, whether or not NATS answers (A1).
    this.dropUnrenewed();
    try {
      await this.members!.put(this.options.instanceId, JSON.stringify({ at: Date.now() }));
      await this.keepMembersWatchAlive();
      const members = this.listMembers();
      this.lastMembers = members;
      const desired = desiredPartitions(this.options.instanceId, members, this.options.partitions);

      // Renewals, then acquisitions, each all at once: one at a time, every request waiting out its timeout
      // while a stream elects a leader held back the rest (issue 18: partitions took 28 s to move off a cut-off host).
      await Promise.all(
        [...this.held].map(async ([partition, lease]) => {
          if (!desired.has(partition)) {
            // Stop serving first, then free the lease for the new desired owner.
            this.held.delete(partition);
            this.transition(partition, async () => {
              await this.safely(() => this.options.events.released(partition, 'handover'));
              await this.safely(() => this.leases!.delete(this.key(partition), { previousSeq: lease.revision }));
            });
            return;
          }
          try {
            const sentAt = Date.now();
            const revision = await this.leases!.update(this.key(partition), this.leaseValue(lease.epoch), lease.revision);
            // Dropped meanwhile (unrenewed too long): another process may hold it by now.
            if (this.held.get(partition) !== lease) return;
            lease.revision = revision;
            lease.renewedAt = sentAt;
          } catch {
            if (this.held.get(partition) !== lease) return;
            this.held.delete(partition);
            this.transition(partition, () => this.safely(() => this.options.events.released(partition, 'lost')));
          }
        }),
      );

      await Promise.all(
        [...desired].map(async (partition) => {
          if (this.held.has(partition) || !this.running) return;
          try {
            const sentAt = Date.now();
            const revision = await this.leases!.create(this.key(partition), this.leaseValue(0));
            this.held.set(partition, { epoch: revision, revision, renewedAt: sentAt });
            this.transition(partition, () => this.serve(partition, revision));
          } catch {
            // Still held by its previous owner: it hands over or expires soon.
          }
        }),
      );
    } catch (error) {
      // NATS unavailable: what is held stays held until its TTL since the last renewal runs out
      // (dropUnrenewed, at every tick), as the bucket would expire it.
      this.options.onError?.(error);
    }
  }

  /**
   * Gives up every lease whose last renewal is older than the TTL less one
   * tick: the key may expire in the bucket before the next renewal, and a
   * process that serves a partition it may no longer hold would write beside
   * its new owner (fencing catches only writes at the same version).
   */
  /**
   * True while this process holds `partition` at `epoch` and its last
   * renewal is recent enough that the lease cannot have expired: asked right
   * before each write, since the checks at every tick can come late in a
   * process starved of CPU (A1).
   */
  holds(partition: number, epoch: number, now = Date.now()): boolean {
    const lease = this.held.get(partition);
    return lease !== undefined && lease.epoch === epoch && now - lease.renewedAt < this.timings.leaseTtlMs - this.timings.tickMs;
  }

  private dropUnrenewed(now = Date.now()): void {
    const limit = this.timings.leaseTtlMs - this.timings.tickMs;
    for (const [partition, lease] of [...this.held]) {
      if (now - lease.renewedAt < limit) continue;
      this.held.delete(partition);
      this.transition(partition, () => this.safely(() => this.options.events.released(partition, 'lost')));
    }
  }

  /**
   * Keeps `memberSeen` current. A member that stops cleanly deletes its key
   * (seen at once); one that dies stops heartbeating and counts as gone once
   * its last heartbeat is a TTL old, as its key's expiry would say.
   */
  private async watchMembers(): Promise<void> {
    const iterator = await this.members!.watch({ headers_only: true });
    this.membersWatch = iterator;
    this.membersWatchSince = Date.now();
    void (async () => {
      try {
        for await (const entry of iterator) {
          if (entry.key === this.options.instanceId) this.ownHeartbeatSeenAt = Date.now();
          if (entry.operation !== 'PUT') {
            this.memberSeen.delete(entry.key);
            continue;
          }
          // A value present when the watch began was written up to a TTL ago: its stream time says when.
          const at = entry.isUpdate ? Date.now() : Math.min(Date.now(), entry.created.getTime());
          this.memberSeen.set(entry.key, at);
        }
      } catch (error) {
        this.options.onError?.(error);
      }
      // An ended watch is made again at the next tick (keepMembersWatchAlive).
      if (this.membersWatch === iterator) this.membersWatch = undefined;
    })();
  }

  /** Makes the membership watch again when it ended, or showed none of this process's heartbeats for a lease TTL. */
  private async keepMembersWatchAlive(now = Date.now()): Promise<void> {
    const ttl = this.timings.leaseTtlMs;
    const stalled = this.membersWatch !== undefined && now - this.membersWatchSince >= ttl && now - this.ownHeartbeatSeenAt >= ttl;
    if (this.membersWatch !== undefined && !stalled) return;
    this.membersWatch?.stop();
    this.membersWatch = undefined;
    this.membersWatchRestarts++;
    await this.watchMembers();
  }

  private listMembers(): string[] {
    const now = Date.now();
    for (const [member, at] of this.memberSeen) if (now - at >= this.timings.leaseTtlMs) this.memberSeen.delete(member);
    // This process's own heartbeat was just written: it is a member even before the watch shows it.
    return [...new Set([...this.memberSeen.keys(), this.options.instanceId])].sort();
  }

  private bucket(kind: 'members' | 'leases' | 'meta', options: { history: number; ttl?: number }): Promise<KV> {
    // A lease request answered later than a lease's life is of no use: it waits no longer than that (nats.js's default is 5 s).
    const timeout = Math.max(1000, this.timings.leaseTtlMs);
    return openKvBucket(this.nc, `${this.options.bucketPrefix}_${this.options.group}_${kind}`, options, this.options.storage ?? SINGLE_NODE_STORAGE, { timeout });
  }

  /** Every process must agree on the partition count, or sessions would have two homes. */
  private async checkPartitionCount(): Promise<void> {
    const meta = await this.bucket('meta', { history: 1 });
    const wanted = String(this.options.partitions);
    try {
      await meta.create('partitions', wanted);
    } catch {
      const existing = (await meta.get('partitions'))?.string();
      if (existing !== wanted) {
        throw new Error(`This cluster uses ${existing} ${this.options.group} partitions; this process was configured with ${wanted}`);
      }
    }
  }

  /** Starts serving an acquired partition; one that cannot be served is given up, to be acquired again. */
  private async serve(partition: number, epoch: number): Promise<void> {
    try {
      await this.options.events.acquired(partition, epoch);
    } catch (error) {
      this.options.onError?.(error);
      const lease = this.held.get(partition);
      if (lease?.epoch !== epoch) return;
      this.held.delete(partition);
      await this.safely(() => this.options.events.released(partition, 'lost'));
      await this.safely(() => this.leases!.delete(this.key(partition), { previousSeq: lease.revision }));
    }
  }

  private key(partition: number): string {
    return `p${partition}`;
  }

  private leaseValue(epoch: number): string {
    return JSON.stringify({ owner: this.options.instanceId, epoch, at: Date.now() });
  }

  private async safely(action: () => unknown): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}
