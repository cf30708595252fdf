import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { CHAT_SCHEMA_VERSION } from '@switchboard/contracts';
import { isOpenStatus, nextDeadline, type SessionEvent, type SessionState } from '@switchboard/domain';
import { SessionReader, type StoredSession } from '../reader/session-reader';
import { commandKeyOf, commitId, SessionCommit } from '../schemas/session-commit.schema';
import { SessionRecord } from '../schemas/session-record.schema';
import type { Model } from 'mongoose';
import { WriteBatcher, type WriteResult } from './write-batcher';

/** `duplicateCommand`: this command id was already applied to the session (A3); its first outcome is in the store. */
export type WriteOutcome = 'written' | 'conflict' | 'fenced' | 'duplicateCommand';

/** A command id's first outcome, as stored. */
export interface StoredOutcome {
  events: SessionEvent[];
  commandHash: string;
}


/** What a partition stored since a moment (the outbox replay, A5). */
export interface StoredSince {
  starts: Array<{ sessionId: string; events: SessionEvent[]; at: Date }>;
  commits: Array<{ sessionId: string; baseVersion: number; prevVisibleSeq: number; events: SessionEvent[]; at: Date }>;
}

export type InsertOutcome = { kind: 'inserted' } | { kind: 'duplicate'; on: DuplicateKey };
type DuplicateKey = 'startKey' | 'openSlot' | 'commandKey' | '_id';

export const startKeyOf = (endUserId: string, requestId: string) => JSON.stringify([endUserId, requestId]);
const openSlotOf = (state: SessionState) => (isOpenStatus(state.status) ? state.endUserId : `closed:${state.sessionId}`);

/** A snapshot is rewritten at least this often (in events), so loads roll forward through few commits. */
export const SNAPSHOT_EVERY = 16;

/**
 * Snapshot updates per bulk write. FerretDB v1 (the embedded default) holds
 * one PostgreSQL connection per update statement of a command until the
 * whole command is done, and takes one more to apply each: a bulk update of
 * more statements than its pool has connections (50) waits for itself for
 * good, and a few large ones at once do the same to each other (ADR 2).
 * Eight per write, one write at a time per process, keeps every process
 * well inside the pool; MongoDB has no such limit, and small batches cost
 * it little.
 */
export const SNAPSHOT_BATCH = 8;

/**
 * Bulk inserts of commits (and of starts) in flight at once: a commit that
 * arrives while one is being written goes out in the next at once instead of
 * waiting for it (an insert holds one database connection; snapshot updates
 * stay one write at a time, see SNAPSHOT_BATCH).
 */
export const INSERTS_IN_FLIGHT = 4;

/** The fields that queries, indexes and other services read from the snapshot. */
function routingFields(state: SessionState): string {
  return JSON.stringify([
    state.status,
    state.queue,
    state.ownerAgentId,
    state.transferTargetAgentId,
    state.cancelledByUser,
    state.userLeft,
    state.ticket?.status,
    // A deadline armed or cleared: a new owner of the partition arms its timers from the snapshot (ADR 13).
    nextDeadline(state)?.dueAt,
    // Issue 17: the dashboard counts the ratings from the snapshots.
    state.rating?.score,
  ]);
}

/**
 * Session persistence (A2). A new session is one insert, guarded by unique
 * indexes (id, start request R1.1, open slot R1.2). Every later change is a
 * commit inserted under `<sessionId>@<version it was decided from>`: exactly
 * one writer per version gets in, whatever the number of processes that
 * believe they own the session. The snapshot in `chat_sessions` follows: at
 * once when a field others read changes (status, queue, owner, flags), else
 * every SNAPSHOT_EVERY events; loading rolls it forward through the commits
 * after it, so nothing depends on the snapshot being current.
 *
 * Hot-path filters are by `_id` alone: FerretDB v1 pushes only those down to SQLite.
 */
@Injectable()
export class SessionWriter {
  /** Commits of different sessions stored together, one unordered bulk insert per batch. */
  private readonly commitBatcher: WriteBatcher<SessionCommit>;
  /** Starts likewise: each keeps its unique-index checks (R1.1, R1.2). */
  private readonly startBatcher: WriteBatcher<SessionRecord>;
  /** Snapshot updates of different sessions, one unordered bulk update per batch. */
  private readonly snapshotBatcher: WriteBatcher<SnapshotUpdate>;

  constructor(
    @InjectModel(SessionRecord.name) private readonly records: Model<SessionRecord>,
    @InjectModel(SessionCommit.name) private readonly commits: Model<SessionCommit>,
    private readonly reader: SessionReader,
  ) {
    this.commitBatcher = new WriteBatcher((docs) => insertUnordered(this.commits, docs), 256, INSERTS_IN_FLIGHT);
    this.startBatcher = new WriteBatcher((docs) => insertUnordered(this.records, docs), 256, INSERTS_IN_FLIGHT);
    this.snapshotBatcher = new WriteBatcher((updates) => updateUnordered(this.records, updates), SNAPSHOT_BATCH);
  }

  /** Bulk writes of commits and the commits in them. */
  get batchStats(): { batches: number; documents: number } {
    return { ...this.commitBatcher.stats };
  }

  load(sessionId: string): Promise<StoredSession | undefined> {
    return this.reader.load(sessionId);
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

  async insert(state: SessionState, startEvents: readonly SessionEvent[], partition: number, epoch: number, at: Date): Promise<InsertOutcome> {
    const written = await this.startBatcher.write({
      _id: state.sessionId,
      version: state.version,
      ownerEpoch: epoch,
      partition,
      startKey: startKeyOf(state.endUserId, state.requestId),
      startEvents: [...startEvents],
      v: CHAT_SCHEMA_VERSION,
      startedAt: at,
      ...this.indexed(state),
    });
    if (written.ok) return { kind: 'inserted' };
    const duplicate = duplicateKeyOf(written.error);
    if (duplicate) return { kind: 'duplicate', on: duplicate };
    throw written.error;
  }

  /**
   * Stores `events`, decided from `base`, as the commit that follows it. Only
   * one commit per base version can exist: the loser learns it here. Returns
   * whether the snapshot is due to be brought up to `next` (`writeSnapshot`,
   * after the events are out: the commit is what counts, A2).
   */
  async commit(
    stored: StoredSession,
    events: readonly SessionEvent[],
    next: SessionState,
    epoch: number,
    partition: number,
    command: { commandId: string; hash: string },
    at: Date,
  ): Promise<{ outcome: WriteOutcome; snapshotDue: boolean }> {
    const base = stored.state;
    const written = await this.commitBatcher.write({
      _id: commitId(base.sessionId, base.version),
      sessionId: base.sessionId,
      baseVersion: base.version,
      commandKey: commandKeyOf(base.sessionId, command.commandId),
      commandHash: command.hash,
      prevVisibleSeq: base.lastVisibleSeq ?? 0,
      epoch,
      events: [...events],
      v: CHAT_SCHEMA_VERSION,
      partition,
      at,
    });
    if (!written.ok) {
      const error = written.error;
      if (!duplicateKeyOf(error)) throw error;
      // Which unique index refused is not in FerretDB's error: the commit at this version tells.
      const winner = await this.commits.findById(commitId(base.sessionId, base.version), { epoch: 1, commandKey: 1 }).lean();
      const outcome: WriteOutcome = !winner || winner.commandKey === commandKeyOf(base.sessionId, command.commandId)
        ? 'duplicateCommand'
        : winner.epoch > epoch
          ? 'fenced'
          : 'conflict';
      return { outcome, snapshotDue: false };
    }
    const due = routingFields(base) !== routingFields(next) || next.version - stored.snapshotVersion >= SNAPSHOT_EVERY;
    return { outcome: 'written', snapshotDue: due };
  }

  /**
   * The first outcome of a command id on this session, if it was applied
   * (A3). One of the session's last RECENT_COMMANDS is read by `_id`; an
   * older one only with `searchOlder` (a query on the unique `commandKey`,
   * for the rare retry that arrives after many other commands).
   */
  async outcomeOf(state: SessionState, commandId: string, options: { searchOlder: boolean }): Promise<StoredOutcome | undefined> {
    const recent = state.recentCommands?.find((c) => c.id === commandId);
    if (recent) {
      if (recent.firstSeq === 1) return { events: await this.startEvents(state.sessionId), commandHash: '' };
      const commit = await this.commits.findById(commitId(state.sessionId, recent.firstSeq - 1), { events: 1, commandHash: 1 }).lean();
      if (commit) return { events: commit.events, commandHash: commit.commandHash };
    }
    if (!options.searchOlder) return undefined;
    const commit = await this.commits.findOne({ commandKey: commandKeyOf(state.sessionId, commandId) }, { events: 1, commandHash: 1 }).lean();
    return commit ? { events: commit.events, commandHash: commit.commandHash } : undefined;
  }

  /** The events of a session's start (the head of its history). */
  startEvents(sessionId: string): Promise<SessionEvent[]> {
    return this.reader.startEvents(sessionId);
  }

  async commitEvents(sessionId: string, baseVersion: number): Promise<{ events: SessionEvent[]; prevVisibleSeq: number }> {
    const commit = await this.commits.findById(commitId(sessionId, baseVersion), { events: 1, prevVisibleSeq: 1 }).lean();
    return { events: commit?.events ?? [], prevVisibleSeq: commit?.prevVisibleSeq ?? 0 };
  }

  /** Starts and commits a partition stored at or after `from` (the outbox replay on takeover, A5). */
  async storedSince(partition: number, from: Date): Promise<StoredSince> {
    const [starts, commits] = await Promise.all([
      this.records.find({ partition, startedAt: { $gte: from } }, { _id: 1, startEvents: 1, startedAt: 1 }).lean(),
      this.commits.find({ partition, at: { $gte: from } }, { sessionId: 1, baseVersion: 1, prevVisibleSeq: 1, events: 1, at: 1 }).lean(),
    ]);
    return {
      starts: starts.map((s) => ({ sessionId: s._id, events: s.startEvents ?? [], at: s.startedAt })),
      commits: commits.map((c) => ({ sessionId: c.sessionId, baseVersion: c.baseVersion, prevVisibleSeq: c.prevVisibleSeq ?? 0, events: c.events, at: c.at })),
    };
  }

  /**
   * Brings the snapshot up to `state` (batched with other sessions'). Never
   * throws: a snapshot that stays behind is rolled forward by every load
   * and rewritten by a later commit; returns whether it was written.
   */
  async writeSnapshot(state: SessionState, epoch: number): Promise<boolean> {
    const written = await this.snapshotBatcher.write({
      _id: state.sessionId,
      update: {
        $set: { version: state.version, ownerEpoch: epoch, ...this.indexed(state) },
        ...unsetAbsent(state),
      },
    });
    return written.ok;
  }

  private indexed(state: SessionState) {
    return {
      state,
      openSlot: openSlotOf(state),
      endUserId: state.endUserId,
      status: state.status,
      queue: state.queue,
      ...(state.ownerAgentId === undefined ? {} : { ownerAgentId: state.ownerAgentId }),
      ...nextDueAtOf(state),
      // Issue 17: given once and kept, so never unset.
      ...(state.rating === undefined ? {} : { ratingScore: state.rating.score }),
      updatedAt: new Date(),
    };
  }

  /**
   * The sessions of `partition` that hold a deadline, as their snapshots say
   * (ADR 13): what a new owner arms its timers from, after its outbox replay
   * brought every lagging snapshot up to date. Read in batches; one entry
   * per open session with a deadline.
   */
  async *withDeadlines(partition: number): AsyncGenerator<{ sessionId: string; deadlines: NonNullable<SessionState['deadlines']> }> {
    const cursor = this.records.find({ partition, nextDueAt: { $gte: new Date(0) } }, { _id: 1, state: 1 }).lean().cursor({ batchSize: 500 });
    for await (const doc of cursor) {
      const deadlines = doc.state?.deadlines ?? [];
      if (deadlines.length > 0) yield { sessionId: doc._id, deadlines };
    }
  }
}

function nextDueAtOf(state: SessionState): { nextDueAt?: Date } {
  const due = nextDeadline(state);
  return due ? { nextDueAt: new Date(due.dueAt) } : {};
}

/** Top-level copies that the state no longer has: removed, so indexes and queries do not see stale values. */
function unsetAbsent(state: SessionState): { $unset?: Record<string, 1> } {
  const unset: Record<string, 1> = {};
  if (state.ownerAgentId === undefined) unset['ownerAgentId'] = 1;
  if (nextDeadline(state) === undefined) unset['nextDueAt'] = 1;
  return Object.keys(unset).length > 0 ? { $unset: unset } : {};
}

function duplicateKeyOf(error: unknown): DuplicateKey | undefined {
  const e = error as { code?: number; message?: string; keyPattern?: Record<string, unknown> };
  if (e?.code !== 11000) return undefined;
  const keys = Object.keys(e.keyPattern ?? {});
  const text = `${keys.join(' ')} ${e.message ?? ''}`;
  if (text.includes('startKey')) return 'startKey';
  if (text.includes('openSlot')) return 'openSlot';
  if (text.includes('commandKey')) return 'commandKey';
  return '_id';
}

/** A snapshot's new fields, by session id. */
interface SnapshotUpdate {
  _id: string;
  update: { $set: Record<string, unknown>; $unset?: Record<string, 1> };
}

/**
 * One unordered bulk insert: every document is tried, each with its own
 * unique-index checks; the result says which got in and why the others did not.
 */
async function insertUnordered<T extends { _id: string }>(model: Model<T>, docs: T[]): Promise<WriteResult[]> {
  try {
    await model.collection.insertMany(docs as never[], { ordered: false });
    return docs.map(() => ({ ok: true }));
  } catch (error) {
    return perWriteResults(error, docs.length);
  }
}

/** One unordered bulk update by `_id`: one round trip for the snapshots of many sessions. */
async function updateUnordered(model: Model<SessionRecord>, updates: SnapshotUpdate[]): Promise<WriteResult[]> {
  try {
    await model.bulkWrite(
      updates.map((u) => ({ updateOne: { filter: { _id: u._id }, update: u.update } })),
      { ordered: false },
    );
    return updates.map(() => ({ ok: true }));
  } catch (error) {
    return perWriteResults(error, updates.length);
  }
}

/** The outcome of each write of a failed bulk write; a failure without per-write errors fails them all. */
function perWriteResults(error: unknown, count: number): WriteResult[] {
  const writeErrors = (error as { writeErrors?: Array<{ index: number; code?: number; errmsg?: string }> | { index: number } }).writeErrors;
  if (writeErrors === undefined) return Array.from({ length: count }, () => ({ ok: false, error }));
  const list = Array.isArray(writeErrors) ? writeErrors : [writeErrors];
  const failed = new Map(list.map((w) => [w.index, w]));
  return Array.from({ length: count }, (_, i) => {
    const w = failed.get(i);
    return w ? { ok: false, error: { code: (w as { code?: number }).code, message: (w as { errmsg?: string }).errmsg } } : { ok: true };
  });
}
