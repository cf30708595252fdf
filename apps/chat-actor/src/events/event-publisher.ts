import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { jetstream, jetstreamManager, RetentionPolicy, StorageType, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ChatEventMessage, Subjects } from '@switchboard/contracts';
import type { SessionState } from '@switchboard/domain';
import { encodeJson, NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import { SessionRepository } from '../sessions/session.repository';
import { sessionSummary } from './session-summary';

const SECOND_NS = 1_000_000_000;

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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const config = {
      name: this.subjects.chatEventsStream,
      subjects: [this.subjects.chatEventsAll],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: 7 * 24 * 3600 * SECOND_NS,
      duplicate_window: 120 * SECOND_NS,
    };
    try {
      await jsm.streams.info(config.name);
    } catch {
      try {
        await jsm.streams.add(config);
      } catch (error) {
        // Another chat-actor created it at the same moment.
        await jsm.streams.info(config.name).catch(() => Promise.reject(error));
      }
    }
    this.js = jetstream(this.nc);
  }

  /** Publishes every event of `state` above `publishedVersion`, in order, then moves the mark. */
  async publish(state: SessionState, publishedVersion: number): Promise<void> {
    const pending = state.history.filter((event) => event.seq > publishedVersion);
    if (pending.length === 0) return;
    const session = sessionSummary(state);
    const acks = pending.map((event) => {
      const message: ChatEventMessage = { event: event as unknown as ChatEventMessage['event'], session };
      return this.js!.publish(this.subjects.chatEvent(state.sessionId), encodeJson(message), {
        msgID: `${state.sessionId}:${event.seq}`,
      });
    });
    await Promise.all(acks);
    // Awaited, so that it lands before the session's next command writes (same mailbox).
    await this.sessions.markPublished(state.sessionId, state.version);
  }

  /** Best effort after a command: a failure leaves the events in the outbox for `republish`. */
  async tryPublish(state: SessionState, publishedVersion: number): Promise<boolean> {
    try {
      await this.publish(state, publishedVersion);
      return true;
    } catch (error) {
      this.logger.warn({ err: error, sessionId: state.sessionId }, 'events left in the outbox');
      return false;
    }
  }

  /** Publishes what a crash or an outage left unpublished in a partition. */
  async republish(partition: number): Promise<number> {
    const stored = await this.sessions.findUnpublished(partition);
    let published = 0;
    for (const session of stored) {
      if (await this.tryPublish(session.state, session.publishedVersion)) published++;
    }
    return published;
  }
}
