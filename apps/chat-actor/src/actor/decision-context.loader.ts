import { Injectable } from '@nestjs/common';
import { AgentStateStore, effectivePresence, type VersionedLiveState } from '@switchboard/agent-state';
import { effectiveQueue, queueOfStart, type AgentInfo, type DecisionContext, type SessionCommand, type SessionState } from '@switchboard/domain';
import { ReferenceDataCache, SettingsCache, type AgentProfile } from '@switchboard/reference-data';
import { randomUUID } from 'node:crypto';

/** A decision context, and the agents' live states it was built from (for the A6 reservation). */
export interface LoadedContext {
  context: DecisionContext;
  agentStates: ReadonlyMap<string, VersionedLiveState>;
}

/**
 * Fetches what `decide` needs for one command (the table in the domain's
 * DecisionContext), and nothing more: an accept reads one agent, a start
 * reads the end user and the topics. An agent is its profile plus its live
 * state (presence and load, JetStream KV). Profiles, end users, topics and
 * queues come from the process's cache (ADR 8): in the steady state a
 * command reads none of them from the database.
 */
@Injectable()
export class DecisionContextLoader {
  constructor(
    private readonly reference: ReferenceDataCache,
    private readonly settings: SettingsCache,
    private readonly agentStates: AgentStateStore,
  ) {}

  async load(command: SessionCommand, state: SessionState | undefined): Promise<LoadedContext> {
    const settings = await this.settings.current();
    const agentIds: string[] = [];
    // A message or a side note is decided from the session alone (the author's name was recorded at assignment):
    // the hot path reads no profile and no live state.
    // Issue 16: so is a consult, and a participant's message (their name was recorded when they joined).
    const conversationOnly = command.type === 'PostMessage' || command.type === 'PostAttachment' || command.type === 'AddSideNote' || command.type === 'Consult';
    if (command.actor.role === 'agent' && !conversationOnly) agentIds.push(command.actor.id);
    if (command.type === 'AutoAssign' || command.type === 'TargetWentOffline') agentIds.push(command.agentId);
    if (command.type === 'TransferToAgent') agentIds.push(command.targetAgentId);
    if (command.type === 'InviteAgent') agentIds.push(command.agentId);
    if (state?.ownerAgentId && !conversationOnly) agentIds.push(state.ownerAgentId);

    const needsEndUser = command.type === 'StartSession' || command.type === 'RequestControl';
    const endUserId = command.type === 'StartSession' ? command.actor.id : state?.endUserId;
    // An assignment arms the queue's first-reply deadline (issue 14): its policy, from the cache.
    // ...and an end its wrap-up.
    // Issue 15: a maximum wait's firing and keeping waiting read it too (overflow queue, maximum wait), and so do the inactivity deadlines.
    const usesQueuePolicy =
      state !== undefined &&
      (['AcceptSession', 'AutoAssign', 'AcceptOffer', 'EndChat', 'AbandonSession', 'DeadlineReached', 'KeepWaiting'].includes(command.type) || usesInactivityPolicy(command));
    const [profiles, agentStates, endUser, topics, queues, queuePolicy] = await Promise.all([
      agentIds.length === 0 ? [] : this.reference.agentProfiles(agentIds),
      agentIds.length === 0 ? new Map<string, VersionedLiveState>() : this.agentStates.many(agentIds),
      needsEndUser && endUserId ? this.reference.endUser(endUserId) : undefined,
      command.type === 'StartSession' && settings.useTopics ? this.reference.topics() : undefined,
      command.type === 'TransferToQueue' ? this.reference.queueNames() : undefined,
      usesQueuePolicy ? this.reference.queuePolicy(effectiveQueue(state.queue, settings)) : undefined,
    ]);
    // Issue 15: a start reads the policy of the queue it goes to (opening hours, maximum wait).
    const startPolicy = command.type === 'StartSession' && state === undefined ? await this.reference.queuePolicy(queueOfStart(settings, command.topic, topics)) : undefined;
    // R14, issue 15: a ticket made by an agent or a message left by the end user.
    const makesTicket = command.type === 'CreateTicket' || command.type === 'LeaveMessage' || (command.type === 'StartSession' && command.leaveMessage === true);
    // Taken after the live states were read: a reservation at their revision proves they held at `now`.
    const now = new Date();
    return {
      context: {
        now: now.toISOString(),
        settings,
        agents: profiles.map((p) => withLiveState(p, agentStates.get(p.id), command.sessionId, now.getTime())),
        endUser,
        topics,
        queues,
        queuePolicy: queuePolicy ?? startPolicy,
        newIds: makesTicket ? { ticketId: `T-${randomUUID()}` } : undefined,
      },
      agentStates,
    };
  }
}

/**
 * Issue 15: the agent's message arms the end user's inactivity, the warning
 * its close, the end user's leaving its close (the policy from the cache:
 * the hot path still reads no database).
 */
function usesInactivityPolicy(command: SessionCommand): boolean {
  if (command.type === 'PostMessage' || command.type === 'PostAttachment') return command.actor.role === 'agent';
  return command.type === 'MarkUserLeft' || (command.type === 'DeadlineReached' && command.kind === 'userInactivityWarn');
}

/**
 * The load leaves out the session being decided: a reservation for it that a
 * crash left behind must not count against its own assignment.
 */
function withLiveState(profile: AgentProfile, live: VersionedLiveState | undefined, sessionId: string, now: number): AgentInfo {
  const sessions = Object.keys(live?.state.sessions ?? {});
  return {
    ...profile,
    // In wrap-up (issue 14) an online agent takes no new chat until it ends.
    presence: effectivePresence(live?.state, now),
    load: sessions.filter((s) => s !== sessionId).length,
    idleSince: live?.state.lastAssignedAt,
  };
}
