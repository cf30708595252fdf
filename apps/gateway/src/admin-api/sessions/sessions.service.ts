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
  ticketTranscriptPath,
} from '@switchboard/contracts';
import type { SessionEvent, SessionState } from '@switchboard/domain';
import { AgentRecord } from '@switchboard/reference-data';
import { ChatActorClient } from '@switchboard/service-kit';
import { SessionQueries, SessionReader, type SessionSearchRow } from '@switchboard/session-store';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { HistoryPages } from '../../realtime/sessions/history-pages';
import { TranscriptRecords } from '../../transcripts/transcript-records';
import { RecordFreshnessTracker } from '../freshness/record-freshness';
import { AdminApiError } from '../shared/admin-api.error';

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

/** A search row as the admin API lists it. */
function toSummary(row: SessionSearchRow): SessionSummaryView {
  const s = row.summary;
  return {
    sessionId: row.sessionId,
    status: row.status as SessionStatusValue,
    queue: row.queue,
    ...(s.topic ? { topic: s.topic } : {}),
    endUserId: row.endUserId,
    ...(s.endUserName ? { endUserName: s.endUserName } : {}),
    companyId: s.companyId ?? '',
    ...(row.ownerAgentId ? { ownerAgentId: row.ownerAgentId } : {}),
    ...(s.transferTargetAgentId ? { transferTargetAgentId: s.transferTargetAgentId } : {}),
    description: s.description ?? '',
    createdAt: s.createdAt ?? new Date(row.updatedAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
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
    @Inject(SessionQueries) private readonly sessions: SessionQueries,
    @InjectModel(AgentRecord.name) private readonly agents: Model<AgentRecord>,
    @Inject(SessionReader) private readonly reader: SessionReader,
    @Inject(ChatActorClient) private readonly chat: ChatActorClient,
    @Inject(HistoryPages) private readonly pages: HistoryPages,
    @Inject(RecordFreshnessTracker) private readonly freshness: RecordFreshnessTracker,
    @Inject(TranscriptRecords) private readonly transcripts: TranscriptRecords,
  ) {}

  async list(query: SessionListQuery): Promise<SessionPage> {
    // Taken before reading: the page reflects at least this much.
    const freshness = this.freshness.now();
    const { rows, total } = await this.sessions.search({
      ...(query.q ? { text: query.q } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.queue ? { queue: query.queue } : {}),
      ...(query.endUserId ? { endUserId: query.endUserId } : {}),
      ...(query.agentId ? { agentId: query.agentId } : {}),
      ...(query.from ? { startedFrom: query.from } : {}),
      ...(query.to ? { startedTo: query.to } : {}),
      page: query.page,
      pageSize: query.pageSize,
    });
    const recordsBehind = this.freshness.behind(rows);
    return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize, freshness: { ...freshness, recordsBehind } };
  }

  /** One record with the most recent page of its history (HISTORY_PAGE_DEFAULT entries); `hasOlder` says whether more exist. */
  async get(sessionId: string): Promise<SessionDetailView> {
    const stored = await this.reader.load(sessionId);
    if (!stored) throw AdminApiError.notFound('Session', sessionId);
    const [updatedAt, page] = await Promise.all([this.sessions.lastWrittenAt(sessionId), this.pages.events('admin', sessionId, { beforeSeq: stored.state.version + 1, limit: HISTORY_PAGE_DEFAULT })]);
    return this.detail(stored.state, page, updatedAt ?? new Date());
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
    if (!(await this.sessions.exists(sessionId))) throw AdminApiError.notFound('Session', sessionId);
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
    const attached = state.ticket ? await this.transcripts.ticketTranscript(state.ticket.ticketId) : undefined;
    const transcript = attached && state.ticket ? { path: ticketTranscriptPath(state.ticket.ticketId), attachedAt: attached.attachedAt.toISOString(), lastSeq: attached.lastSeq } : undefined;
    const summary = toSummary({
      sessionId: state.sessionId,
      version: state.version,
      status: state.status,
      queue: state.queue,
      endUserId: state.endUserId,
      ...(state.ownerAgentId ? { ownerAgentId: state.ownerAgentId } : {}),
      updatedAt,
      summary: state,
    });
    return {
      ...summary,
      version: state.version,
      ...(holder ? { owner: { ...holder, displayName: agent?.displayName ?? holder.agentId } } : {}),
      participants: [...(state.participants ?? [])],
      ...(state.ticket ? { ticket: { ...state.ticket, ...(transcript ? { transcript } : {}) } } : {}),
      history: page.events.map(entryOf),
      ...(state.rating ? { rating: { ...state.rating } } : {}),
      hasOlder: page.hasOlder,
    };
  }
}

/** A history entry as the admin API shows it: the event with all its fields (side notes and command ids included). */
function entryOf(event: SessionEvent): SessionHistoryEntryView {
  return { ...event };
}
