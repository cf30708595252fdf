import { Body, Delete, Get, HttpCode, Inject, Param, Post, Patch, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import { agentCreateSchema, agentUpdateSchema, agentPatchSchema, listQuerySchema, type ListQuery } from '@switchboard/contracts';
import type { z } from 'zod';
import { AdminController } from '../shared/admin-controller.decorator';
import { ApiPagedList, ApiZodBody, openApiSchema } from '../shared/openapi';
import { SessionRevocations } from '../../identity/revocation/session-revocations';
import { zodPipe } from '../shared/zod-validation.pipe';
import { AgentsService } from './agents.service';

@AdminController('agents', 'agents')
export class AgentsController {
  constructor(
    private readonly agents: AgentsService,
    @Inject(SessionRevocations) private readonly revocations: SessionRevocations,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Agent profiles: name, queues, companies, cap (presence and load: the live dashboard)' })
  @ApiPagedList(openApiSchema(agentCreateSchema, 'output'))
  list(@Query(zodPipe(listQuerySchema)) query: ListQuery) {
    return this.agents.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.agents.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create an agent profile; queues and companies must exist' })
  @ApiZodBody(agentCreateSchema)
  create(@Body(zodPipe(agentCreateSchema)) input: z.infer<typeof agentCreateSchema>) {
    return this.agents.create(input);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace the agent: every field must be given (a missing one is a 400 that names it); PATCH changes only some' })
  @ApiZodBody(agentUpdateSchema)
  update(@Param('id') id: string, @Body(zodPipe(agentUpdateSchema)) input: z.infer<typeof agentUpdateSchema>) {
    return this.agents.update(id, input);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the named fields of the agent; the others keep their values. `disabled: true` ends their sessions on every gateway and refuses their sign-in (403 ACCOUNT_DISABLED); `false` lets them sign in again' })
  @ApiZodBody(agentPatchSchema)
  async patch(@Param('id') id: string, @Body(zodPipe(agentPatchSchema)) input: z.infer<typeof agentPatchSchema>) {
    const updated = await this.agents.update(id, input);
    // Disabled (the flag is stored first, so a sign-in racing this is refused): tokens and sockets end on every gateway (issue 13).
    if (input.disabled === true) await this.revocations.revoke(id);
    return updated;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@Param('id') id: string) {
    await this.agents.remove(id);
    // A deleted user's tokens and sockets end on every gateway within seconds (issue 13).
    await this.revocations.revoke(id);
  }
}
