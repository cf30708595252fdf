import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { CHAT_SCHEMA_VERSION, isKnownEventType } from '@switchboard/contracts';
import { applyEvents, SESSION_LIMITS, type SessionEvent, type SessionState, type SessionStatus } from '@switchboard/domain';
import type { Model } from 'mongoose';
import { commitId, SessionCommit } from '../schemas/session-commit.schema';
import { SessionRecord } from '../schemas/session-record.schema';

export interface StoredSession {
  state: SessionState;
  ownerEpoch: number;
  /** Version the stored snapshot is at (may trail `state.version`). */
  snapshotVersion: number;
}

/** Most events one history read returns, whatever is asked. */
export const HISTORY_READ_MAX = 100;

/** A page of a session's history: raw events (side notes included), oldest first. */
export interface HistoryRead {
  events: SessionEvent[];
  /** Older events exist before the first of `events`. */
  hasOlder: boolean;
  /** The session's latest seq. */
  lastSeq: number;
}

/**
 * Reads sessions as the chat actors stored them: the snapshot in
 * `chat_sessions` (a bounded summary), rolled forward through any commit
 * stored after it (`<sessionId>@<version>`). The history is the start's
 * events plus the commits, read a page at a time by `_id`. Every service that
 * reads one session goes through here, so none depends on the snapshot being
 * current; questions about sets of sessions go to SessionQueries. Nothing
 * outside this library injects a model of the session collections but the
 * chat actors, which write them.
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
    return this.rollForward(summaryOf(doc.state), doc.ownerEpoch);
  }

  /**
   * The events before `beforeSeq` (default: after the last one), at most
   * `limit` (capped at HISTORY_READ_MAX), oldest first. Reads the snapshot,
   * the few commits after it, and the commits of the page, all by `_id`:
   * the cost does not depend on the length of the chat.
   */
  async history(sessionId: string, page: { beforeSeq?: number; limit: number }): Promise<HistoryRead | undefined> {
    const doc = await this.records.findById(sessionId, { state: 1, ownerEpoch: 1, startEvents: 1 }).lean();
    if (!doc) return undefined;
    const { state } = await this.rollForward(summaryOf(doc.state), doc.ownerEpoch);
    const limit = Math.max(1, Math.min(HISTORY_READ_MAX, Math.floor(page.limit)));
    const end = Math.min(page.beforeSeq ?? state.version + 1, state.version + 1);
    const from = Math.max(1, end - limit);
    if (end <= from) return { events: [], hasOlder: false, lastSeq: state.version };

    const head = startEventsOf(doc);
    const startVersion = head.length;
    // A commit decided from base version b holds seq b+1 .. b+k, k <= maxEventsPerCommand.
    const ids: string[] = [];
    for (let base = Math.max(startVersion, from - SESSION_LIMITS.maxEventsPerCommand); base <= end - 2; base++) ids.push(commitId(sessionId, base));
    const commits = ids.length === 0 ? [] : await this.commits.find({ _id: { $in: ids } }, { events: 1 }).lean();
    const events = [...head, ...commits.flatMap((c) => c.events)]
      .filter((e) => e.seq >= from && e.seq < end)
      .sort((a, b) => a.seq - b.seq);
    return { events, hasOlder: from > 1, lastSeq: state.version };
  }

  /** The events of a session's start (the head of its history); empty for an unknown session. */
  async startEvents(sessionId: string): Promise<SessionEvent[]> {
    const doc = await this.records.findById(sessionId, { state: 1, startEvents: 1 }).lean();
    return doc ? startEventsOf(doc) : [];
  }

  /**
   * Sessions whose snapshot says they are in one of `statuses`, as they are
   * now. The snapshot's status is rewritten with every status change, so the
   * filter only misses a session whose snapshot write was cut off by a crash;
   * the chat events cover that case for live readers.
   */
  async withStatus(statuses: readonly SessionStatus[]): Promise<SessionState[]> {
    // One equality per status, not `$in`: FerretDB serves only the former from an index (ADR 2).
    const perStatus = await Promise.all([...new Set(statuses)].map((status) => this.records.find({ status }, { state: 1, ownerEpoch: 1 }).lean()));
    const docs = perStatus.flat();
    const current = await Promise.all(docs.map((d) => this.rollForward(summaryOf(d.state), d.ownerEpoch)));
    return current.map((s) => s.state).filter((s) => statuses.includes(s.status));
  }

  private async rollForward(snapshot: SessionState, snapshotEpoch: number): Promise<StoredSession> {
    let state = snapshot;
    let ownerEpoch = snapshotEpoch;
    for (;;) {
      const next = await this.commits.findById(commitId(state.sessionId, state.version), { events: 1, epoch: 1, v: 1 }).lean();
      if (!next) break;
      // Issue 18: a commit by a newer process (rolling upgrade) is not guessed at: this process cannot serve the session.
      const unknown = next.events.find((e) => !isKnownEventType(e.type));
      if ((next.v ?? 1) > CHAT_SCHEMA_VERSION || unknown !== undefined) {
        throw new StoredSchemaError(state.sessionId, next.v ?? 1, unknown?.type);
      }
      state = applyEvents(state, next.events);
      ownerEpoch = next.epoch;
    }
    return { state, ownerEpoch, snapshotVersion: snapshot.version };
  }
}

/**
 * The summary of a stored snapshot. Records written before the history left
 * the snapshot still carry a `history` field: it is dropped here, so nothing
 * downstream ever holds a whole history.
 */
function summaryOf(stored: SessionState & { history?: unknown }): SessionState {
  if (!('history' in stored)) return stored;
  const { history: _history, ...summary } = stored;
  return summary;
}

/** The start's events; older records kept them inside the snapshot's history. */
function startEventsOf(doc: { startEvents?: SessionEvent[]; state: SessionState & { history?: SessionEvent[] } }): SessionEvent[] {
  if (doc.startEvents && doc.startEvents.length > 0) return doc.startEvents;
  const legacy = doc.state.history ?? [];
  const first = legacy[0]?.commandId;
  return legacy.filter((e) => e.commandId === first);
}

/**
 * Issue 18: a session holds a commit written by a newer process (a newer
 * schema version, or an event type this process does not know), so this one
 * cannot apply it; the chat-actor answers UNSUPPORTED_VERSION instead of
 * guessing, and a process of the newer version serves the session.
 */
export class StoredSchemaError extends Error {
  readonly code = 'UNSUPPORTED_VERSION';
  constructor(
    readonly sessionId: string,
    readonly version: number,
    readonly eventType?: string,
  ) {
    super(
      eventType === undefined
        ? `Session ${sessionId} holds a commit of schema version ${version}; this process reads up to ${CHAT_SCHEMA_VERSION}`
        : `Session ${sessionId} holds a ${eventType} event this process does not know`,
    );
    this.name = 'StoredSchemaError';
  }
}
