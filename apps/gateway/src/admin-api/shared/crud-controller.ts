import { applyDecorators, Body, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import { listQuerySchema, type ListQuery } from '@switchboard/contracts';
import type { z } from 'zod';
import { ApiPagedList, ApiZodBody, openApiSchema } from './openapi';
import { zodPipe } from './zod-validation.pipe';

/** The routes of one admin resource kept by id: their bodies' contracts and OpenAPI summaries. */
export interface CrudRoutes<C extends z.ZodType, U extends z.ZodType, P extends z.ZodType> {
  /** The body of POST; its output side is also the listed item's OpenAPI schema. */
  create: C;
  /** The body of PUT (every field). */
  update: U;
  /** The body of PATCH (some fields); without it the resource has no PATCH route. */
  patch?: P;
  /** Each route's OpenAPI summary, where it has one. */
  summaries: Partial<Record<'list' | 'create' | 'update' | 'patch' | 'remove', string>>;
}

/** What the routes ask of the resource's service. */
export interface CrudService<C, U> {
  list(query: ListQuery): Promise<unknown>;
  get(id: string): Promise<unknown>;
  create(input: C): Promise<unknown>;
  update(id: string, input: U): Promise<unknown>;
  remove(id: string): Promise<void>;
}

const summary = (text: string | undefined) => (text ? ApiOperation({ summary: text }) : applyDecorators());

/**
 * The base class of an admin controller for a resource kept by id: list
 * (paged, searched), get, create, replace (PUT), change some fields (PATCH,
 * where the resource has a patch contract) and delete, each body validated
 * against its zod contract and described in the OpenAPI document. The
 * subclass carries `@AdminController` (path, tag, guard) and its service;
 * `patched` and `removed` run after a change, before the answer.
 */
export function AdminCrudController<C extends z.ZodType, U extends z.ZodType, P extends z.ZodType = U>(routes: CrudRoutes<C, U, P>) {
  const { create, update, patch, summaries } = routes;

  abstract class CrudController {
    protected abstract readonly service: CrudService<z.infer<C>, z.infer<U> | z.infer<P>>;

    @Get()
    @(summary(summaries.list))
    @ApiPagedList(openApiSchema(create, 'output'))
    list(@Query(zodPipe(listQuerySchema)) query: ListQuery) {
      return this.service.list(query);
    }

    @Get(':id')
    get(@Param('id') id: string) {
      return this.service.get(id);
    }

    @Post()
    @(summary(summaries.create))
    @ApiZodBody(create)
    create(@Body(zodPipe(create)) input: z.infer<C>) {
      return this.service.create(input);
    }

    @Put(':id')
    @(summary(summaries.update))
    @ApiZodBody(update)
    update(@Param('id') id: string, @Body(zodPipe(update)) input: z.infer<U>) {
      return this.service.update(id, input);
    }

    @(patch ? applyDecorators(Patch(':id'), summary(summaries.patch), ApiZodBody(patch)) : applyDecorators())
    async patch(@Param('id') id: string, @Body(zodPipe(patch ?? update)) input: z.infer<P>) {
      const updated = await this.service.update(id, input);
      await this.patched(id, input);
      return updated;
    }

    @Delete(':id')
    @HttpCode(204)
    @(summary(summaries.remove))
    @ApiNoContentResponse()
    async remove(@Param('id') id: string) {
      await this.service.remove(id);
      await this.removed(id);
    }

    /** After a PATCH, before the answer. */
    protected async patched(_id: string, _input: z.infer<P>): Promise<void> {}

    /** After a delete, before the answer. */
    protected async removed(_id: string): Promise<void> {}
  }
  return CrudController;
}
