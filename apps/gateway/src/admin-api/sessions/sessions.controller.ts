import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { forceCloseSchema, SESSION_STATUS_VALUES, sessionListQuerySchema, type ForceCloseRequest, type Principal, type SessionListQuery } from '@switchboard/contracts';
import { CurrentPrincipal } from '../../identity';
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
  @ApiPagedList(summary)
  list(@Query(zodPipe(sessionListQuerySchema)) query: SessionListQuery) {
    return this.sessions.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One session with its whole history (messages, side notes, system events) and owner' })
  @ApiNotFoundResponse({ schema: errorResponseSchema })
  get(@Param('id') id: string) {
    return this.sessions.get(id);
  }

  @Post(':id/force-close')
  @HttpCode(200)
  @ApiOperation({ summary: 'R17: close a stuck open session; answers the closed session' })
  @ApiZodBody(forceCloseSchema)
  @ApiConflictResponse({ description: 'SESSION_CLOSED: already closed or abandoned', schema: errorResponseSchema })
  forceClose(@Param('id') id: string, @Body(zodPipe(forceCloseSchema)) body: ForceCloseRequest, @CurrentPrincipal() admin: Principal) {
    return this.sessions.forceClose(id, admin.id, body.comment);
  }
}
