import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { applyEvents, isOpenStatus, type SessionEvent, type SessionState } from '@switchboard/domain';
import type { Model } from 'mongoose';
import { commitId, SessionCommit } from './schemas/session-commit.schema';
import { SessionRecord } from './schemas/session-record.schema';

export type WriteOutcome = 'written' | 'conflict' | 'fenced';

export interface StoredSession {
  state: SessionState;
  ownerEpoch: number;
  publishedVersion: number;
}

export type InsertOutcome = { kind: 'inserted' } | { kind: 'duplicate'; on: 'startKey' | 'openSlot' | '_id' };

export const startKeyOf = (endUserId: string, requestId: string) => JSON.stringify([endUserId, requestId]);
const openSlotOf = (state: SessionState) => (isOpenStatus(state.status) ? state.endUserId : `closed:${state.sessionId}`);

/**
 * Session persistence (A2). A new session is one insert, guarded by unique
 * indexes (id, start request R1.1, open slot R1.2). Every later change is a
 * commit inserted under `<sessionId>@<version it was decided from>`: exactly
 * one writer per version gets in, whatever the number of processes that
 * believe they own the session. The snapshot is then brought up to date;
 * loading rolls it forward through commits it has not seen (a writer that
 * died between the two steps loses nothing).
 *
 * Every filter is by `_id` alone where it matters for speed: FerretDB v1
 * pushes only those down to SQLite.
 */
@Injectable()
export class SessionRepository {
  constructor(
    @InjectModel(SessionRecord.name) private readonly records: Model<SessionRecord>,
    @InjectModel(SessionCommit.name) private readonly commits: Model<SessionCommit>,
  ) {}

  async load(sessionId: string): Promise<StoredSession | undefined> {
    const doc = await this.records.findById(sessionId, { state: 1, ownerEpoch: 1, publishedVersion: 1 }).lean();
    if (!doc) return undefined;
    let state = doc.state;
    let ownerEpoch = doc.ownerEpoch;
    // Roll forward: commits stored after this snapshot was written.
    for (;;) {
      const next = await this.commits.findById(commitId(sessionId, state.version), { events: 1, epoch: 1 }).lean();
      if (!next) break;
      state = applyEvents(state, next.events);
      ownerEpoch = next.epoch;
    }
    if (state.version !== doc.state.version) await this.writeSnapshot(state, ownerEpoch);
    return { state, ownerEpoch, publishedVersion: doc.publishedVersion };
  }

  async findByStartKey(endUserId: string, requestId: string): Promise<SessionState | undefined> {
    const doc = await this.records.findOne({ startKey: startKeyOf(endUserId, requestId) }, { _id: 1 }).lean();
    return doc ? (await this.load(doc._id))?.state : undefined;
  }

  async findOpenOf(endUserId: string): Promise<SessionState | undefined> {
    const doc = await this.records.findOne({ openSlot: endUserId }, { _id: 1 }).lean();
    if (!doc) return undefined;
    const current = (await this.load(doc._id))?.state;
    return current && isOpenStatus(current.status) ? current : undefined;
  }

  async insert(state: SessionState, partition: number, epoch: number): Promise<InsertOutcome> {
    try {
      await this.records.create({
        _id: state.sessionId,
        version: state.version,
        ownerEpoch: epoch,
        partition,
        startKey: startKeyOf(state.endUserId, state.requestId),
        ...this.indexed(state),
        publishedVersion: 0,
        unpublished: true,
      });
      return { kind: 'inserted' };
    } catch (error) {
      const duplicate = duplicateKeyOf(error);
      if (duplicate) return { kind: 'duplicate', on: duplicate };
      throw error;
    }
  }

  /**
   * Stores `events`, decided from `base`, as the commit that follows it. Only
   * one commit per base version can exist: the loser learns it here.
   */
  async commit(base: SessionState, events: readonly SessionEvent[], next: SessionState, epoch: number): Promise<WriteOutcome> {
    try {
      await this.commits.create({
        _id: commitId(base.sessionId, base.version),
        sessionId: base.sessionId,
        baseVersion: base.version,
        epoch,
        events: [...events],
        at: new Date(),
      });
    } catch (error) {
      if (!duplicateKeyOf(error)) throw error;
      const winner = await this.commits.findById(commitId(base.sessionId, base.version), { epoch: 1 }).lean();
      return winner && winner.epoch > epoch ? 'fenced' : 'conflict';
    }
    await this.writeSnapshot(next, epoch);
    return 'written';
  }

  /** Records that every event up to `version` is published (bookkeeping for crash recovery). */
  async markPublished(sessionId: string, version: number): Promise<void> {
    await this.records.updateOne({ _id: sessionId }, { $set: { publishedVersion: version, unpublished: false } });
  }

  async findUnpublished(partition: number): Promise<StoredSession[]> {
    const docs = await this.records.find({ partition, unpublished: true }, { _id: 1 }).lean();
    const loaded = await Promise.all(docs.map((doc) => this.load(doc._id)));
    return loaded.filter((s): s is StoredSession => s !== undefined);
  }

  private async writeSnapshot(state: SessionState, epoch: number): Promise<void> {
    await this.records.updateOne(
      { _id: state.sessionId },
      {
        $set: { version: state.version, ownerEpoch: epoch, ...this.indexed(state), unpublished: true },
        ...(state.ownerAgentId === undefined ? { $unset: { ownerAgentId: 1 } } : {}),
      },
    );
  }

  private indexed(state: SessionState) {
    return {
      state,
      openSlot: openSlotOf(state),
      endUserId: state.endUserId,
      status: state.status,
      queue: state.queue,
      ...(state.ownerAgentId === undefined ? {} : { ownerAgentId: state.ownerAgentId }),
      updatedAt: new Date(),
    };
  }
}

function duplicateKeyOf(error: unknown): 'startKey' | 'openSlot' | '_id' | undefined {
  const e = error as { code?: number; message?: string; keyPattern?: Record<string, unknown> };
  if (e?.code !== 11000) return undefined;
  const keys = Object.keys(e.keyPattern ?? {});
  const text = `${keys.join(' ')} ${e.message ?? ''}`;
  if (text.includes('startKey')) return 'startKey';
  if (text.includes('openSlot')) return 'openSlot';
  return '_id';
}
