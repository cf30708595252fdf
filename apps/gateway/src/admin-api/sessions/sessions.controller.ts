import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import {
  forceCloseSchema,
  raisePriorityRequestSchema,
  HISTORY_PAGE_DEFAULT,
  HISTORY_PAGE_MAX,
  SESSION_STATUS_VALUES,
  sessionHistoryQuerySchema,
  sessionListQuerySchema,
  type ForceCloseRequest,
  type RaisePriorityRequest,
  type Principal,
  type SessionHistoryQuery,
  type SessionListQuery,
} from '@switchboard/contracts';
import { CurrentPrincipal } from '../../identity';
import { recordFreshnessOpenApi } from '../freshness/record-freshness';
import { AdminController } from '../shared/admin-controller.decorator';
import { ApiPagedList, ApiZodBody, errorResponseSchema } from '../shared/openapi';
import { zodPipe } from '../shared/zod-validation.pipe';
import { SessionsService } from './sessions.service';

const summary = {
  type: 'object' as const,
  properties: {
    sessionId: { type: 'string' },
    status: { type: 'string', enum: [...SESSION_STATUS_VALUES] },
    queue: { type: 'string' },
    endUserId: { type: 'string' },
    ownerAgentId: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

/** One history entry: the event's `seq`, `type`, `at`, `by` and its own fields (see docs/protocol/websocket.md). */
const historyEntry = {
  type: 'object' as const,
  required: ['seq', 'type', 'at', 'by'],
  properties: {
    seq: { type: 'integer', minimum: 1 },
    type: { type: 'string', example: 'MessagePosted' },
    at: { type: 'string', format: 'date-time' },
    by: { type: 'object', properties: { role: { type: 'string' }, id: { type: 'string' } } },
  },
  additionalProperties: true,
};

const detail = {
  type: 'object' as const,
  properties: {
    ...summary.properties,
    version: { type: 'integer' },
    owner: { type: 'object', properties: { agentId: { type: 'string' }, displayName: { type: 'string' }, role: { type: 'string', enum: ['owner', 'transferTarget'] } } },
    participants: { type: 'array', items: { type: 'string' } },
    ticket: {
      type: 'object',
      description: "R14: the chat's ticket",
      properties: {
        ticketId: { type: 'string' },
        status: { type: 'string', enum: ['Open', 'Resolved', 'Cancelled'] },
        summary: { type: 'string' },
        transcript: {
          type: 'object',
          description: 'The internal transcript attached when the chat ended: GET path (PDF, with side notes)',
          properties: { path: { type: 'string', example: '/api/tickets/T-c428907d/transcript' }, attachedAt: { type: 'string', format: 'date-time' }, lastSeq: { type: 'integer' } },
        },
      },
    },
    history: { type: 'array', maxItems: HISTORY_PAGE_MAX, items: historyEntry, description: 'The most recent entries, oldest first' },
    hasOlder: { type: 'boolean', description: 'Older entries exist before the first of history' },
  },
};

const historyPage = {
  type: 'object' as const,
  required: ['events', 'hasOlder', 'lastSeq'],
  properties: {
    events: { type: 'array', maxItems: HISTORY_PAGE_MAX, items: historyEntry, description: 'Oldest first' },
    hasOlder: { type: 'boolean', description: 'Older entries exist before the first of events' },
    lastSeq: { type: 'integer', description: "The session's latest seq" },
  },
};

@AdminController('sessions', 'master chat records')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiOperation({ summary: 'Search the Master Chat Records (R17), most recently active first; q matches id, end user, agent, description' })
  @ApiQuery({ name: 'status', required: false, enum: [...SESSION_STATUS_VALUES] })
  @ApiQuery({ name: 'endUserId', required: false })
  @ApiQuery({ name: 'agentId', required: false, description: 'Owner now, transfer target, or any agent who held it' })
  @ApiQuery({ name: 'queue', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'Started at or after (ISO 8601)' })
  @ApiQuery({ name: 'to', required: false, description: 'Started at or before (ISO 8601)' })
  @ApiPagedList(summary, { freshness: recordFreshnessOpenApi })
  list(@Query(zodPipe(sessionListQuerySchema)) query: SessionListQuery) {
    return this.sessions.list(query);
  }

  @Get(':id')
  @ApiOperation({
    summary: `One session with its owner and the most recent page of its history (messages, side notes, system events; at most ${HISTORY_PAGE_DEFAULT} entries); hasOlder: older entries exist (GET /api/admin/sessions/{id}/history)`,
  })
  @ApiOkResponse({ schema: detail })
  @ApiNotFoundResponse({ schema: errorResponseSchema })
  get(@Param('id') id: string) {
    return this.sessions.get(id);
  }

  @Get(':id/history')
  @ApiOperation({
    summary: `R13 R17: a page of one session's history, oldest first: the entries before beforeSeq (default: the newest), at most limit (1 to ${HISTORY_PAGE_MAX}, default ${HISTORY_PAGE_DEFAULT}); hasOlder: more exist before the first`,
  })
  @ApiQuery({ name: 'beforeSeq', required: false, schema: { type: 'integer', minimum: 1 }, description: 'Only entries with a lower seq (the seq of the first entry held)' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: HISTORY_PAGE_MAX, default: HISTORY_PAGE_DEFAULT } })
  @ApiOkResponse({ schema: historyPage })
  @ApiBadRequestResponse({ description: 'beforeSeq or limit out of bounds (`VALIDATION`)', schema: errorResponseSchema })
  @ApiNotFoundResponse({ schema: errorResponseSchema })
  history(@Param('id') id: string, @Query(zodPipe(sessionHistoryQuerySchema)) query: SessionHistoryQuery) {
    return this.sessions.history(id, query);
  }

  @Post(':id/force-close')
  @HttpCode(200)
  @ApiOperation({ summary: 'R17: close a stuck open session; answers the closed session (with its recent history page, as GET)' })
  @ApiOkResponse({ schema: detail })
  @ApiZodBody(forceCloseSchema)
  @ApiConflictResponse({ description: 'SESSION_CLOSED: already closed or abandoned', schema: errorResponseSchema })
  forceClose(@Param('id') id: string, @Body(zodPipe(forceCloseSchema)) body: ForceCloseRequest, @CurrentPrincipal() admin: Principal) {
    return this.sessions.forceClose(id, admin.id, body.comment);
  }

  @Post(':id/priority')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue 15: raise the priority (0 to 3) of a waiting chat; answers the session (as GET)' })
  @ApiOkResponse({ schema: detail })
  @ApiZodBody(raisePriorityRequestSchema)
  @ApiBadRequestResponse({ description: 'VALIDATION: not above the chat\'s priority now, or out of 0..3', schema: errorResponseSchema })
  @ApiConflictResponse({ description: 'INVALID_STATE: the chat is not waiting; SESSION_CLOSED', schema: errorResponseSchema })
  raisePriority(@Param('id') id: string, @Body(zodPipe(raisePriorityRequestSchema)) body: RaisePriorityRequest, @CurrentPrincipal() admin: Principal) {
    return this.sessions.raisePriority(id, admin.id, body.priority);
  }
}
