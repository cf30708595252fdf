import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { GatewayPresence } from '../presence/gateway-presence.service';
import { REALTIME_CONFIG, type RealtimeConfig } from '../realtime.config';
import { ChatCommands } from '../sessions/chat-commands.service';
import { OpenSessionsProjection } from '../sessions/open-sessions.projection';

/**
 * R12: when an end user's connections, on every gateway, are gone for longer
 * than the grace period, the open session is flagged `userLeft` (the agent is
 * told); coming back clears it. Command ids are derived from the session's
 * version, so two gateways deciding the same thing apply it once (A3).
 */
@Injectable()
export class EndUserPresenceService implements OnApplicationShutdown {
  private readonly logger = new Logger(EndUserPresenceService.name);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    @Inject(ChatCommands) private readonly chat: ChatCommands,
    @Inject(OpenSessionsProjection) private readonly projection: OpenSessionsProjection,
    @Inject(GatewayPresence) private readonly gateways: GatewayPresence,
    @Inject(REALTIME_CONFIG) private readonly config: RealtimeConfig,
  ) {}

  async connected(endUserId: string): Promise<void> {
    this.cancel(endUserId);
    await this.projection.ready;
    const open = this.projection.openOfEndUser(endUserId);
    if (!open?.userLeft) return;
    await this.chat
      .sendAs({ role: 'endUser', id: endUserId }, `returned.${open.sessionId}.${open.version}`, { type: 'MarkUserReturned', sessionId: open.sessionId })
      .catch((error: unknown) => this.logger.warn({ err: error, sessionId: open.sessionId }, 'could not mark the end user back'));
  }

  disconnected(endUserId: string, remainingHere: number): void {
    if (remainingHere > 0) return;
    this.cancel(endUserId);
    const timer = setTimeout(() => {
      this.timers.delete(endUserId);
      void this.markLeftIfGone(endUserId);
    }, this.config.END_USER_GRACE_MS);
    timer.unref();
    this.timers.set(endUserId, timer);
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
  }

  private async markLeftIfGone(endUserId: string): Promise<void> {
    try {
      if (await this.gateways.isConnected('endUser', endUserId)) return;
      const open = this.projection.openOfEndUser(endUserId);
      if (!open || open.userLeft || open.cancelledByUser) return;
      await this.chat.sendAs({ role: 'system', id: 'gateway' }, `left.${open.sessionId}.${open.version}`, { type: 'MarkUserLeft', sessionId: open.sessionId });
    } catch (error) {
      this.logger.debug?.({ err: error, endUserId }, 'end user not marked as left');
    }
  }

  /** True while a grace period runs for the principal on this gateway. */
  isPending(endUserId: string): boolean {
    return this.timers.has(endUserId);
  }

  private cancel(endUserId: string): void {
    clearTimeout(this.timers.get(endUserId));
    this.timers.delete(endUserId);
  }
}
