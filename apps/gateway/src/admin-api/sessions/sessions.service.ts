import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  HISTORY_PAGE_DEFAULT,
  type SessionDetailView,
  type SessionHistoryEntryView,
  type SessionHistoryPageView,
  type SessionHistoryQuery,
  type SessionListQuery,
  type SessionPage,
  type SessionStatusValue,
  type SessionSummaryView,
} from '@switchboard/contracts';
import type { SessionEvent, SessionState } from '@switchboard/domain';
import { AgentRecord } from '@switchboard/reference-data';
import { ChatActorClient } from '@switchboard/service-kit';
import { SessionReader, SessionRecord } from '@switchboard/session-store';
import type { Model, QueryFilter } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { HistoryPages } from '../../realtime/sessions/history-pages';
import { RecordFreshnessTracker } from '../freshness/record-freshness';
import { AdminApiError } from '../shared/admin-api.error';
import { searchFilter } from '../shared/paging';

/** Domain refusals of a force-close, as HTTP statuses. */
const STATUS_OF_CODE: Record<string, HttpStatus> = {
  SESSION_NOT_FOUND: HttpStatus.NOT_FOUND,
  SESSION_CLOSED: HttpStatus.CONFLICT,
  INVALID_STATE: HttpStatus.CONFLICT,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  VALIDATION: HttpStatus.BAD_REQUEST,
  BAD_REQUEST: HttpStatus.BAD_REQUEST,
  TIMEOUT: HttpStatus.SERVICE_UNAVAILABLE,
  UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
};

/** What a list row needs; the history stays in the database. */
const SUMMARY_FIELDS = {
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

type SummaryDoc = Pick<SessionRecord, '_id' | 'version' | 'status' | 'queue' | 'endUserId' | 'ownerAgentId' | 'updatedAt'> & { state: Partial<SessionState> };

function toSummary(doc: SummaryDoc): SessionSummaryView {
  const s = doc.state ?? {};
  return {
    sessionId: doc._id,
    status: doc.status as SessionStatusValue,
    queue: doc.queue,
    ...(s.topic ? { topic: s.topic } : {}),
    endUserId: doc.endUserId,
    ...(s.endUserName ? { endUserName: s.endUserName } : {}),
    companyId: s.companyId ?? '',
    ...(doc.ownerAgentId ? { ownerAgentId: doc.ownerAgentId } : {}),
    ...(s.transferTargetAgentId ? { transferTargetAgentId: s.transferTargetAgentId } : {}),
    description: s.description ?? '',
    createdAt: s.createdAt ?? new Date(doc.updatedAt).toISOString(),
    updatedAt: new Date(doc.updatedAt).toISOString(),
    ...(s.closedAt ? { closedAt: s.closedAt } : {}),
    cancelledByUser: s.cancelledByUser ?? false,
    userLeft: s.userLeft ?? false,
  };
}

/**
 * The Master Chat Records (R17) for administrators: search, read one with
 * the recent page of its history and older pages on demand, and force-close
 * a stuck one. Reads go to the session
 * store; the force-close is a command to the session's actor like any other.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectModel(SessionRecord.name) private readonly records: Model<SessionRecord>,
    @InjectModel(AgentRecord.name) private readonly agents: Model<AgentRecord>,
    private readonly reader: SessionReader,
    @Inject(ChatActorClient) private readonly chat: ChatActorClient,
    @Inject(HistoryPages) private readonly pages: HistoryPages,
    @Inject(RecordFreshnessTracker) private readonly freshness: RecordFreshnessTracker,
  ) {}

  async list(query: SessionListQuery): Promise<SessionPage> {
    // Taken before reading: the page reflects at least this much.
    const freshness = this.freshness.now();
    const and: QueryFilter<SessionRecord>[] = [];
    if (query.q) and.push(searchFilter<SessionRecord>(query.q, ['_id', 'endUserId', 'ownerAgentId', 'state.endUserName', 'state.description']));
    if (query.status) and.push({ status: query.status });
    if (query.queue) and.push({ queue: query.queue });
    if (query.endUserId) and.push({ endUserId: query.endUserId });
    if (query.agentId) {
      and.push({ $or: [{ ownerAgentId: query.agentId }, { 'state.participants': query.agentId }, { 'state.transferTargetAgentId': query.agentId }] });
    }
    // ISO times of one format compare as text.
    if (query.from) and.push({ 'state.createdAt': { $gte: new Date(query.from).toISOString() } });
    if (query.to) and.push({ 'state.createdAt': { $lte: new Date(query.to).toISOString() } });
    const filter = (and.length === 0 ? {} : and.length === 1 ? and[0] : { $and: and }) as QueryFilter<SessionRecord>;
    const [docs, total] = await Promise.all([
      this.records
        .find(filter, SUMMARY_FIELDS)
        .sort({ updatedAt: -1, _id: 1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean<SummaryDoc[]>(),
      this.records.countDocuments(filter),
    ]);
    const recordsBehind = this.freshness.behind(docs.map((d) => ({ sessionId: d._id, version: d.version, status: d.status, queue: d.queue, ...(d.ownerAgentId ? { ownerAgentId: d.ownerAgentId } : {}) })));
    return { items: docs.map(toSummary), total, page: query.page, pageSize: query.pageSize, freshness: { ...freshness, recordsBehind } };
  }

  /** One record with the most recent page of its history (HISTORY_PAGE_DEFAULT entries); `hasOlder` says whether more exist. */
  async get(sessionId: string): Promise<SessionDetailView> {
    const stored = await this.reader.load(sessionId);
    if (!stored) throw AdminApiError.notFound('Session', sessionId);
    const [record, page] = await Promise.all([this.records.findById(sessionId, { updatedAt: 1 }).lean(), this.pages.events('admin', sessionId, { beforeSeq: stored.state.version + 1, limit: HISTORY_PAGE_DEFAULT })]);
    return this.detail(stored.state, page, record?.updatedAt ?? new Date());
  }

  /** A page of a record's history (messages, side notes, system events), oldest first: the entries before `beforeSeq`, at most `limit`. */
  async history(sessionId: string, query: SessionHistoryQuery): Promise<SessionHistoryPageView> {
    const stored = await this.reader.load(sessionId);
    if (!stored) throw AdminApiError.notFound('Session', sessionId);
    const last = stored.state.version;
    const page = await this.pages.events('admin', sessionId, {
      beforeSeq: Math.min(query.beforeSeq ?? last + 1, last + 1),
      limit: query.limit ?? HISTORY_PAGE_DEFAULT,
    });
    return { events: page.events.map(entryOf), hasOlder: page.hasOlder, lastSeq: last };
  }

  /** R17: closes an open session whatever its state, as the administrator `adminId`. */
  async forceClose(sessionId: string, adminId: string, comment?: string): Promise<SessionDetailView> {
    if (!(await this.records.exists({ _id: sessionId }))) throw AdminApiError.notFound('Session', sessionId);
    const reply = await this.chat.send({
      type: 'ForceClose',
      commandId: randomUUID(),
      sessionId,
      actor: { role: 'admin', id: adminId },
      ...(comment ? { comment } : {}),
    });
    if (!reply.ok) {
      const status = STATUS_OF_CODE[reply.error.code] ?? HttpStatus.CONFLICT;
      throw new AdminApiError(status, reply.error.code, reply.error.message);
    }
    // The reply carries a summary only: the record as stored now, with its recent page.
    return this.get(sessionId);
  }

  private async detail(state: SessionState, page: { events: readonly SessionEvent[]; hasOlder: boolean }, updatedAt: Date): Promise<SessionDetailView> {
    const holder = state.ownerAgentId
      ? { agentId: state.ownerAgentId, role: 'owner' as const }
      : state.transferTargetAgentId
        ? { agentId: state.transferTargetAgentId, role: 'transferTarget' as const }
        : undefined;
    const agent = holder ? await this.agents.findById(holder.agentId, { displayName: 1 }).lean() : null;
    const summary = toSummary({
      _id: state.sessionId,
      version: state.version,
      status: state.status,
      queue: state.queue,
      endUserId: state.endUserId,
      ownerAgentId: state.ownerAgentId,
      updatedAt,
      state,
    });
    return {
      ...summary,
      version: state.version,
      ...(holder ? { owner: { ...holder, displayName: agent?.displayName ?? holder.agentId } } : {}),
      participants: [...(state.participants ?? [])],
      ...(state.ticket ? { ticket: { ...state.ticket } } : {}),
      history: page.events.map(entryOf),
      hasOlder: page.hasOlder,
    };
  }
}

/** A history entry as the admin API shows it: the event with all its fields (side notes and command ids included). */
function entryOf(event: SessionEvent): SessionHistoryEntryView {
  return { ...event };
}
