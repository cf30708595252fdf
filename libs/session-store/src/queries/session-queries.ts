import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { OPEN_STATUSES, type LinkedTicket, type SessionState, type SessionStatus } from '@switchboard/domain';
import { RATING_MAX, RATING_MIN } from '@switchboard/contracts';
import type { Model, QueryFilter } from 'mongoose';
import { SessionRecord } from '../schemas/session-record.schema';

/** Most rows one search page returns, whatever is asked. */
export const SEARCH_PAGE_MAX = 100;
/** Longest search text taken into account (the admin API refuses longer ones). */
export const SEARCH_TEXT_MAX = 200;
/** Most open tickets one read returns, whatever is asked. */
export const OPEN_TICKETS_MAX = 50;
/** Open sessions read from the database per round trip while loading them all. */
export const OPEN_SESSIONS_BATCH = 500;

/** The fields of an open session a list row is built from, and its pending offer (issue 14), as its snapshot stored them. */
export type OpenSessionSummary = Pick<SessionState, 'sessionId' | 'version' | 'status' | 'queue' | 'companyId' | 'endUserId' | 'cancelledByUser' | 'userLeft' | 'description' | 'createdAt'> &
  Partial<Pick<SessionState, 'ownerAgentId' | 'transferTargetAgentId' | 'queuedAt' | 'endUserName' | 'topic' | 'offer' | 'priority' | 'guests' | 'invites' | 'helpFlag'>>;

/** Where an open session stands (status, queue, owner), as its snapshot stored it: what the dashboard counts. */
export interface OpenSessionPosition {
  sessionId: string;
  version: number;
  status: SessionStatus;
  queue: string;
  ownerAgentId?: string;
  queuedAt?: string;
  /** Offered to an agent right now (issue 14). */
  offered?: boolean;
}

/** A Master Chat Records search (R17). Every criterion given must hold. */
export interface SessionSearch {
  /** Case-insensitive "contains" over id, end user id and name, owner and description; plain text, never a pattern. */
  text?: string;
  status?: SessionStatus;
  queue?: string;
  endUserId?: string;
  /** Owns it now, ever took part in it, or is its transfer target. */
  agentId?: string;
  /** Started at or after (ISO 8601). */
  startedFrom?: string;
  /** Started at or before (ISO 8601). */
  startedTo?: string;
  /** 1-based. */
  page: number;
  /** Capped at SEARCH_PAGE_MAX. */
  pageSize: number;
}

/** One search row: the record's routing fields and the summary fields a list shows, as the snapshot stored them. */
export interface SessionSearchRow {
  sessionId: string;
  version: number;
  status: SessionStatus;
  queue: string;
  endUserId: string;
  ownerAgentId?: string;
  updatedAt: Date;
  summary: Partial<Pick<SessionState, 'topic' | 'endUserName' | 'companyId' | 'transferTargetAgentId' | 'description' | 'createdAt' | 'closedAt' | 'cancelledByUser' | 'userLeft'>>;
}

export interface SessionSearchPage {
  rows: SessionSearchRow[];
  /** Every record the criteria match, over all pages. */
  total: number;
}

/** An open ticket and the session it is linked to (R14: at most one per session). */
export interface OpenTicket {
  sessionId: string;
  ticket: LinkedTicket;
}

const SEARCH_FIELDS = {
  version: 1,
  status: 1,
  queue: 1,
  endUserId: 1,
  ownerAgentId: 1,
  updatedAt: 1,
  'state.topic': 1,
  'state.endUserName': 1,
  'state.companyId': 1,
  'state.transferTargetAgentId': 1,
  'state.description': 1,
  'state.createdAt': 1,
  'state.closedAt': 1,
  'state.cancelledByUser': 1,
  'state.userLeft': 1,
} as const;

const OPEN_SUMMARY_FIELDS = {
  'state.sessionId': 1,
  'state.version': 1,
  'state.status': 1,
  'state.queue': 1,
  'state.companyId': 1,
  'state.endUserId': 1,
  'state.ownerAgentId': 1,
  'state.transferTargetAgentId': 1,
  'state.queuedAt': 1,
  'state.cancelledByUser': 1,
  'state.userLeft': 1,
  'state.endUserName': 1,
  'state.description': 1,
  'state.topic': 1,
  'state.createdAt': 1,
  'state.offer': 1,
  // Issue 15: the Queue tab orders and shows it.
  'state.priority': 1,
  // Issue 16 (ADR 24): who is in the chat besides its owner, and who is invited (audiences, My Chats, Invites tab).
  'state.guests': 1,
  'state.invites': 1,
  // Issue 16: the supervisors' board shows it (ADR 25).
  'state.helpFlag': 1,
} as const;

type SearchDoc = Pick<SessionRecord, '_id' | 'version' | 'status' | 'queue' | 'endUserId' | 'ownerAgentId' | 'updatedAt'> & { state?: SessionSearchRow['summary'] };

/**
 * Questions about sets of sessions, answered from the stored snapshots
 * (`chat_sessions`). A snapshot may trail its session by the commits stored
 * after it (ADR 6: it is rewritten when a routing field changes and every 16
 * events): status, queue and owner are current, the other summary fields may
 * lag. Callers that need one session as it is now use SessionReader.load.
 *
 * Each query is bounded (a page, a limit, or a batched cursor over the open
 * sessions) and filters by equality on an indexed field wherever it can,
 * because FerretDB v1 scans the collection for `$in`, ranges and fields
 * without an index (ADR 2): the open statuses are read one status at a time
 * rather than with `$in`. The search's text and agent criteria cannot use
 * an index; it is an administrator's page, not a hot path.
 */
@Injectable()
export class SessionQueries {
  constructor(@InjectModel(SessionRecord.name) private readonly records: Model<SessionRecord>) {}

  /**
   * Every open session's list fields, read in batches of OPEN_SESSIONS_BATCH.
   * A session that changes status while this runs may come twice or not at
   * all: the caller follows the chat events from before the read.
   */
  async *openSessions(): AsyncGenerator<OpenSessionSummary> {
    for (const status of OPEN_STATUSES) {
      const cursor = this.records.find({ status }, OPEN_SUMMARY_FIELDS).lean<Array<{ state: OpenSessionSummary }>>().cursor({ batchSize: OPEN_SESSIONS_BATCH });
      for await (const doc of cursor) yield doc.state;
    }
  }

  /** Where every open session stands; one indexed query per open status. */
  async openPositions(): Promise<OpenSessionPosition[]> {
    const perStatus = await Promise.all(
      OPEN_STATUSES.map((status) =>
        this.records
          .find({ status }, { status: 1, queue: 1, version: 1, ownerAgentId: 1, 'state.queuedAt': 1, 'state.offer.agentId': 1 })
          .lean<Array<{ _id: string; status: SessionStatus; queue: string; version: number; ownerAgentId?: string; state?: { queuedAt?: string; offer?: { agentId?: string } } }>>(),
      ),
    );
    return perStatus.flat().map((d) => ({
      sessionId: d._id,
      version: d.version,
      status: d.status,
      queue: d.queue,
      ...(d.ownerAgentId ? { ownerAgentId: d.ownerAgentId } : {}),
      ...(d.state?.queuedAt ? { queuedAt: d.state.queuedAt } : {}),
      ...(d.state?.offer?.agentId ? { offered: true } : {}),
    }));
  }

  /** How many sessions are in `status` (an indexed count). */
  /**
   * Of `sessionIds` (the caller bounds how many), the sessions that ended (closed or abandoned) before `before`: what the
   * attachments' retention may delete the files of.
   */
  async endedBefore(sessionIds: readonly string[], before: Date): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const docs = await this.records
      .find({ _id: { $in: [...sessionIds] }, status: { $in: ['CLOSED', 'ABANDONED'] }, 'state.closedAt': { $lt: before.toISOString() } }, { _id: 1 })
      .lean();
    return new Set(docs.map((d) => d._id));
  }

  async countWithStatus(status: SessionStatus): Promise<number> {
    return this.records.countDocuments({ status });
  }

  /**
   * Issue 17: how many chats are rated and their average score (absent
   * while none is). One indexed count per score (RATING_MIN..RATING_MAX):
   * five small queries whatever the number of chats, and no aggregation
   * (FerretDB v1 sums no field in a `$group`).
   */
  async satisfaction(): Promise<{ count: number; average?: number }> {
    const scores = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => RATING_MIN + i);
    const counts = await Promise.all(scores.map((score) => this.records.countDocuments({ ratingScore: score })));
    const count = counts.reduce((n, c) => n + c, 0);
    if (count === 0) return { count: 0 };
    const total = counts.reduce((sum, c, i) => sum + c * scores[i]!, 0);
    return { count, average: Math.round((total / count) * 100) / 100 };
  }

  /**
   * The open tickets of an end user's sessions, newest activity first, at
   * most `limit` (capped at OPEN_TICKETS_MAX). Indexed by end user; reads the
   * tickets only.
   */
  async openTicketsOf(endUserId: string, limit = OPEN_TICKETS_MAX): Promise<OpenTicket[]> {
    const docs = await this.records
      .find({ endUserId, 'state.ticket.status': 'Open' })
      .select<{ _id: string; state?: Pick<SessionState, 'ticket'> }>({ 'state.ticket': 1 })
      .sort({ updatedAt: -1 })
      .limit(clamp(limit, 1, OPEN_TICKETS_MAX))
      .lean();
    return docs.flatMap((d) => (d.state?.ticket ? [{ sessionId: d._id, ticket: d.state.ticket }] : []));
  }

  /** One page of the records matching `search`, most recently active first, and how many match in all. */
  async search(search: SessionSearch): Promise<SessionSearchPage> {
    const filter = searchFilterOf(search);
    const pageSize = clamp(search.pageSize, 1, SEARCH_PAGE_MAX);
    const page = Math.max(1, Math.floor(search.page));
    const [docs, total] = await Promise.all([
      this.records
        .find(filter, SEARCH_FIELDS)
        .sort({ updatedAt: -1, _id: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<SearchDoc[]>(),
      this.records.countDocuments(filter),
    ]);
    return { rows: docs.map(rowOf), total };
  }

  /** When the record was last written; undefined for an unknown session. */
  async lastWrittenAt(sessionId: string): Promise<Date | undefined> {
    const doc = await this.records.findById(sessionId, { updatedAt: 1 }).lean();
    return doc?.updatedAt;
  }

  /** Whether a session with this id was ever started. */
  async exists(sessionId: string): Promise<boolean> {
    return (await this.records.exists({ _id: sessionId })) !== null;
  }
}

/** A query the session store cannot run as asked. */
export class SessionQueryError extends Error {
  readonly code = 'INVALID_SESSION_QUERY';
  constructor(message: string) {
    super(message);
    this.name = 'SessionQueryError';
  }
}

function clamp(n: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.floor(Number.isFinite(n) ? n : min)));
}

function searchFilterOf(search: SessionSearch): QueryFilter<SessionRecord> {
  const and: QueryFilter<SessionRecord>[] = [];
  const text = search.text?.slice(0, SEARCH_TEXT_MAX);
  if (text) {
    const pattern = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    and.push({ $or: ['_id', 'endUserId', 'ownerAgentId', 'state.endUserName', 'state.description'].map((field) => ({ [field]: { $regex: pattern, $options: 'i' } })) });
  }
  if (search.status) and.push({ status: search.status });
  if (search.queue) and.push({ queue: search.queue });
  if (search.endUserId) and.push({ endUserId: search.endUserId });
  if (search.agentId) {
    and.push({ $or: [{ ownerAgentId: search.agentId }, { 'state.participants': search.agentId }, { 'state.transferTargetAgentId': search.agentId }] });
  }
  // ISO times of one format compare as text.
  if (search.startedFrom) and.push({ 'state.createdAt': { $gte: isoOf(search.startedFrom, 'startedFrom') } });
  if (search.startedTo) and.push({ 'state.createdAt': { $lte: isoOf(search.startedTo, 'startedTo') } });
  return (and.length === 0 ? {} : and.length === 1 ? and[0] : { $and: and }) as QueryFilter<SessionRecord>;
}

function isoOf(at: string, name: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new SessionQueryError(`${name} is not a date and time: ${JSON.stringify(at.slice(0, 40))}`);
  return new Date(ms).toISOString();
}

function rowOf(doc: SearchDoc): SessionSearchRow {
  return {
    sessionId: doc._id,
    version: doc.version,
    status: doc.status as SessionStatus,
    queue: doc.queue,
    endUserId: doc.endUserId,
    ...(doc.ownerAgentId ? { ownerAgentId: doc.ownerAgentId } : {}),
    updatedAt: doc.updatedAt,
    summary: doc.state ?? {},
  };
}
