import { Inject, Injectable, Logger } from '@nestjs/common';
import { AgentStateStore } from '@switchboard/agent-state';
import { SERVICE_CONFIG } from '@switchboard/service-kit';
import { SessionReader } from '@switchboard/session-store';
import { countedSessionsToCheck, shouldDrop } from '../agents/load-sweeper';
import { RouterView } from '../assignment/router-view';
import type { RouterConfig } from '../config';

/**
 * Every ROUTER_LOAD_SWEEP_MS, drops counted sessions their session does not
 * confirm (a chat actor died between reserving and committing; a commit
 * that lost), keeping those whose commit may still land (`shouldDrop`). One router
 * does it: the owner of router partition 0. Removal is idempotent, so an
 * overlap during a handover is harmless.
 */
@Injectable()
export class LoadSweepJob {
  private readonly logger = new Logger(LoadSweepJob.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: RouterConfig,
    private readonly view: RouterView,
    private readonly agentStates: AgentStateStore,
    private readonly sessions: SessionReader,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.ROUTER_LOAD_SWEEP_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    if (!this.view.owned.has(0)) return 0;
    let removed = 0;
    try {
      for (const load of countedSessionsToCheck(this.view.planner.liveStates(), Date.now(), this.config.ROUTER_LOAD_SWEEP_MIN_AGE_MS)) {
        const session = (await this.sessions.load(load.sessionId))?.state;
        if (!shouldDrop(load, session, this.config.ROUTER_LOAD_SWEEP_STUCK_AGE_MS)) continue;
        await this.agentStates.removeSession(load.agentId, load.sessionId);
        removed++;
        this.logger.warn({ ...load, status: session?.status, version: session?.version }, 'removed a counted session its session does not confirm');
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'load sweep failed');
    }
    return removed;
  }
}
