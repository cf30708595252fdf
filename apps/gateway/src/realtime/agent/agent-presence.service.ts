import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AgentStateStore, type AgentPresence } from '@switchboard/agent-state';
import type { ReplyData } from '@switchboard/contracts';
import { presenceOnConnect } from '@switchboard/domain';
import { GatewayPresence } from '../presence/gateway-presence.service';
import { REALTIME_CONFIG, type RealtimeConfig } from '../realtime.config';
import { AgentDirectory } from './agent-directory.service';

/**
 * R18: an agent is online while connected (unless it chose away), and becomes
 * offline once all its connections, on every gateway, are gone for longer
 * than the grace period. Presence lives in the agents' live state (KV), where
 * the chat actors and routers read it.
 */
@Injectable()
export class AgentPresenceService implements OnApplicationShutdown {
  private readonly logger = new Logger(AgentPresenceService.name);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    @Inject(AgentStateStore) private readonly store: AgentStateStore,
    @Inject(AgentDirectory) private readonly directory: AgentDirectory,
    @Inject(GatewayPresence) private readonly gateways: GatewayPresence,
    @Inject(REALTIME_CONFIG) private readonly config: RealtimeConfig,
  ) {}

  async connected(agentId: string): Promise<void> {
    this.cancel(agentId);
    await this.directory.ensureProfile(agentId);
    const current = await this.store.get(agentId);
    const next = presenceOnConnect(current.state.presence);
    if (next !== current.state.presence) await this.set(agentId, next);
    else this.directory.notePresence(agentId, current);
  }

  disconnected(agentId: string, remainingHere: number): void {
    if (remainingHere > 0) return;
    this.cancel(agentId);
    const timer = setTimeout(() => {
      this.timers.delete(agentId);
      void this.goOfflineIfGone(agentId);
    }, this.config.AGENT_PRESENCE_GRACE_MS);
    timer.unref();
    this.timers.set(agentId, timer);
  }

  /** The agent's presence as the chat actors and routers see it. */
  async current(agentId: string): Promise<AgentPresence> {
    return (await this.store.get(agentId)).state.presence;
  }

  /** presence.get: the presence, and (issue 14) the agent's wrap-up while it lasts: its time not up, or a disposition still required. */
  async snapshot(agentId: string, now = Date.now()): Promise<ReplyData<'presence.get'>> {
    const { state } = await this.store.get(agentId);
    const wrapUp = state.wrapUp;
    if (!wrapUp || (!wrapUp.dispositionRequired && Date.parse(wrapUp.until) <= now)) return { presence: state.presence };
    const secondsLeft = Math.max(0, Math.ceil((Date.parse(wrapUp.until) - now) / 1000));
    return { presence: state.presence, wrapUp: { sessionId: wrapUp.sessionId, until: wrapUp.until, dispositionRequired: wrapUp.dispositionRequired, secondsLeft } };
  }

  async set(agentId: string, presence: AgentPresence): Promise<void> {
    const state = await this.store.setPresence(agentId, presence);
    this.directory.notePresence(agentId, state);
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
  }

  private async goOfflineIfGone(agentId: string): Promise<void> {
    try {
      if (await this.gateways.isConnected('agent', agentId)) return;
      await this.set(agentId, 'offline');
    } catch (error) {
      this.logger.warn({ err: error, agentId }, 'could not set the agent offline');
    }
  }

  /** True while a grace period runs for the principal on this gateway. */
  isPending(agentId: string): boolean {
    return this.timers.has(agentId);
  }

  private cancel(agentId: string): void {
    clearTimeout(this.timers.get(agentId));
    this.timers.delete(agentId);
  }
}
