import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DeliverPolicy, jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { chatEventMessageSchema, type ChatEventMessage, type Subjects } from '@switchboard/contracts';
import { ensureChatEventsStream, NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';

/**
 * Every chat event of the deployment, in stream order, from now on: an
 * ordered JetStream consumer (ephemeral, recreated by the client after a
 * reconnect from where it stopped, so nothing is missed across NATS hiccups).
 * Per session the stream order is seq order (A8: one actor publishes them).
 */
@Injectable()
export class ChatEventStream implements OnApplicationShutdown {
  private readonly logger = new Logger(ChatEventStream.name);
  private messages?: ConsumerMessages;
  private stopped = false;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
  ) {}

  /** Starts consuming; resolves once the consumer exists (creating the stream if no chat actor has yet; retried while NATS is away). */
  async start(handler: (message: ChatEventMessage) => void): Promise<void> {
    const js = jetstream(this.nc);
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) return;
      try {
        await ensureChatEventsStream(this.nc, this.subjects);
        // The stream holds chat events only: no filter (NATS 2.9 has no multi-subject filters anyway).
        const consumer = await js.consumers.get(this.subjects.chatEventsStream, { deliver_policy: DeliverPolicy.New });
        this.messages = await consumer.consume({ max_messages: 1000 });
        break;
      } catch (error) {
        if (attempt % 20 === 0) this.logger.warn({ err: error, stream: this.subjects.chatEventsStream }, 'chat event stream not available; retrying');
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    const messages = this.messages;
    void (async () => {
      for await (const m of messages) {
        let parsed: ChatEventMessage;
        try {
          parsed = chatEventMessageSchema.parse(m.json());
        } catch (error) {
          this.logger.error({ err: error, subject: m.subject }, 'chat event does not match its contract; skipped');
          continue;
        }
        try {
          handler(parsed);
        } catch (error) {
          this.logger.error({ err: error, sessionId: parsed.session.sessionId }, 'pushing a chat event failed');
        }
      }
    })();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.messages?.stop();
  }
}
