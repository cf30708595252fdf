import { Body, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import { outageCreateSchema, outageUpdateSchema, listQuerySchema, type ListQuery } from '@switchboard/contracts';
import type { z } from 'zod';
import { AdminController } from '../shared/admin-controller.decorator';
import { ApiPagedList, ApiZodBody, openApiSchema } from '../shared/openapi';
import { zodPipe } from '../shared/zod-validation.pipe';
import { OutagesService } from './outages.service';

@AdminController('outages', 'resources')
export class OutagesController {
  constructor(private readonly outages: OutagesService) {}

  @Get()
  @ApiOperation({ summary: 'Knowledge outages agents search on a session (R15); search: title, text, tags' })
  @ApiPagedList(openApiSchema(outageCreateSchema, 'output'))
  list(@Query(zodPipe(listQuerySchema)) query: ListQuery) {
    return this.outages.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.outages.get(id);
  }

  @Post()
  @ApiZodBody(outageCreateSchema)
  create(@Body(zodPipe(outageCreateSchema)) input: z.infer<typeof outageCreateSchema>) {
    return this.outages.create(input);
  }

  @Put(':id')
  @ApiZodBody(outageUpdateSchema)
  update(@Param('id') id: string, @Body(zodPipe(outageUpdateSchema)) input: z.infer<typeof outageUpdateSchema>) {
    return this.outages.update(id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param('id') id: string) {
    return this.outages.remove(id);
  }
}
