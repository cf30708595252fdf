import { Body, Delete, Get, HttpCode, Inject, Param, Post, Patch, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import { endUserCreateSchema, endUserUpdateSchema, endUserPatchSchema, listQuerySchema, type ListQuery } from '@switchboard/contracts';
import type { z } from 'zod';
import { AdminController } from '../shared/admin-controller.decorator';
import { ApiPagedList, ApiZodBody, openApiSchema } from '../shared/openapi';
import { SessionRevocations } from '../../identity/revocation/session-revocations';
import { zodPipe } from '../shared/zod-validation.pipe';
import { EndUsersService } from './end-users.service';

@AdminController('end-users', 'end users')
export class EndUsersController {
  constructor(
    private readonly endUsers: EndUsersService,
    @Inject(SessionRevocations) private readonly revocations: SessionRevocations,
  ) {}

  @Get()
  @ApiOperation({ summary: 'End users (search: id, name, email, company, site)' })
  @ApiPagedList(openApiSchema(endUserCreateSchema, 'output'))
  list(@Query(zodPipe(listQuerySchema)) query: ListQuery) {
    return this.endUsers.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.endUsers.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create an end user; the company must exist (UNKNOWN_COMPANY)' })
  @ApiZodBody(endUserCreateSchema)
  create(@Body(zodPipe(endUserCreateSchema)) input: z.infer<typeof endUserCreateSchema>) {
    return this.endUsers.create(input);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace the end user: every field must be given (a missing one is a 400 that names it); PATCH changes only some' })
  @ApiZodBody(endUserUpdateSchema)
  update(@Param('id') id: string, @Body(zodPipe(endUserUpdateSchema)) input: z.infer<typeof endUserUpdateSchema>) {
    return this.endUsers.update(id, input);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the named fields of the end user; the others keep their values. `disabled: true` ends their sessions on every gateway and refuses their sign-in (403 ACCOUNT_DISABLED); `false` lets them sign in again' })
  @ApiZodBody(endUserPatchSchema)
  async patch(@Param('id') id: string, @Body(zodPipe(endUserPatchSchema)) input: z.infer<typeof endUserPatchSchema>) {
    const updated = await this.endUsers.update(id, input);
    // Disabled (the flag is stored first, so a sign-in racing this is refused): tokens and sockets end on every gateway (issue 13).
    if (input.disabled === true) await this.revocations.revoke(id);
    return updated;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@Param('id') id: string) {
    await this.endUsers.remove(id);
    // A deleted user's tokens and sockets end on every gateway within seconds (issue 13).
    await this.revocations.revoke(id);
  }
}
