import { Body, Delete, Get, HttpCode, Param, Post, Patch, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import { responseTemplateCreateSchema, responseTemplateUpdateSchema, responseTemplatePatchSchema, listQuerySchema, type ListQuery } from '@switchboard/contracts';
import type { z } from 'zod';
import { AdminController } from '../shared/admin-controller.decorator';
import { ApiPagedList, ApiZodBody, openApiSchema } from '../shared/openapi';
import { zodPipe } from '../shared/zod-validation.pipe';
import { ResponseTemplatesService } from './response-templates.service';

@AdminController('response-templates', 'resources')
export class ResponseTemplatesController {
  constructor(private readonly templates: ResponseTemplatesService) {}

  @Get()
  @ApiOperation({ summary: 'Knowledge templates agents search on a session (R15); search: title, text, tags' })
  @ApiPagedList(openApiSchema(responseTemplateCreateSchema, 'output'))
  list(@Query(zodPipe(listQuerySchema)) query: ListQuery) {
    return this.templates.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.templates.get(id);
  }

  @Post()
  @ApiZodBody(responseTemplateCreateSchema)
  create(@Body(zodPipe(responseTemplateCreateSchema)) input: z.infer<typeof responseTemplateCreateSchema>) {
    return this.templates.create(input);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace the response template: every field must be given (a missing one is a 400 that names it); PATCH changes only some' })
  @ApiZodBody(responseTemplateUpdateSchema)
  update(@Param('id') id: string, @Body(zodPipe(responseTemplateUpdateSchema)) input: z.infer<typeof responseTemplateUpdateSchema>) {
    return this.templates.update(id, input);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the named fields of the response template; the others keep their values' })
  @ApiZodBody(responseTemplatePatchSchema)
  patch(@Param('id') id: string, @Body(zodPipe(responseTemplatePatchSchema)) input: z.infer<typeof responseTemplatePatchSchema>) {
    return this.templates.update(id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param('id') id: string) {
    return this.templates.remove(id);
  }
}
