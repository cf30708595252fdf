import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '@switchboard/contracts';
import type { Settings } from '@switchboard/domain';
import { ChatActorClient, NATS_CONNECTION, SERVICE_CONFIG, SUBJECTS } from '@switchboard/service-kit';
import { randomUUID } from 'node:crypto';
import type { RouterConfig } from '../config';
import { RouterMetrics } from '../metrics/router-metrics';
import { RouterPartitions } from '../ownership/router-partitions';
import type { Outcome, PlannedAssignment, PlannedEstimate } from './assignment-planner';
import { RouterView } from './router-view';

/** Wait estimates sent per planning pass (issue 15): a burst of new chats is estimated over a few passes. */
const ESTIMATES_PER_PASS = 64;

/** Refusals that mean the session is not waiting any more. */
const SESSION_GONE = new Set(['INVALID_STATE', 'SESSION_CLOSED', 'SESSION_NOT_FOUND', 'ALREADY_TAKEN', 'USER_CANCELLED', 'FORBIDDEN']);
/** Refusals that mean this router's view of the agent was stale. */
const AGENT_REFUSED = new Set(['AGENT_UNAVAILABLE', 'AGENT_AT_CAPACITY', 'AGENT_NOT_ELIGIBLE']);

/**
 * Automatic assignment (R4): a planning pass whenever the view changes
 * (coalesced), proposals sent to the sessions' actors (`AutoAssign`, at most
 * ROUTER_MAX_IN_FLIGHT unanswered), their answers settled into the planner,
 * and R5.4: a pending transfer whose target went offline goes back to its
 * queue. The session's actor applies at most one assignment (A1, A6), so a
 * proposal lost with a dead router is simply made again by the next owner.
 */
@Injectable()
export class AssignmentLoop {
  private readonly logger = new Logger(AssignmentLoop.name);
  private readonly client: ChatActorClient;
  private readonly recentAssignments: number[] = [];
  private pumpScheduled = false;
  private wakeTimer?: NodeJS.Timeout;
  private wakeAt = Number.POSITIVE_INFINITY;
  private stopped = false;
  private assignments = 0;

  constructor(
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(SUBJECTS) subjects: Subjects,
    @Inject(SERVICE_CONFIG) private readonly config: RouterConfig,
    private readonly view: RouterView,
    private readonly partitions: RouterPartitions,
    private readonly metrics: RouterMetrics,
  ) {
    // A proposal is cheap to make again: fail fast rather than hold a slot through a long failover.
    this.client = new ChatActorClient(nc, subjects, { partitions: config.CHAT_PARTITIONS, deadlineMs: 10_000, attemptTimeoutMs: 3000 });
    view.onChange(() => this.schedule());
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.wakeTimer);
  }

  /** Assignments made, and per second over the last 10 s (status). */
  counts(now = Date.now()): { assignments: number; assignmentRate: number } {
    while (this.recentAssignments.length > 0 && this.recentAssignments[0]! < now - 10_000) this.recentAssignments.shift();
    return { assignments: this.assignments, assignmentRate: this.recentAssignments.length / 10 };
  }

  /** Coalesces a burst of changes into one planning pass. */
  schedule(): void {
    if (this.pumpScheduled || this.stopped) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    const settings = this.view.settings;
    if (!settings || this.view.owned.size === 0) return;
    this.updateWaitingGauge(settings);
    const planner = this.view.planner;
    for (const revert of planner.transfersToRevert(settings, this.partitions.serves)) void this.revert(revert.sessionId, revert.agentId);
    // Issue 15: a chat that entered its queue is estimated before it is proposed.
    for (const estimate of planner.estimatesDue(settings, this.partitions.serves, ESTIMATES_PER_PASS)) void this.recordEstimate(estimate);
    const room = this.config.ROUTER_MAX_IN_FLIGHT - planner.inFlightCount;
    for (const proposal of planner.plan(settings, this.partitions.serves, room)) void this.propose(proposal);
    this.armWake();
  }

  /**
   * A pass when a time-based exclusion ends (retry delay, refused agent's
   * pause, an answered assignment counted until the live state shows it):
   * no event marks that moment, and the resync must never be what serves
   * a waiting session.
   */
  private armWake(): void {
    const at = this.view.planner.nextWakeAt();
    if (at === undefined || this.stopped || at >= this.wakeAt) return;
    clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeAt = Number.POSITIVE_INFINITY;
        this.wakeTimer = undefined;
        this.schedule();
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
        if (reply.error.code === 'AUTO_ACCEPT_OFF') await this.view.settingsStale();
      }
    } catch (error) {
      this.logger.warn({ err: error, sessionId: p.sessionId }, 'proposal failed');
    }
    this.view.planner.settle(p.sessionId, outcome);
    // The pass also arms the wake-up for a retry's delay or an agent's pause.
    this.schedule();
  }

  /** Issue 15: the wait estimate of a chat's stay in its queue, recorded on the session (shown to the end user). */
  private async recordEstimate(e: PlannedEstimate): Promise<void> {
    let done = false;
    try {
      const reply = await this.client.send({
        type: 'RecordWaitEstimate',
        // One id per stay in the queue: a repeat (another router, a resync) is the same command.
        commandId: `estimate:${e.sessionId}:${e.queuedAt}`,
        sessionId: e.sessionId,
        actor: { role: 'system', id: `router:${this.config.INSTANCE_ID}` },
        minSeconds: e.minSeconds,
        maxSeconds: e.maxSeconds,
        queuedAt: e.queuedAt,
      });
      // Recorded, or refused for good (the chat left the queue, or holds an estimate already).
      done = reply.ok || reply.error.code !== 'CONTEXT_INCOMPLETE';
    } catch (error) {
      this.logger.warn({ err: error, sessionId: e.sessionId }, 'wait estimate failed');
    }
    // Not done: made again at a later pass (no retry loop of its own).
    this.view.planner.estimateDone(e.sessionId, done);
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
      this.view.planner.revertDone(sessionId);
    }
  }

  private updateWaitingGauge(settings: Settings): void {
    this.metrics.waiting.reset();
    for (const [queue, n] of Object.entries(this.view.planner.waitingPerQueue(settings))) {
      if (this.partitions.serves(queue)) this.metrics.waiting.set({ queue }, n);
    }
  }
}
