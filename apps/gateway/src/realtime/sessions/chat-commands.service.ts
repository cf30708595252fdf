import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { type ChatCommandResult, type Principal, type SessionCommandMessage, type Subjects } from '@switchboard/contracts';
import type { SessionEvent, SessionState } from '@switchboard/domain';
import { ChatActorClient, NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import { createHash } from 'node:crypto';
import { REALTIME_CONFIG, type RealtimeConfig } from '../realtime.config';
import { CommandRefusal } from './command-refusal';

/** A command's answer as the gateway uses it: the session's state after it and its own events (never a history). */
export interface CommandOutcome {
  sessionId: string;
  version: number;
  /** For a repeated command id: the first answer again. */
  duplicate: boolean;
  /** The events this command produced (for a repeat: those of its first run). */
  events: SessionEvent[];
  state: SessionState;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type CommandBody = DistributiveOmit<SessionCommandMessage, 'commandId' | 'actor'>;

/**
 * Sends session commands to the chat actors. The actor is always the
 * connection's principal (from the token), never anything the client wrote;
 * the command id is the client's clientId, namespaced by principal, so a
 * retried frame is applied once (A3) and two clients can never collide.
 */
@Injectable()
export class ChatCommands {
  private readonly client: ChatActorClient;

  constructor(
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(SUBJECTS) subjects: Subjects,
    @Inject(REALTIME_CONFIG) config: RealtimeConfig,
  ) {
    this.client = new ChatActorClient(nc, subjects, {
      partitions: config.CHAT_PARTITIONS,
      deadlineMs: config.WS_REQUEST_TIMEOUT_MS,
      attemptTimeoutMs: Math.min(3000, config.WS_REQUEST_TIMEOUT_MS),
    });
  }

  /** The result, or a CommandRefusal carrying the chat actor's typed error. */
  async send(principal: Principal, clientId: string, body: CommandBody): Promise<CommandOutcome> {
    return this.sendAs({ role: principal.role, id: principal.id }, commandIdOf(principal, clientId), body);
  }

  /** For the gateway's own commands (R12 MarkUserLeft): actor `system`. */
  async sendAs(actor: SessionCommandMessage['actor'], commandId: string, body: CommandBody): Promise<CommandOutcome> {
    const reply = await this.client.send({ ...body, commandId, actor } as SessionCommandMessage);
    if (!reply.ok) throw new CommandRefusal(reply.error.code, reply.error.message, reply.error.details);
    return outcomeOf(reply.data);
  }
}

/** The chat actor's answer in the domain's terms (the NATS contract is the domain's events and state, ADR 7). */
function outcomeOf(result: ChatCommandResult): CommandOutcome {
  const { sessionId, version, duplicate, events, session } = result;
  return { sessionId, version, duplicate, events, state: session };
}

export function commandIdOf(principal: Principal, clientId: string): string {
  const who = createHash('sha256').update(`${principal.role}:${principal.id}`).digest('base64url').slice(0, 16);
  return `${who}.${clientId}`;
}
