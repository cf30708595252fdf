import { Body, Delete, Get, HttpCode, Param, Post, Patch, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import { knowledgeArticleCreateSchema, knowledgeArticleUpdateSchema, knowledgeArticlePatchSchema, listQuerySchema, type ListQuery } from '@switchboard/contracts';
import type { z } from 'zod';
import { AdminController } from '../shared/admin-controller.decorator';
import { ApiPagedList, ApiZodBody, openApiSchema } from '../shared/openapi';
import { zodPipe } from '../shared/zod-validation.pipe';
import { KnowledgeArticlesService } from './knowledge-articles.service';

@AdminController('knowledge-articles', 'resources')
export class KnowledgeArticlesController {
  constructor(private readonly articles: KnowledgeArticlesService) {}

  @Get()
  @ApiOperation({ summary: 'Knowledge articles agents search on a session (R15); search: title, text, tags' })
  @ApiPagedList(openApiSchema(knowledgeArticleCreateSchema, 'output'))
  list(@Query(zodPipe(listQuerySchema)) query: ListQuery) {
    return this.articles.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.articles.get(id);
  }

  @Post()
  @ApiZodBody(knowledgeArticleCreateSchema)
  create(@Body(zodPipe(knowledgeArticleCreateSchema)) input: z.infer<typeof knowledgeArticleCreateSchema>) {
    return this.articles.create(input);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace the knowledge article: every field must be given (a missing one is a 400 that names it); PATCH changes only some' })
  @ApiZodBody(knowledgeArticleUpdateSchema)
  update(@Param('id') id: string, @Body(zodPipe(knowledgeArticleUpdateSchema)) input: z.infer<typeof knowledgeArticleUpdateSchema>) {
    return this.articles.update(id, input);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the named fields of the knowledge article; the others keep their values' })
  @ApiZodBody(knowledgeArticlePatchSchema)
  patch(@Param('id') id: string, @Body(zodPipe(knowledgeArticlePatchSchema)) input: z.infer<typeof knowledgeArticlePatchSchema>) {
    return this.articles.update(id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param('id') id: string) {
    return this.articles.remove(id);
  }
}
