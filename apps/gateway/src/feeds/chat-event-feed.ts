import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { describeSkip, readChatEventMessage, type ChatEventMessage, type Subjects } from '@switchboard/contracts';
import { ensureChatEventsStream, JETSTREAM_STORAGE, NATS_CONNECTION, SUBJECTS, type JetStreamStorage } from '@switchboard/service-kit';

/** Longest past a follower may ask to be replayed at start-up. */
export const CHAT_EVENT_REPLAY_MAX_MS = 60 * 60_000;

/** How long the start-up probe that finds the first message of the replay lives on the server if the gateway dies before deleting it. */
const PROBE_INACTIVE_NS = 30 * 1_000_000_000;

/** One message of the chat event stream, as it came. */
export interface ChatEventDelivery {
  /** The message body (JSON, not yet checked against its contract). */
  data: Uint8Array;
  /** Its sequence number in the stream. */
  streamSeq: number;
  /** Messages stored in the stream after it and not yet delivered to this gateway. */
  pending: number;
  /** Stored before this gateway began following the stream: part of the replayed recent past. */
  replayed: boolean;
}

/**
 * The chat event stream as this gateway follows it: one ordered JetStream
 * consumer (ephemeral, recreated by the client after a reconnect from where
 * it stopped, so nothing is missed across NATS hiccups) feeding every part
 * of the gateway that follows chat events. Per session the stream order is
 * seq order (A8: one actor publishes them).
 *
 * Followers register before it starts (in `onModuleInit`); it starts in the
 * application bootstrap. It begins at the longest past a follower asked for
 * (the dashboard's assignment rate wants the last minutes), marks what was
 * stored before it started as replayed, and hands live followers only what
 * came after, checked against the contract.
 */
@Injectable()
export class ChatEventFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChatEventFeed.name);
  private readonly liveFollowers: Array<(message: ChatEventMessage) => void> = [];
  private readonly rawFollowers: Array<(delivery: ChatEventDelivery) => void> = [];
  private replayMs = 0;
  private messages?: ConsumerMessages;
  private stopped = false;
  private started?: Promise<void>;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(JETSTREAM_STORAGE) private readonly storage: JetStreamStorage,
  ) {}

  /** Every chat event stored from the start on, checked against its contract (one that does not match is logged and skipped). */
  followLive(follower: (message: ChatEventMessage) => void): void {
    this.register();
    this.liveFollowers.push(follower);
  }

  /**
   * Every message of the stream, unchecked: first those stored in the last
   * `replayMs` before the start (at most CHAT_EVENT_REPLAY_MAX_MS), marked
   * replayed, then every new one.
   */
  followAll(follower: (delivery: ChatEventDelivery) => void, options: { replayMs?: number } = {}): void {
    this.register();
    this.replayMs = Math.max(this.replayMs, Math.min(CHAT_EVENT_REPLAY_MAX_MS, Math.max(0, options.replayMs ?? 0)));
    this.rawFollowers.push(follower);
  }

  onApplicationBootstrap(): void {
    void this.start();
  }

  /** Starts consuming once; resolves once the consumer exists (creating the stream if no chat actor has yet; retried while NATS is away). */
  start(): Promise<void> {
    this.started ??= this.consume();
    return this.started;
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.messages?.stop();
  }

  private register(): void {
    if (this.started) throw new Error('ChatEventFeed: followers register before the feed starts (in onModuleInit)');
  }

  /**
   * The sequence of the first message stored at or after `since` (after
   * `liveAfter` if none is), found by a short-lived consumer that starts
   * there (NATS 2.9 cannot look a message up by time), deleted before the
   * feed's own consumer is created.
   */
  private async firstSeqSince(js: JetStreamClient, jsm: JetStreamManager, since: Date, liveAfter: number): Promise<number> {
    const stream = this.subjects.chatEventsStream;
    const probe = await jsm.consumers.add(stream, {
      deliver_policy: DeliverPolicy.StartTime,
      opt_start_time: since.toISOString(),
      ack_policy: AckPolicy.None,
      inactive_threshold: PROBE_INACTIVE_NS,
      mem_storage: true,
      num_replicas: 1,
    });
    try {
      if (probe.num_pending === 0) return liveAfter + 1;
      const first = await (await js.consumers.get(stream, probe.name)).next({ expires: 5_000 });
      return first ? Math.min(first.seq, liveAfter + 1) : liveAfter + 1;
    } finally {
      await jsm.consumers.delete(stream, probe.name).catch(() => undefined);
    }
  }

  private async consume(): Promise<void> {
    const js = jetstream(this.nc);
    let liveAfter = 0;
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) return;
      try {
        await ensureChatEventsStream(this.nc, this.subjects, this.storage);
        const jsm = await jetstreamManager(this.nc);
        // What is stored now is the past: live followers get what comes after it.
        liveAfter = (await jsm.streams.info(this.subjects.chatEventsStream)).state.last_seq;
        // Always by sequence: when the ordered consumer is recreated after a
        // NATS restart, the client keeps the first consumer's config and sets
        // a start sequence on it; a start time left in it makes NATS refuse
        // every recreation, and the feed would stop for good.
        const startSeq = this.replayMs > 0 ? await this.firstSeqSince(js, jsm, new Date(Date.now() - this.replayMs), liveAfter) : liveAfter + 1;
        // The stream holds chat events only: no filter (NATS 2.9 has no multi-subject filters anyway).
        const consumer = await js.consumers.get(this.subjects.chatEventsStream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: startSeq });
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
        const replayed = m.seq <= liveAfter;
        for (const follower of this.rawFollowers) {
          try {
            follower({ data: m.data, streamSeq: m.seq, pending: m.info.pending, replayed });
          } catch (error) {
            this.logger.error({ err: error, streamSeq: m.seq }, 'a chat event follower failed');
          }
        }
        if (replayed || this.liveFollowers.length === 0) continue;
        let parsed: ChatEventMessage;
        try {
          const read = readChatEventMessage(m.json());
          if (!read.ok) {
            // Issue 18: from a newer process during an upgrade, or malformed: skipped, the feed goes on.
            this.logger.warn({ subject: m.subject, streamSeq: m.seq }, `chat event skipped: ${describeSkip(read.skip)}`);
            continue;
          }
          parsed = read.message;
        } catch (error) {
          this.logger.error({ err: error, subject: m.subject }, 'chat event is not JSON; skipped');
          continue;
        }
        for (const follower of this.liveFollowers) {
          try {
            follower(parsed);
          } catch (error) {
            this.logger.error({ err: error, sessionId: parsed.session.sessionId }, 'pushing a chat event failed');
          }
        }
      }
    })().catch((error) => this.logger.warn({ msg: 'chat event feed stopped', error: String(error) }));
  }
}
