import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { AgentStateStore } from '@switchboard/agent-state';
import { chatEventMessageSchema, type Subjects } from '@switchboard/contracts';
import type { Settings, SessionStatus } from '@switchboard/domain';
import { ReferenceDataRepository, SettingsCache } from '@switchboard/reference-data';
import { ChatActorClient, decodeJson, encodeJson, NATS_CONNECTION, PartitionLeases, SERVICE_CONFIG, SUBJECTS } from '@switchboard/service-kit';
import { SessionReader } from '@switchboard/session-store';
import { randomUUID } from 'node:crypto';
import type { RouterConfig } from '../config';
import { RouterMetrics } from '../metrics/router-metrics';
import { countedSessionsToCheck, isConfirmed } from '../agents/load-sweeper';
import { partitionOfQueue } from '../ownership/queue-ownership';
import { AssignmentPlanner, type Outcome, type PlannedAssignment, type SessionSummary } from './assignment-planner';

/** Refusals that mean the session is not waiting any more. */
const SESSION_GONE = new Set(['INVALID_STATE', 'SESSION_CLOSED', 'SESSION_NOT_FOUND', 'ALREADY_TAKEN', 'USER_CANCELLED', 'FORBIDDEN']);
/** Refusals that mean this router's view of the agent was stale. */
const AGENT_REFUSED = new Set(['AGENT_UNAVAILABLE', 'AGENT_AT_CAPACITY', 'AGENT_NOT_ELIGIBLE']);

export interface RouterStatus {
  instanceId: string;
  partitions: number[];
  waiting: Record<string, number>;
  inFlight: number;
  assignments: number;
  /** Assignments per second over the last 10 s. */
  assignmentRate: number;
}

/**
 * Automatic assignment (R4), driven by events: a session queued, released or
 * transferred to a queue, an agent's presence or load changing, settings
 * changing. Queues are spread over router partitions held by leases, so any
 * number of routers share the queues and a dead router's queues move to
 * another within the lease TTL; its unanswered proposals are simply made
 * again (the session's actor applies at most one assignment, A1, A6).
 */
@Injectable()
export class AssignmentService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AssignmentService.name);
  private readonly planner = new AssignmentPlanner();
  private readonly owned = new Set<number>();
  private readonly client: ChatActorClient;
  private readonly subscriptions: Subscription[] = [];
  private readonly recentAssignments: number[] = [];
  private leases?: PartitionLeases;
  private stopWatch?: () => void;
  private resyncTimer?: NodeJS.Timeout;
  private sweepTimer?: NodeJS.Timeout;
  private pumpScheduled = false;
  private wakeTimer?: NodeJS.Timeout;
  private wakeAt = Number.POSITIVE_INFINITY;
  private resyncing?: Promise<void>;
  private resyncAgain = false;
  private stopped = false;
  private settings?: Settings;
  private settingsRequested = 0;
  private settingsApplied = 0;
  private profilesRequested = 0;
  private profilesApplied = 0;
  private assignments = 0;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(SERVICE_CONFIG) private readonly config: RouterConfig,
    private readonly agentStates: AgentStateStore,
    private readonly reference: ReferenceDataRepository,
    private readonly settingsCache: SettingsCache,
    private readonly sessions: SessionReader,
    private readonly metrics: RouterMetrics,
  ) {
    // A proposal is cheap to make again: fail fast rather than hold a slot through a long failover.
    this.client = new ChatActorClient(nc, subjects, { partitions: config.CHAT_PARTITIONS, deadlineMs: 10_000, attemptTimeoutMs: 3000 });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Listen for changes before the first reads, so none falls between a read and its subscription.
    this.settingsCache.onChange(() => void this.reloadSettings());
    this.subscriptions.push(this.nc.subscribe(this.subjects.agentProfilesChanged, { callback: () => void this.reloadProfiles() }));
    await this.reloadSettings();
    if (!this.settings) this.settings = await this.settingsCache.current();
    const generation = ++this.profilesRequested;
    this.applyProfiles(generation, await this.reference.allAgentProfiles());
    const watcher = await this.agentStates.watch((agentId, live) => {
      this.planner.setLiveState(agentId, live?.state);
      this.schedulePump();
    });
    this.stopWatch = watcher.stop;
    await watcher.initialized;

    this.subscriptions.push(
      this.nc.subscribe(this.subjects.chatEventsAll, { callback: (err, msg) => void (err ? undefined : this.onChatEvent(msg.data)) }),
      this.nc.subscribe(this.subjects.routerStatus, { callback: (err, msg) => void (err ? undefined : msg.respond(encodeJson(this.status()))) }),
    );
    void this.watchReconnects();

    this.leases = new PartitionLeases(this.nc, {
      bucketPrefix: this.subjects.bucketPrefix,
      group: 'router',
      instanceId: this.config.INSTANCE_ID,
      partitions: this.config.ROUTER_PARTITIONS,
      timings: { leaseTtlMs: this.config.ROUTER_LEASE_TTL_MS, tickMs: this.config.ROUTER_LEASE_TICK_MS },
      events: {
        acquired: (partition) => {
          this.owned.add(partition);
          this.logger.log({ partition }, 'router partition acquired');
          // Not awaited: lease renewals must not wait for a database read.
          this.requestResync();
        },
        released: (partition, reason) => {
          this.owned.delete(partition);
          this.logger.log({ partition, reason }, 'router partition released');
        },
      },
      onError: (error) => this.logger.warn({ err: error }, 'router lease renewal failed'),
    });
    await this.leases.start();
    this.scheduleResync();
    this.sweepTimer = setInterval(() => void this.sweepLoads(), this.config.ROUTER_LOAD_SWEEP_MS);
  }

  /**
   * Drops counted sessions their session does not confirm (a chat actor died
   * between reserving and committing). One router does it: the owner of
   * router partition 0. Removal is idempotent, so an overlap during a
   * handover is harmless.
   */
  async sweepLoads(): Promise<number> {
    if (!this.owned.has(0)) return 0;
    let removed = 0;
    try {
      for (const load of countedSessionsToCheck(this.planner.liveStates(), Date.now(), this.config.ROUTER_LOAD_SWEEP_MIN_AGE_MS)) {
        const session = (await this.sessions.load(load.sessionId))?.state;
        if (isConfirmed(load, session)) continue;
        await this.agentStates.removeSession(load.agentId, load.sessionId);
        removed++;
        this.logger.warn({ ...load, status: session?.status }, 'removed a counted session its session does not confirm');
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'load sweep failed');
    }
    return removed;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.resyncTimer);
    clearInterval(this.sweepTimer);
    clearTimeout(this.wakeTimer);
    for (const s of this.subscriptions) s.unsubscribe();
    this.stopWatch?.();
    await this.leases?.stop();
    await this.resyncing;
  }

  status(): RouterStatus {
    const now = Date.now();
    while (this.recentAssignments.length > 0 && this.recentAssignments[0]! < now - 10_000) this.recentAssignments.shift();
    return {
      instanceId: this.config.INSTANCE_ID,
      partitions: [...this.owned].sort((a, b) => a - b),
      waiting: this.settings ? this.planner.waitingPerQueue(this.settings) : {},
      inFlight: this.planner.inFlightCount,
      assignments: this.assignments,
      assignmentRate: this.recentAssignments.length / 10,
    };
  }

  private serves = (queue: string): boolean => this.owned.has(partitionOfQueue(queue, this.config.ROUTER_PARTITIONS));

  private onChatEvent(data: Uint8Array): void {
    let parsed;
    try {
      parsed = chatEventMessageSchema.safeParse(decodeJson(data));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const s = parsed.data.session;
    // Messages and notes change nothing to plan: most events end here.
    if (this.planner.observeSession({ ...s, status: s.status as SessionStatus })) this.schedulePump();
  }

  private async reloadSettings(): Promise<void> {
    const generation = ++this.settingsRequested;
    try {
      const settings = await this.settingsCache.current();
      // A read begun before another never replaces what the later one read.
      if (generation < this.settingsApplied) return;
      this.settingsApplied = generation;
      this.settings = settings;
      this.schedulePump();
    } catch (error) {
      this.logger.warn({ err: error }, 'settings reload failed');
    }
  }

  private async reloadProfiles(): Promise<void> {
    const generation = ++this.profilesRequested;
    try {
      this.applyProfiles(generation, await this.reference.allAgentProfiles());
    } catch (error) {
      this.logger.warn({ err: error }, 'agent profiles reload failed');
    }
  }

  /** Reads may finish out of order: one begun before another never replaces what the later one read. */
  private applyProfiles(generation: number, profiles: Parameters<AssignmentPlanner['setProfiles']>[0]): void {
    if (generation < this.profilesApplied) return;
    this.profilesApplied = generation;
    this.planner.setProfiles(profiles);
    this.schedulePump();
  }

  /** Coalesces resync requests: one read at a time, and one more if asked while it ran. */
  private requestResync(): void {
    if (this.resyncing) {
      this.resyncAgain = true;
      return;
    }
    this.resyncing = this.resync().finally(() => {
      this.resyncing = undefined;
      if (this.resyncAgain) {
        this.resyncAgain = false;
        this.requestResync();
      }
    });
  }

  /** Reads every waiting and pending session from the database (on acquiring queues, on reconnect, and now and then). */
  private async resync(): Promise<void> {
    const startedAt = Date.now();
    try {
      const states = await this.sessions.withStatus(['QUEUED', 'PENDING_TRANSFER']);
      const summaries: SessionSummary[] = states.map((s) => ({
        sessionId: s.sessionId,
        version: s.version,
        status: s.status,
        queue: s.queue,
        companyId: s.companyId,
        queuedAt: s.queuedAt,
        transferTargetAgentId: s.transferTargetAgentId,
      }));
      this.planner.resync(summaries, startedAt);
      this.schedulePump();
    } catch (error) {
      this.logger.warn({ err: error }, 'resync of waiting sessions failed');
    }
  }

  private scheduleResync(): void {
    if (this.stopped) return;
    this.resyncTimer = setTimeout(() => {
      this.requestResync();
      // Profiles and settings too, in case a change announcement was missed.
      void Promise.all([this.reloadProfiles(), this.reloadSettings()]).finally(() => this.scheduleResync());
    }, this.config.ROUTER_RESYNC_MS);
  }

  private async watchReconnects(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === 'reconnect') this.requestResync();
    }
  }

  /** Coalesces a burst of events into one planning pass. */
  private schedulePump(): void {
    if (this.pumpScheduled || this.stopped) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    const settings = this.settings;
    if (!settings || this.owned.size === 0) return;
    this.updateWaitingGauge(settings);
    for (const revert of this.planner.transfersToRevert(settings, this.serves)) void this.revert(revert.sessionId, revert.agentId);
    const room = this.config.ROUTER_MAX_IN_FLIGHT - this.planner.inFlightCount;
    for (const proposal of this.planner.plan(settings, this.serves, room)) void this.propose(proposal);
    this.armWake();
  }

  /**
   * A pass when a time-based exclusion ends (retry delay, refused agent's
   * pause, an answered assignment counted until the live state shows it):
   * no event marks that moment, and the resync must never be what serves
   * a waiting session.
   */
  private armWake(): void {
    const at = this.planner.nextWakeAt();
    if (at === undefined || this.stopped || at >= this.wakeAt) return;
    clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeAt = Number.POSITIVE_INFINITY;
        this.wakeTimer = undefined;
        this.schedulePump();
      },
      // Timers may fire a little early against the clock: never before the moment.
      Math.max(0, at - Date.now()) + 5,
    );
  }

  private async propose(p: PlannedAssignment): Promise<void> {
    let outcome: Outcome = 'retry';
    try {
      const reply = await this.client.send({
        type: 'AutoAssign',
        commandId: randomUUID(),
        sessionId: p.sessionId,
        actor: { role: 'system', id: `router:${this.config.INSTANCE_ID}` },
        agentId: p.agentId,
      });
      if (reply.ok) {
        outcome = 'assigned';
        this.assignments++;
        this.recentAssignments.push(Date.now());
        this.metrics.assignments.inc();
        if (p.queuedAt) this.metrics.timeToAssign.observe(Math.max(0, Date.now() - Date.parse(p.queuedAt)) / 1000);
      } else {
        this.metrics.refusals.inc({ code: reply.error.code });
        outcome = SESSION_GONE.has(reply.error.code) ? 'sessionGone' : AGENT_REFUSED.has(reply.error.code) ? 'agentRefused' : 'retry';
        if (reply.error.code === 'AUTO_ACCEPT_OFF') await this.reloadSettings();
      }
    } catch (error) {
      this.logger.warn({ err: error, sessionId: p.sessionId }, 'proposal failed');
    }
    this.planner.settle(p.sessionId, outcome);
    // The pass also arms the wake-up for a retry's delay or an agent's pause.
    this.schedulePump();
  }

  /** R5.4: the transfer target went offline before accepting: the session returns to its queue. */
  private async revert(sessionId: string, agentId: string): Promise<void> {
    try {
      const reply = await this.client.send({
        type: 'TargetWentOffline',
        commandId: randomUUID(),
        sessionId,
        actor: { role: 'system', id: `router:${this.config.INSTANCE_ID}` },
        agentId,
      });
      if (reply.ok) this.metrics.reverts.inc();
    } catch (error) {
      this.logger.warn({ err: error, sessionId }, 'transfer revert failed');
    } finally {
      this.planner.revertDone(sessionId);
    }
  }

  private updateWaitingGauge(settings: Settings): void {
    this.metrics.waiting.reset();
    for (const [queue, n] of Object.entries(this.planner.waitingPerQueue(settings))) {
      if (this.serves(queue)) this.metrics.waiting.set({ queue }, n);
    }
  }
}
