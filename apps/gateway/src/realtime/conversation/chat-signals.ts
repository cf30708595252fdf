import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { chatSignalSchema, type ChatSignal, type ReceiptsFrame, type Subjects, type TypingFrame } from '@switchboard/contracts';
import { decodeJson, encodeJson, NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import { ConnectionRegistry } from '../connection/connection-registry';

/**
 * Typing and receipts between gateways (issue 17, ADR 19): a gateway that
 * hears one publishes it on core NATS; every gateway (itself included)
 * passes it to the sockets it holds of the chat's end user and of the agent
 * holding the chat. Nothing is stored here: a signal lost with a gateway is
 * a typing dot not shown, or receipts that the next resume reads from the store.
 */
@Injectable()
export class ChatSignals implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChatSignals.name);
  private subscription?: Subscription;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(ConnectionRegistry) private readonly registry: ConnectionRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.nc.subscribe(this.subjects.chatSignalsAll, {
      callback: (err, msg) => {
        if (err) return;
        try {
          const signal = chatSignalSchema.safeParse(decodeJson(msg.data));
          if (signal.success) this.deliver(signal.data);
        } catch (error) {
          this.logger.debug?.({ err: error }, 'unreadable chat signal');
        }
      },
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  publish(signal: ChatSignal): void {
    try {
      this.nc.publish(this.subjects.chatSignal(signal.sessionId), encodeJson(signal));
    } catch (error) {
      // NATS away: the signal is lost (typing), or read again from the store on the next resume (receipts).
      this.logger.warn({ err: error, sessionId: signal.sessionId }, 'chat signal not published');
    }
  }

  /** To this gateway's sockets: typing to the other side only, receipts to both sides. */
  private deliver(signal: ChatSignal): void {
    if (signal.kind === 'typing') {
      const frame: TypingFrame = { type: 'session.typing', sessionId: signal.sessionId, from: signal.from };
      const text = JSON.stringify(frame);
      if (signal.from === 'agent') for (const conn of this.registry.of('endUser', signal.endUserId)) conn.sendText(text);
      else if (signal.agentId) for (const conn of this.registry.of('agent', signal.agentId)) conn.sendText(text);
      return;
    }
    const frame: ReceiptsFrame = { type: 'session.receipts', sessionId: signal.sessionId, receipts: signal.receipts };
    const text = JSON.stringify(frame);
    for (const conn of this.registry.of('endUser', signal.endUserId)) conn.sendText(text);
    if (signal.agentId) for (const conn of this.registry.of('agent', signal.agentId)) conn.sendText(text);
  }
}
