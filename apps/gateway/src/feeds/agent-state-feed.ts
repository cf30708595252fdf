import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AgentStateStore, type VersionedLiveState } from '@switchboard/agent-state';

export type AgentStateFollower = (agentId: string, state: VersionedLiveState | undefined) => void;

/**
 * The agents' live states (presence, load) as this gateway follows them: one
 * watch of the KV bucket feeding every part of the gateway that needs them
 * (the realtime agent directory and the dashboard). It keeps the latest
 * state of each agent (one entry per agent in the bucket), so a follower that
 * comes later starts from what is known, then gets each change.
 */
@Injectable()
export class AgentStateFeed implements OnApplicationShutdown {
  private readonly logger = new Logger(AgentStateFeed.name);
  private readonly states = new Map<string, VersionedLiveState>();
  private readonly followers = new Set<AgentStateFollower>();
  private watching?: Promise<{ stop(): void; initialized: Promise<void> }>;

  constructor(@Inject(AgentStateStore) private readonly store: AgentStateStore) {}

  /**
   * Calls `follower` with every live state known now, then with each change
   * (undefined: the agent's entry is gone). Starts the watch on first use.
   * `initialized` resolves once the bucket's current values have come.
   */
  async follow(follower: AgentStateFollower): Promise<{ stop(): void; initialized: Promise<void> }> {
    this.watching ??= this.store.watch((agentId, state) => this.changed(agentId, state)).catch((error: unknown) => {
      // Not watching: the next follower tries again.
      this.watching = undefined;
      throw error;
    });
    const watch = await this.watching;
    for (const [agentId, state] of this.states) this.deliver(follower, agentId, state);
    this.followers.add(follower);
    return { stop: () => void this.followers.delete(follower), initialized: watch.initialized };
  }

  onApplicationShutdown(): void {
    this.followers.clear();
    void this.watching?.then((w) => w.stop()).catch(() => undefined);
  }

  private changed(agentId: string, state: VersionedLiveState | undefined): void {
    if (state) this.states.set(agentId, state);
    else this.states.delete(agentId);
    for (const follower of this.followers) this.deliver(follower, agentId, state);
  }

  private deliver(follower: AgentStateFollower, agentId: string, state: VersionedLiveState | undefined): void {
    try {
      follower(agentId, state);
    } catch (error) {
      this.logger.error({ err: error, agentId }, 'an agent state follower failed');
    }
  }
}
