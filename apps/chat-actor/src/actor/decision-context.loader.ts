import { Injectable } from '@nestjs/common';
import type { DecisionContext, SessionCommand, SessionState } from '@switchboard/domain';
import { ReferenceDataRepository } from '@switchboard/reference-data';
import { randomUUID } from 'node:crypto';
import { SettingsCache } from './settings.cache';

/**
 * Fetches what `decide` needs for one command (the table in the domain's
 * DecisionContext), and nothing more: an accept reads one agent, a start
 * reads the end user and the topics.
 */
@Injectable()
export class DecisionContextLoader {
  constructor(
    private readonly reference: ReferenceDataRepository,
    private readonly settings: SettingsCache,
  ) {}

  async load(command: SessionCommand, state: SessionState | undefined, now: Date): Promise<DecisionContext> {
    const settings = await this.settings.current();
    const agentIds: string[] = [];
    if (command.actor.role === 'agent') agentIds.push(command.actor.id);
    if (command.type === 'AutoAssign' || command.type === 'TargetWentOffline') agentIds.push(command.agentId);
    if (command.type === 'TransferToAgent') agentIds.push(command.targetAgentId);
    if (state?.ownerAgentId) agentIds.push(state.ownerAgentId);

    const needsEndUser = command.type === 'StartSession' || command.type === 'RequestControl';
    const endUserId = command.type === 'StartSession' ? command.actor.id : state?.endUserId;
    const [agents, endUser, topics, queues] = await Promise.all([
      this.reference.agentsById(agentIds),
      needsEndUser && endUserId ? this.reference.endUser(endUserId) : undefined,
      command.type === 'StartSession' && settings.useTopics ? this.reference.topics() : undefined,
      command.type === 'TransferToQueue' ? this.reference.queueNames() : undefined,
    ]);
    return {
      now: now.toISOString(),
      settings,
      agents,
      endUser,
      topics,
      queues,
      newIds: command.type === 'CreateTicket' ? { ticketId: `T-${randomUUID()}` } : undefined,
    };
  }
}
