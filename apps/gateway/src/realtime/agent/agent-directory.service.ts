import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { loadOf, type VersionedLiveState } from '@switchboard/agent-state';
import type { Subjects } from '@switchboard/contracts';
import type { AgentInfo } from '@switchboard/domain';
import { ReferenceDataRepository, type AgentProfile } from '@switchboard/reference-data';
import { NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import { AgentStateFeed } from '../../feeds/agent-state-feed';

const PROFILE_REFRESH_MS = 30_000;

/**
 * Every agent as the policies need it: the profile (queues, companies, from
 * MongoDB) with the live state (presence, load, from the KV bucket, watched).
 * A cache of both: rebuilt by any instance from the stores (the live states
 * through the gateway's one watch of them, shared with the dashboard).
 */
@Injectable()
export class AgentDirectory implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AgentDirectory.name);
  private profiles = new Map<string, AgentProfile>();
  private readonly live = new Map<string, VersionedLiveState>();
  private readonly listeners = new Set<(agentId: string) => void>();
  private readonly profileListeners = new Set<() => void>();
  private watcher?: { stop(): void };
  private timer?: ReturnType<typeof setInterval>;
  private subscription?: Subscription;

  constructor(
    @Inject(ReferenceDataRepository) private readonly reference: ReferenceDataRepository,
    @Inject(AgentStateFeed) private readonly states: AgentStateFeed,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reloadProfiles();
    // An administrator changed agents (queues, companies): the lists and R6 targets follow at once.
    this.subscription = this.nc.subscribe(this.subjects.agentProfilesChanged, {
      callback: () =>
        void this.reloadProfiles()
          .then(() => this.profileListeners.forEach((l) => l()))
          .catch((err) => this.logger.warn({ err }, 'agent profiles not reloaded')),
    });
    const watch = await this.states.follow((agentId, state) => {
      const before = this.live.get(agentId)?.state.presence;
      if (state) this.live.set(agentId, state);
      else this.live.delete(agentId);
      // An agent added since the last reload: fetch its profile.
      if (!this.profiles.has(agentId)) void this.ensureProfile(agentId).catch(() => undefined);
      if (before !== state?.state.presence) for (const listener of this.listeners) listener(agentId);
    });
    this.watcher = watch;
    await watch.initialized;
    this.timer = setInterval(() => void this.reloadProfiles().catch((err) => this.logger.warn({ err }, 'agent profiles not reloaded')), PROFILE_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
    this.watcher?.stop();
    clearInterval(this.timer);
  }

  /** Called with an agent's id whenever its presence changes. */
  onPresenceChange(listener: (agentId: string) => void): void {
    this.listeners.add(listener);
  }

  /** Called after the profiles were reloaded on an administrator's change. */
  onProfilesChange(listener: () => void): void {
    this.profileListeners.add(listener);
  }

  async reloadProfiles(): Promise<void> {
    const profiles = await this.reference.allAgentProfiles();
    this.profiles = new Map(profiles.map((p) => [p.id, p]));
  }

  /** Makes sure a (new) agent's profile is known. */
  async ensureProfile(agentId: string): Promise<void> {
    if (this.profiles.has(agentId)) return;
    const [profile] = await this.reference.agentProfiles([agentId]);
    if (profile) this.profiles.set(agentId, profile);
  }

  /** Records a presence this instance just wrote, before the watch echoes it. */
  notePresence(agentId: string, state: VersionedLiveState): void {
    const known = this.live.get(agentId);
    if (known && known.revision >= state.revision) return;
    this.live.set(agentId, state);
    if (known?.state.presence !== state.state.presence) for (const listener of this.listeners) listener(agentId);
  }

  info(agentId: string): AgentInfo | undefined {
    const profile = this.profiles.get(agentId);
    if (!profile) return undefined;
    const live = this.live.get(agentId)?.state;
    return {
      ...profile,
      presence: live?.presence ?? 'offline',
      load: live ? loadOf(live) : 0,
      ...(live?.lastAssignedAt ? { idleSince: live.lastAssignedAt } : {}),
    };
  }

  all(): AgentInfo[] {
    return [...this.profiles.keys()].map((id) => this.info(id)!);
  }
}
