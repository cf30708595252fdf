import type { NatsConnection } from '@nats-io/transport-node';
import {
  CHAT_SCHEMA_VERSION,
  chatCommandResultSchema,
  fail,
  partitionOfSession,
  type ChatCommandResult,
  type Reply,
  type SessionCommandMessage,
  type Subjects,
} from '@switchboard/contracts';
import { backOff } from 'exponential-backoff';
import { requestJson } from '../nats/nats-json';

/** Transport failures worth another try: the command id makes a retry safe (A3). */
const RETRIABLE = new Set(['TIMEOUT', 'UNAVAILABLE']);

class Retriable extends Error {
  constructor(readonly reply: Reply<never>) {
    super(reply.ok ? 'retriable' : reply.error.message);
  }
}

export interface ChatActorClientOptions {
  partitions: number;
  /** Give up after this long in total (covers a failover, A4). */
  deadlineMs?: number;
  /** Wait this long for one answer. */
  attemptTimeoutMs?: number;
}

/**
 * Sends commands to the chat session actors over NATS. While a partition has
 * no owner (a process died, a handover), the command is retried with the
 * same command id until the deadline, so it is applied at most once and
 * answered exactly once.
 */
export class ChatActorClient {
  constructor(
    private readonly nc: NatsConnection,
    private readonly subjects: Subjects,
    private readonly options: ChatActorClientOptions,
  ) {}

  async send(command: SessionCommandMessage): Promise<Reply<ChatCommandResult>> {
    const subject = this.subjects.chatCommand(partitionOfSession(command.sessionId, this.options.partitions));
    const deadline = Date.now() + (this.options.deadlineMs ?? 10_000);
    const attemptTimeout = this.options.attemptTimeoutMs ?? 3000;
    try {
      return await backOff(
        async () => {
          const timeoutMs = Math.max(100, Math.min(attemptTimeout, deadline - Date.now()));
          const reply = await requestJson(this.nc, subject, { v: CHAT_SCHEMA_VERSION, command }, chatCommandResultSchema, { timeoutMs });
          if (!reply.ok && RETRIABLE.has(reply.error.code)) throw new Retriable(reply as Reply<never>);
          return reply as Reply<ChatCommandResult>;
        },
        {
          numOfAttempts: 1000,
          startingDelay: 50,
          maxDelay: 500,
          jitter: 'full',
          retry: (error) => error instanceof Retriable && Date.now() < deadline,
        },
      );
    } catch (error) {
      if (error instanceof Retriable) return error.reply;
      return fail('INTERNAL', error instanceof Error ? error.message : String(error));
    }
  }
}
