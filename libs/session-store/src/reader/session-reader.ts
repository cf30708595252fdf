import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { applyEvents, type SessionState, type SessionStatus } from '@switchboard/domain';
import type { Model } from 'mongoose';
import { commitId, SessionCommit } from '../schemas/session-commit.schema';
import { SessionRecord } from '../schemas/session-record.schema';

export interface StoredSession {
  state: SessionState;
  ownerEpoch: number;
  /** Version the stored snapshot is at (may trail `state.version`). */
  snapshotVersion: number;
}

/**
 * Reads sessions as the chat actors stored them: the snapshot in
 * `chat_sessions`, rolled forward through any commit stored after it
 * (`<sessionId>@<version>`). Every service that reads sessions goes through
 * here, so none depends on the snapshot being current.
 */
@Injectable()
export class SessionReader {
  constructor(
    @InjectModel(SessionRecord.name) private readonly records: Model<SessionRecord>,
    @InjectModel(SessionCommit.name) private readonly commits: Model<SessionCommit>,
  ) {}

  async load(sessionId: string): Promise<StoredSession | undefined> {
    const doc = await this.records.findById(sessionId, { state: 1, ownerEpoch: 1 }).lean();
    if (!doc) return undefined;
    return this.rollForward(doc.state, doc.ownerEpoch);
  }

  /**
   * Sessions whose snapshot says they are in one of `statuses`, as they are
   * now. The snapshot's status is rewritten with every status change, so the
   * filter only misses a session whose snapshot write was cut off by a crash;
   * the chat events cover that case for live readers.
   */
  async withStatus(statuses: readonly SessionStatus[]): Promise<SessionState[]> {
    const docs = await this.records.find({ status: { $in: [...statuses] } }, { state: 1, ownerEpoch: 1 }).lean();
    const current = await Promise.all(docs.map((d) => this.rollForward(d.state, d.ownerEpoch)));
    return current.map((s) => s.state).filter((s) => statuses.includes(s.status));
  }

  private async rollForward(snapshot: SessionState, snapshotEpoch: number): Promise<StoredSession> {
    let state = snapshot;
    let ownerEpoch = snapshotEpoch;
    for (;;) {
      const next = await this.commits.findById(commitId(state.sessionId, state.version), { events: 1, epoch: 1 }).lean();
      if (!next) break;
      state = applyEvents(state, next.events);
      ownerEpoch = next.epoch;
    }
    return { state, ownerEpoch, snapshotVersion: snapshot.version };
  }
}
