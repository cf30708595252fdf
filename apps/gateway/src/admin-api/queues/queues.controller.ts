import { Body, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import { listQuerySchema, queueCreateSchema, queueUpdateSchema, type ListQuery } from '@switchboard/contracts';
import type { z } from 'zod';
import { AdminController } from '../shared/admin-controller.decorator';
import { ApiPagedList, ApiZodBody, errorResponseSchema } from '../shared/openapi';
import { zodPipe } from '../shared/zod-validation.pipe';
import { QueuesService } from './queues.service';

const queueView = {
  type: 'object' as const,
  properties: {
    name: { type: 'string' },
    description: { type: 'string' },
    protected: { type: 'boolean', description: 'General: cannot be deleted' },
    topics: { type: 'integer' },
    agents: { type: 'integer' },
  },
};

@AdminController('queues', 'queues')
export class QueuesController {
  constructor(private readonly queues: QueuesService) {}

  @Get()
  @ApiOperation({ summary: 'Support queues, by name' })
  @ApiPagedList(queueView)
  list(@Query(zodPipe(listQuerySchema)) query: ListQuery) {
    return this.queues.list(query);
  }

  @Get(':name')
  get(@Param('name') name: string) {
    return this.queues.get(name);
  }

  @Post()
  @ApiOperation({ summary: 'Create a support queue (names are unique, case-insensitively)' })
  @ApiZodBody(queueCreateSchema)
  @ApiConflictResponse({ description: 'ALREADY_EXISTS', schema: errorResponseSchema })
  create(@Body(zodPipe(queueCreateSchema)) input: z.infer<typeof queueCreateSchema>) {
    return this.queues.create(input);
  }

  @Put(':name')
  @ApiZodBody(queueUpdateSchema)
  update(@Param('name') name: string, @Body(zodPipe(queueUpdateSchema)) input: z.infer<typeof queueUpdateSchema>) {
    return this.queues.update(name, input);
  }

  @Delete(':name')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a queue; General and queues that topics route to are refused' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'QUEUE_PROTECTED or QUEUE_IN_USE', schema: errorResponseSchema })
  remove(@Param('name') name: string) {
    return this.queues.remove(name);
  }
}
