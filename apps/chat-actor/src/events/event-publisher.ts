import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ChatEventMessage, Subjects } from '@switchboard/contracts';
import { AgentStateStore } from '@switchboard/agent-state';
import { loadChangesOf, type SessionEvent, type SessionState } from '@switchboard/domain';
import { encodeJson, ensureChatEventsStream, NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import { SessionRepository } from '../sessions/session.repository';
import { sessionSummary } from './session-summary';

/**
 * Publishes a session's events to JetStream after they are stored (A5). The
 * stored history is the outbox: `publishedVersion` marks how far it went out,
 * and whatever is above it after a crash is published again. `Nats-Msg-Id`
 * (`<sessionId>:<seq>`) makes the stream drop repeats within its duplicate
 * window; consumers drop repeats by seq beyond it.
 */
@Injectable()
export class EventPublisher implements OnApplicationBootstrap {
  private readonly logger = new Logger(EventPublisher.name);
  private js?: JetStreamClient;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    private readonly sessions: SessionRepository,
    private readonly agentStates: AgentStateStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureChatEventsStream(this.nc, this.subjects);
    this.js = jetstream(this.nc);
  }

  /** Publishes `events` in order, each with the session's summary as of `state`. */
  private async publish(state: SessionState, events: readonly SessionEvent[]): Promise<void> {
    const session = sessionSummary(state);
    const acks = events.map((event) => {
      const message: ChatEventMessage = { event: { ...event }, session };
      return this.js!.publish(this.subjects.chatEvent(state.sessionId), encodeJson(message), {
        msgID: `${state.sessionId}:${event.seq}`,
      });
    });
    await Promise.all(acks);
  }

  /**
   * After a commit: publish its events, move the session onto or off its
   * agents' loads, then tick its outbox flag. A failure leaves the flag down
   * for `republish`, which does both again (both are idempotent); the command
   * itself stands.
   */
  async publishCommit(state: SessionState, events: readonly SessionEvent[], baseVersion: number): Promise<boolean> {
    return this.attempt(state.sessionId, async () => {
      await this.publish(state, events);
      for (const change of loadChangesOf(events)) {
        if (change.change === 'assigned') await this.agentStates.addSession(change.agentId, change.sessionId);
        else await this.agentStates.removeSession(change.agentId, change.sessionId);
      }
      await this.sessions.markCommitPublished(state.sessionId, baseVersion);
    });
  }

  /** After a start: publish its events, then tick the session's outbox flag. */
  async publishStart(state: SessionState, events: readonly SessionEvent[]): Promise<boolean> {
    return this.attempt(state.sessionId, async () => {
      await this.publish(state, events);
      await this.sessions.markStartPublished(state.sessionId, state.version);
    });
  }

  /** Publishes what a crash or an outage left unpublished in a partition (written before `before`, if given). */
  async republish(partition: number, before?: Date): Promise<number> {
    const { starts, commits } = await this.sessions.findUnpublished(partition, before);
    let published = 0;
    for (const sessionId of starts) {
      const stored = await this.sessions.load(sessionId);
      if (!stored) continue;
      const startEvents = await this.sessions.startEvents(sessionId);
      if (await this.publishStart(stored.state, startEvents)) published++;
    }
    // Oldest first, so a session's events reach the stream in seq order.
    for (const commit of commits.sort((a, b) => a.baseVersion - b.baseVersion)) {
      const stored = await this.sessions.load(commit.sessionId);
      if (!stored) continue;
      const events = await this.sessions.commitEvents(commit.sessionId, commit.baseVersion);
      if (await this.publishCommit(stored.state, events, commit.baseVersion)) published++;
    }
    return published;
  }

  private async attempt(sessionId: string, work: () => Promise<void>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (error) {
      this.logger.warn({ err: error, sessionId }, 'events left in the outbox');
      return false;
    }
  }
}
