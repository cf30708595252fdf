import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { SessionQueries } from '@switchboard/session-store';
import type { AttachmentStore } from '../storage/attachment-store';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionPolicy {
  /** Days a chat's files are kept after it ended; 0: kept for good (no sweep). */
  days: number;
  /** How often a sweep runs. */
  everyMs: number;
  /** Files one sweep looks at, at most. */
  batch: number;
}

/**
 * Issue 17, old files: the files of chats that ended (closed or abandoned)
 * more than `days` ago are deleted. A sweep looks at most `batch` files, the
 * oldest uploaded first, and goes on from the last one it looked at next
 * time (after a whole pass it starts again from the oldest). Only files
 * uploaded before the cut-off can belong to a chat that ended before it, so
 * younger files are never read. Every gateway may sweep: deleting a file
 * twice is deleting it once. The clock is the caller's (`sweep(now)`).
 */
export class AttachmentRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AttachmentRetention.name);
  private cursor?: { uploadedAt: string; id: string };
  private timer?: ReturnType<typeof setInterval>;
  private running?: Promise<unknown>;

  constructor(
    private readonly store: AttachmentStore,
    private readonly sessions: Pick<SessionQueries, 'endedBefore'>,
    private readonly policy: RetentionPolicy,
  ) {}

  onApplicationBootstrap(): void {
    if (this.policy.days === 0) return;
    this.timer = setInterval(() => {
      // One sweep at a time: a slow one is not overtaken by the next.
      this.running ??= this.sweep(new Date())
        .catch((err: unknown) => this.logger.warn({ err }, 'attachment retention sweep failed'))
        .finally(() => (this.running = undefined));
    }, this.policy.everyMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One bounded sweep as of `now`: how many files it looked at and how many it deleted. */
  async sweep(now: Date): Promise<{ looked: number; deleted: number }> {
    if (this.policy.days === 0) return { looked: 0, deleted: 0 };
    const cutoff = new Date(now.getTime() - this.policy.days * DAY_MS);
    const files = await this.store.uploadedBefore(cutoff, this.cursor, this.policy.batch);
    const ended = await this.sessions.endedBefore([...new Set(files.map((f) => f.sessionId))], cutoff);
    let deleted = 0;
    for (const file of files) {
      if (!ended.has(file.sessionId)) continue;
      await this.store.delete(file.id);
      deleted++;
    }
    const last = files.at(-1);
    this.cursor = files.length < this.policy.batch || !last ? undefined : { uploadedAt: last.uploadedAt, id: last.id };
    if (deleted > 0) this.logger.log({ deleted, looked: files.length }, 'attachments past their retention deleted');
    return { looked: files.length, deleted };
  }
}
