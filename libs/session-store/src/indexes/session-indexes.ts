import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { backOff } from 'exponential-backoff';
import type { Model } from 'mongoose';
import { OutboxMark } from '../schemas/outbox-mark.schema';
import { SessionCommit } from '../schemas/session-commit.schema';
import { SessionRecord } from '../schemas/session-record.schema';

/** How long a process keeps trying to build the session indexes before it gives up starting. */
export const SESSION_INDEX_BUILD_DEADLINE_MS = 60_000;

/**
 * The session collections' unique indexes are what makes a repeated start
 * return its first session and an end user hold one open session (R1.1,
 * R1.2), and a commit land once per version (A2). mongoose builds indexes in
 * the background and only reports a failure as an event, so a process could
 * serve while they are missing (a database briefly refusing connections at
 * start-up was enough, and a start storm then made two sessions of one
 * request). No process that imports the session store starts before they
 * exist: built at module init, retried with backoff, and a start-up failure
 * when they cannot be built.
 */
@Injectable()
export class SessionIndexes implements OnModuleInit {
  private readonly logger = new Logger(SessionIndexes.name);

  constructor(
    @InjectModel(SessionRecord.name) private readonly records: Model<SessionRecord>,
    @InjectModel(SessionCommit.name) private readonly commits: Model<SessionCommit>,
    @InjectModel(OutboxMark.name) private readonly marks: Model<OutboxMark>,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.ensure(SESSION_INDEX_BUILD_DEADLINE_MS);
  }

  /** Builds every index the schemas declare (idempotent); retries until `deadlineMs` has passed. */
  async ensure(deadlineMs: number): Promise<void> {
    const until = Date.now() + deadlineMs;
    const builds: Array<{ collection: string; build: () => Promise<unknown> }> = [
      { collection: this.records.collection.collectionName, build: () => this.records.createIndexes() },
      { collection: this.commits.collection.collectionName, build: () => this.commits.createIndexes() },
      { collection: this.marks.collection.collectionName, build: () => this.marks.createIndexes() },
    ];
    for (const { collection, build } of builds) {
      await backOff(build, {
        startingDelay: 200,
        maxDelay: 5000,
        numOfAttempts: Number.MAX_SAFE_INTEGER,
        retry: (error: unknown) => {
          const more = Date.now() < until;
          this.logger.warn({ err: error, collection, retrying: more }, 'session indexes not built');
          return more;
        },
      });
    }
  }
}
