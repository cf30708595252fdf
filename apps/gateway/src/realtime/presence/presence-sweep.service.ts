import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { sweptWhenConnectedNowhere } from '@switchboard/domain';
import { AgentDirectory } from '../agent/agent-directory.service';
import { AgentPresenceService } from '../agent/agent-presence.service';
import { ConnectionRegistry } from '../connection/connection-registry';
import { EndUserPresenceService } from '../end-user/end-user-presence.service';
import { REALTIME_CONFIG, type RealtimeConfig } from '../realtime.config';
import { OpenSessionsProjection } from '../sessions/open-sessions.projection';
import { GatewayPresence } from './gateway-presence.service';

/** Presence questions in flight at once, so a sweep of thousands does not flood NATS. */
const BATCH = 64;

/**
 * The grace timers of R12 and R18 run on the gateway that saw the socket
 * close. A gateway that stops or crashes takes its timers along, so its
 * agents would stay online and its end users present for ever. Every gateway
 * therefore looks, now and then, for agents shown online or away and end
 * users with an open chat who are connected to no gateway at all, and starts
 * the same grace period for them: they go offline or are marked as left
 * unless they reconnect somewhere in time. Gateways that sweep at once send
 * the same idempotent commands (A3).
 */
@Injectable()
export class PresenceSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PresenceSweep.name);
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = false;

  constructor(
    @Inject(AgentDirectory) private readonly agents: AgentDirectory,
    @Inject(AgentPresenceService) private readonly agentPresence: AgentPresenceService,
    @Inject(OpenSessionsProjection) private readonly projection: OpenSessionsProjection,
    @Inject(EndUserPresenceService) private readonly endUserPresence: EndUserPresenceService,
    @Inject(ConnectionRegistry) private readonly registry: ConnectionRegistry,
    @Inject(GatewayPresence) private readonly gateways: GatewayPresence,
    @Inject(REALTIME_CONFIG) private readonly config: RealtimeConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** One pass; returns how many principals it found connected nowhere. */
  async sweep(): Promise<{ agents: number; endUsers: number }> {
    const agentIds = this.agents
      .all()
      .filter((a) => sweptWhenConnectedNowhere(a.presence) && !this.registry.has('agent', a.id) && !this.agentPresence.isPending(a.id))
      .map((a) => a.id);
    const endUserIds: string[] = [];
    for (const item of this.projection.all()) {
      if (item.userLeft || item.cancelledByUser) continue;
      if (this.registry.has('endUser', item.endUserId) || this.endUserPresence.isPending(item.endUserId)) continue;
      endUserIds.push(item.endUserId);
    }
    const goneAgents = await this.connectedNowhere('agent', agentIds);
    const goneUsers = await this.connectedNowhere('endUser', endUserIds);
    for (const id of goneAgents) this.agentPresence.disconnected(id, 0);
    for (const id of goneUsers) this.endUserPresence.disconnected(id, 0);
    if (goneAgents.length + goneUsers.length > 0) {
      this.logger.log({ msg: 'grace period started for principals connected to no gateway', agents: goneAgents.length, endUsers: goneUsers.length });
    }
    return { agents: goneAgents.length, endUsers: goneUsers.length };
  }

  private async connectedNowhere(role: 'agent' | 'endUser', ids: string[]): Promise<string[]> {
    const gone: string[] = [];
    for (let i = 0; i < ids.length && !this.stopped; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const connected = await Promise.all(batch.map((id) => this.gateways.isConnected(role, id)));
      batch.forEach((id, j) => connected[j] || gone.push(id));
    }
    return gone;
  }

  private schedule(): void {
    if (this.stopped) return;
    // Jitter, so gateways started together do not all ask at the same moment.
    const delay = this.config.PRESENCE_SWEEP_MS * (0.75 + Math.random() * 0.5);
    this.timer = setTimeout(() => {
      void this.projection.ready
        .then(() => this.sweep())
        .catch((error: unknown) => this.logger.warn({ err: error }, 'presence sweep failed'))
        .finally(() => this.schedule());
    }, delay);
    this.timer.unref();
  }
}
