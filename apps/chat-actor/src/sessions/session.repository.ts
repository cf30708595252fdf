import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isOpenStatus, type SessionState } from '@switchboard/domain';
import type { Model } from 'mongoose';
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
 * Session persistence. Every write of an existing session is one atomic
 * `updateOne` conditional on the version the actor read and on the writer's
 * lease epoch not being older than the last writer's (A2).
 */
@Injectable()
export class SessionRepository {
  constructor(@InjectModel(SessionRecord.name) private readonly records: Model<SessionRecord>) {}

  async load(sessionId: string): Promise<StoredSession | undefined> {
    const doc = await this.records.findById(sessionId, { state: 1, ownerEpoch: 1, publishedVersion: 1 }).lean();
    return doc ? { state: doc.state, ownerEpoch: doc.ownerEpoch, publishedVersion: doc.publishedVersion } : undefined;
  }

  async findByStartKey(endUserId: string, requestId: string): Promise<SessionState | undefined> {
    const doc = await this.records.findOne({ startKey: startKeyOf(endUserId, requestId) }, { state: 1 }).lean();
    return doc?.state;
  }

  async findOpenOf(endUserId: string): Promise<SessionState | undefined> {
    const doc = await this.records.findOne({ openSlot: endUserId }, { state: 1 }).lean();
    return doc?.state;
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

  /** Replaces the state if nobody wrote since `expectedVersion` and no newer owner exists. */
  async update(state: SessionState, expectedVersion: number, epoch: number): Promise<WriteOutcome> {
    try {
      const result = await this.records.updateOne(
        { _id: state.sessionId, version: expectedVersion, ownerEpoch: { $lte: epoch } },
        {
          $set: { version: state.version, ownerEpoch: epoch, ...this.indexed(state), unpublished: true },
          ...(state.ownerAgentId === undefined ? { $unset: { ownerAgentId: 1 } } : {}),
        },
      );
      if (result.matchedCount === 1) return 'written';
    } catch (error) {
      // Reopening a slot another session holds cannot happen (closed is terminal); anything else is real.
      if (!duplicateKeyOf(error)) throw error;
      return 'conflict';
    }
    const current = await this.records.findById(state.sessionId, { ownerEpoch: 1 }).lean();
    return current && current.ownerEpoch > epoch ? 'fenced' : 'conflict';
  }

  /**
   * Records that every event up to `version` is published. Conditional on the
   * version: after a newer write, that writer publishes and marks for itself
   * (re-publishing an already published event is harmless: `Nats-Msg-Id`).
   */
  async markPublished(sessionId: string, version: number): Promise<void> {
    await this.records.updateOne({ _id: sessionId, version }, { $set: { publishedVersion: version, unpublished: false } });
  }

  async findUnpublished(partition: number): Promise<StoredSession[]> {
    const docs = await this.records.find({ partition, unpublished: true }, { state: 1, ownerEpoch: 1, publishedVersion: 1 }).lean();
    return docs.map((doc) => ({ state: doc.state, ownerEpoch: doc.ownerEpoch, publishedVersion: doc.publishedVersion }));
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
