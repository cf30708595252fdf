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
  private readonly now: () => Date;

  constructor(private readonly marks: OutboxMarks) {
    this.now = () => new Date();
  }

  /** Before storing: from here on the watermark stays at or before `at`. */
  track(partition: number, key: string, at: Date): void {
    let entries = this.entries.get(partition);
    if (!entries) this.entries.set(partition, (entries = new Map()));
    entries.set(key, { at });
  }

  /** Stored and published, or not stored at all: no longer holds the watermark back. */
  done(partition: number, key: string): void {
    this.entries.get(partition)?.delete(key);
  }

  /** Stored but not published: kept, and retried by `retryFailed`. */
  failed(partition: number, key: string, retry: () => Promise<boolean>): void {
    const entry = this.entries.get(partition)?.get(key);
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

  forget(partition: number): void {
    this.entries.delete(partition);
  }
}
