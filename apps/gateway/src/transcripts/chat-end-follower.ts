import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { readChatEventMessage, type Subjects } from '@switchboard/contracts';
import { decodeJson, ensureChatEventsStream, JETSTREAM_STORAGE, NATS_CONNECTION, SUBJECTS, type JetStreamStorage } from '@switchboard/service-kit';
import { TranscriptsService } from './transcripts.service';

/** Deliveries of one chat-end event before it is given up (the mail server kept refusing). */
export const CHAT_END_MAX_DELIVER = 5;
/** How long a gateway has to attach and send before the event goes to another (or again). */
const ACK_WAIT_MS = 120_000;
/** Events handed to this gateway at once, unacknowledged. */
const MAX_ACK_PENDING = 64;
/** A failed chat end is tried again after this long (then twice as long, ...). */
const RETRY_DELAY_MS = 5_000;

const ENDINGS = new Set(['SessionClosed', 'SessionAbandoned']);
const ENDING_MARKS = [...ENDINGS].map((type) => Buffer.from(`"${type}"`));

/**
 * Does what is due when a chat ends, exactly once over all gateways and
 * whichever of them is running at that moment: one durable JetStream
 * consumer of the chat events (`<prefix>_transcripts`), shared by every
 * gateway (each event goes to one of them; one that dies leaves its events to
 * the others after ACK_WAIT_MS). On `SessionClosed` and `SessionAbandoned` it
 * attaches the internal transcript to the chat's ticket and e-mails the end
 * user's transcript when they asked for it; any other event is acknowledged
 * at once. A failure is retried with a growing delay, at most
 * CHAT_END_MAX_DELIVER times.
 */
@Injectable()
export class ChatEndFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChatEndFollower.name);
  private messages?: ConsumerMessages;
  private stopped = false;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(JETSTREAM_STORAGE) private readonly storage: JetStreamStorage,
    @Inject(TranscriptsService) private readonly transcripts: TranscriptsService,
  ) {}

  get consumerName(): string {
    return `${this.subjects.bucketPrefix}_transcripts`;
  }

  onApplicationBootstrap(): void {
    void this.follow();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.messages?.stop();
  }

  private async follow(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await ensureChatEventsStream(this.nc, this.subjects, this.storage);
        const jsm = await jetstreamManager(this.nc);
        const stream = this.subjects.chatEventsStream;
        await jsm.consumers.info(stream, this.consumerName).catch(async () =>
          jsm.consumers.add(stream, {
            durable_name: this.consumerName,
            deliver_policy: DeliverPolicy.New,
            ack_policy: AckPolicy.Explicit,
            ack_wait: ACK_WAIT_MS * 1_000_000,
            max_deliver: CHAT_END_MAX_DELIVER,
            max_ack_pending: MAX_ACK_PENDING,
          }),
        );
        const consumer = await jetstream(this.nc).consumers.get(stream, this.consumerName);
        this.messages = await consumer.consume({ max_messages: MAX_ACK_PENDING });
        break;
      } catch (error) {
        if (attempt % 20 === 0) this.logger.warn({ err: error }, 'chat events not available for transcripts; retrying');
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    const messages = this.messages;
    if (!messages || this.stopped) return;
    for await (const m of messages) {
      const ending = endingOf(m.data);
      if (!ending) {
        m.ack();
        continue;
      }
      try {
        await this.transcripts.chatEnded(ending.sessionId, ending.seq);
        m.ack();
      } catch (error) {
        const delivered = m.info.deliveryCount;
        this.logger.warn({ err: error, sessionId: ending.sessionId, delivered }, delivered >= CHAT_END_MAX_DELIVER ? 'chat end not handled; given up' : 'chat end not handled; will retry');
        if (delivered >= CHAT_END_MAX_DELIVER) m.term();
        else m.nak(RETRY_DELAY_MS * 2 ** (delivered - 1));
      }
    }
  }
}

/** The session and seq of a chat-end event; undefined for every other event (or one that does not parse). */
export function endingOf(data: Uint8Array): { sessionId: string; seq: number } | undefined {
  // Most events are messages: skipped without parsing them.
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (!ENDING_MARKS.some((mark) => bytes.includes(mark))) return undefined;
  let raw: unknown;
  try {
    raw = decodeJson(data);
  } catch {
    return undefined;
  }
  const type = (raw as { event?: { type?: unknown } } | null)?.event?.type;
  if (typeof type !== 'string' || !ENDINGS.has(type)) return undefined;
  const read = readChatEventMessage(raw);
  return read.ok ? { sessionId: read.message.event.sessionId, seq: read.message.event.seq } : undefined;
}
