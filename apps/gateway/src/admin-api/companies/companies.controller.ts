import { Body, Delete, Get, HttpCode, Param, Post, Patch, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import { companyCreateSchema, companyUpdateSchema, companyPatchSchema, listQuerySchema, type ListQuery } from '@switchboard/contracts';
import type { z } from 'zod';
import { AdminController } from '../shared/admin-controller.decorator';
import { ApiPagedList, ApiZodBody, openApiSchema } from '../shared/openapi';
import { zodPipe } from '../shared/zod-validation.pipe';
import { CompaniesService } from './companies.service';

@AdminController('companies', 'companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Get()
  @ApiOperation({ summary: 'Customer companies (search: id, name, email domain)' })
  @ApiPagedList(openApiSchema(companyCreateSchema, 'output'))
  list(@Query(zodPipe(listQuerySchema)) query: ListQuery) {
    return this.companies.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.companies.get(id);
  }

  @Post()
  @ApiZodBody(companyCreateSchema)
  create(@Body(zodPipe(companyCreateSchema)) input: z.infer<typeof companyCreateSchema>) {
    return this.companies.create(input);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace the company: every field must be given (a missing one is a 400 that names it); PATCH changes only some' })
  @ApiZodBody(companyUpdateSchema)
  update(@Param('id') id: string, @Body(zodPipe(companyUpdateSchema)) input: z.infer<typeof companyUpdateSchema>) {
    return this.companies.update(id, input);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the named fields of the company; the others keep their values' })
  @ApiZodBody(companyPatchSchema)
  patch(@Param('id') id: string, @Body(zodPipe(companyPatchSchema)) input: z.infer<typeof companyPatchSchema>) {
    return this.companies.update(id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a company without end users (COMPANY_IN_USE otherwise)' })
  @ApiNoContentResponse()
  remove(@Param('id') id: string) {
    return this.companies.remove(id);
  }
}
