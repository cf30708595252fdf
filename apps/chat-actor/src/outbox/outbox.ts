import { Injectable, Logger } from '@nestjs/common';
import { OutboxMarks } from '@switchboard/session-store';

/** How far before a partition's watermark a new owner publishes again: room for the clocks of earlier owners. */
export const OUTBOX_REPLAY_MARGIN_MS = 1000;

interface Entry {
  at: Date;
  /** Set once publishing failed: publishes the entry again; true when done. */
  retry?: () => Promise<boolean>;
}

/**
 * The outbox (A5) without a write per commit. Every start or commit is
 * tracked here from just before it is stored until its events are in the
 * stream; a partition's watermark, written about once a second, is the
 * oldest entry still tracked (or now). Whatever a crash leaves unpublished
 * is therefore after the watermark, and the next owner publishes it again
 * from the commit log. Memory: one entry per command in flight or waiting
 * for NATS, per partition owned.
 */
@Injectable()
export class Outbox {
  private readonly logger = new Logger(Outbox.name);
  private readonly entries = new Map<number, Map<string, Entry>>();
  /** Entries of partitions that moved to another owner, by `partition:key`, oldest first (see `forget`). */
  private readonly orphans = new Map<string, Entry>();
  private orphansDropped = 0;
  private readonly now: () => Date;

  constructor(private readonly marks: OutboxMarks) {
    this.now = () => new Date();
  }

  /**
   * Before storing: from here on the watermark stays at or before `at`. An
   * entry of the same key still waiting to be published again (a start
   * stored but not published, then sent again by its end user) stays as it is.
   */
  track(partition: number, key: string, at: Date): void {
    let entries = this.entries.get(partition);
    if (!entries) this.entries.set(partition, (entries = new Map()));
    if (!entries.get(key)?.retry) entries.set(key, { at });
  }

  /** Stored and published, or not stored at all: no longer holds the watermark back. */
  done(partition: number, key: string): void {
    this.entries.get(partition)?.delete(key);
    this.orphans.delete(orphanKey(partition, key));
  }

  /**
   * This attempt stored nothing (a duplicate, a conflict): it no longer holds
   * the watermark back. An earlier attempt of the same key that was stored but
   * not published keeps its entry (a path, found in the code, by which a
   * partition run of issue 18 could lose the two starts it lost: each
   * repeated by its end user while NATS was cut off).
   */
  notStored(partition: number, key: string): void {
    const entries = this.entries.get(partition);
    if (entries && !entries.get(key)?.retry) entries.delete(key);
  }

  /** Stored but not published: kept, and retried by `retryFailed`. */
  failed(partition: number, key: string, retry: () => Promise<boolean>): void {
    const entry = this.entries.get(partition)?.get(key) ?? this.orphans.get(orphanKey(partition, key));
    if (entry) entry.retry = retry;
  }

  /** Entries tracked for a partition (diagnostics, tests). */
  size(partition: number): number {
    return this.entries.get(partition)?.size ?? 0;
  }

  /** Publishes again what failed to publish (after a NATS outage). */
  async retryFailed(partition: number): Promise<number> {
    let published = 0;
    for (const [key, entry] of [...(this.entries.get(partition) ?? [])].sort(([, a], [, b]) => a.at.getTime() - b.at.getTime())) {
      if (!entry.retry) continue;
      if (await entry.retry()) {
        this.done(partition, key);
        published++;
      }
    }
    return published;
  }

  /** The watermark to publish from on taking a partition over; the epoch start when none was ever written. */
  async replayFrom(partition: number): Promise<Date> {
    const mark = await this.marks.publishedBefore(partition);
    return new Date((mark?.getTime() ?? 0) - OUTBOX_REPLAY_MARGIN_MS);
  }

  /** Moves the partition's watermark to the oldest entry still tracked, or now. */
  async writeMark(partition: number, epoch: number): Promise<void> {
    const oldest = Math.min(...[...(this.entries.get(partition)?.values() ?? [])].map((e) => e.at.getTime()), this.now().getTime());
    try {
      // False when a newer owner's mark exists: that owner moves it now.
      await this.marks.move(partition, epoch, new Date(oldest));
    } catch (error) {
      this.logger.warn({ err: error, partition }, 'outbox watermark not written');
    }
  }

  /**
   * The partition went to another owner. Its watermark is that owner's now,
   * but what this process stored and has not published yet is still only
   * here: a commit stored by an owner that had not yet learned it lost the
   * lease lands after the new owner's replay. Those entries stay, as orphans,
   * and are published by `retryOrphans` whoever owns the partition (the
   * events are stored facts; the stream's message ids make a second publish
   * of the same event a no-op).
   */
  forget(partition: number): void {
    const entries = this.entries.get(partition);
    this.entries.delete(partition);
    for (const [key, entry] of entries ?? []) this.orphans.set(orphanKey(partition, key), entry);
    // Bound (documented in ADR 2's amendment): the oldest orphans beyond it are given up, loudly.
    for (const [key] of this.orphans) {
      if (this.orphans.size <= MAX_ORPHANED_ENTRIES) break;
      this.orphans.delete(key);
      this.orphansDropped++;
      this.logger.error({ entry: key }, 'outbox orphan given up: over the bound of entries kept for partitions that moved');
    }
  }

  /** Publishes what was stored for partitions this process no longer owns (see `forget`); the number published. */
  async retryOrphans(): Promise<number> {
    let published = 0;
    for (const [key, entry] of [...this.orphans]) {
      if (!entry.retry) continue;
      if (await entry.retry()) {
        this.orphans.delete(key);
        published++;
      }
    }
    return published;
  }

  /** Orphaned entries still waiting (diagnostics, tests), and how many were ever given up over the bound. */
  orphanCounts(): { waiting: number; dropped: number } {
    return { waiting: this.orphans.size, dropped: this.orphansDropped };
  }
}

/** Entries kept for partitions that moved: each is one command's events (a few KB), so at most a few tens of MB. */
export const MAX_ORPHANED_ENTRIES = 10_000;

function orphanKey(partition: number, key: string): string {
  return `${partition}:${key}`;
}
