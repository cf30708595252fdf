import { Body, Delete, Get, HttpCode, Param, Post, Patch, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import { listQuerySchema, topicCreateSchema, topicUpdateSchema, topicPatchSchema, type ListQuery } from '@switchboard/contracts';
import type { z } from 'zod';
import { AdminController } from '../shared/admin-controller.decorator';
import { ApiPagedList, ApiZodBody, openApiSchema } from '../shared/openapi';
import { zodPipe } from '../shared/zod-validation.pipe';
import { TopicsService } from './topics.service';

@AdminController('topics', 'topics')
export class TopicsController {
  constructor(private readonly topics: TopicsService) {}

  @Get()
  @ApiOperation({ summary: 'Topics end users pick, each mapped to a support queue' })
  @ApiPagedList(openApiSchema(topicCreateSchema, 'output'))
  list(@Query(zodPipe(listQuerySchema)) query: ListQuery) {
    return this.topics.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.topics.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a topic; its queue must exist (UNKNOWN_QUEUE)' })
  @ApiZodBody(topicCreateSchema)
  create(@Body(zodPipe(topicCreateSchema)) input: z.infer<typeof topicCreateSchema>) {
    return this.topics.create(input);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace the topic: every field must be given (a missing one is a 400 that names it); PATCH changes only some' })
  @ApiZodBody(topicUpdateSchema)
  update(@Param('id') id: string, @Body(zodPipe(topicUpdateSchema)) input: z.infer<typeof topicUpdateSchema>) {
    return this.topics.update(id, input);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the named fields of the topic; the others keep their values' })
  @ApiZodBody(topicPatchSchema)
  patch(@Param('id') id: string, @Body(zodPipe(topicPatchSchema)) input: z.infer<typeof topicPatchSchema>) {
    return this.topics.update(id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param('id') id: string) {
    return this.topics.remove(id);
  }
}
