import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { AgentStateStore } from '@switchboard/agent-state';
import { describeSkip, readChatEventMessage, type Subjects } from '@switchboard/contracts';
import type { SessionStatus } from '@switchboard/domain';
import { ReferenceDataRepository, SettingsCache } from '@switchboard/reference-data';
import { decodeJson, NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import { SessionReader } from '@switchboard/session-store';
import type { AssignmentPlanner, SessionSummary } from '../assignment/assignment-planner';
import { RouterView } from '../assignment/router-view';

/**
 * What assignment is driven by, fed into the router's view: chat events (a
 * session queued, released, transferred, taken), agents' live states
 * (presence, load), agent profiles and settings (read again when their
 * change is announced), and full reads of the waiting sessions (on taking
 * partitions, on reconnecting to NATS, and now and then as a safety net).
 * Every change asks the assignment loop for a pass.
 */
@Injectable()
export class AssignmentInputs {
  private readonly logger = new Logger(AssignmentInputs.name);
  private readonly subscriptions: Subscription[] = [];
  private stopWatch?: () => void;
  private resyncing?: Promise<void>;
  private resyncAgain = false;
  private settingsRequested = 0;
  private settingsApplied = 0;
  private profilesRequested = 0;
  private profilesApplied = 0;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    private readonly view: RouterView,
    private readonly agentStates: AgentStateStore,
    private readonly reference: ReferenceDataRepository,
    private readonly settingsCache: SettingsCache,
    private readonly sessions: SessionReader,
  ) {}

  async start(): Promise<void> {
    // Listen for changes before the first reads, so none falls between a read and its subscription.
    this.settingsCache.onChange(() => void this.reloadSettings());
    this.view.onSettingsStale(() => this.reloadSettings());
    this.subscriptions.push(this.nc.subscribe(this.subjects.agentProfilesChanged, { callback: () => void this.reloadProfiles() }));
    await this.reloadSettings();
    if (!this.view.settings) this.view.settings = await this.settingsCache.current();
    const generation = ++this.profilesRequested;
    this.applyProfiles(generation, await this.reference.allAgentProfiles());
    const watcher = await this.agentStates.watch((agentId, live) => {
      this.view.planner.setLiveState(agentId, live?.state);
      this.view.changed();
    });
    this.stopWatch = watcher.stop;
    await watcher.initialized;
    this.subscriptions.push(this.nc.subscribe(this.subjects.chatEventsAll, { callback: (err, msg) => void (err ? undefined : this.onChatEvent(msg.data)) }));
    void this.watchReconnects();
  }

  async stop(): Promise<void> {
    for (const s of this.subscriptions) s.unsubscribe();
    this.stopWatch?.();
    await this.resyncing;
  }

  /** Coalesces resync requests: one read at a time, and one more if asked while it ran. */
  requestResync(): void {
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

  /** Everything read again: waiting sessions, profiles and settings, in case a change announcement was missed. */
  async resyncAll(): Promise<void> {
    this.requestResync();
    await Promise.all([this.reloadProfiles(), this.reloadSettings()]);
  }

  private onChatEvent(data: Uint8Array): void {
    let read;
    try {
      read = readChatEventMessage(decodeJson(data));
    } catch {
      return;
    }
    if (!read.ok) {
      // Issue 18: an event from a newer process during an upgrade (or malformed) is skipped; planning goes on.
      this.logger.warn(`chat event skipped: ${describeSkip(read.skip)}`);
      return;
    }
    const s = read.message.session;
    // Messages and notes change nothing to plan: most events end here.
    if (this.view.planner.observeSession({ ...s, status: s.status as SessionStatus })) this.view.changed();
  }

  private async reloadSettings(): Promise<void> {
    const generation = ++this.settingsRequested;
    try {
      const settings = await this.settingsCache.current();
      // A read begun before another never replaces what the later one read.
      if (generation < this.settingsApplied) return;
      this.settingsApplied = generation;
      this.view.settings = settings;
      this.view.changed();
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
    this.view.planner.setProfiles(profiles);
    this.view.changed();
  }

  /** Reads every waiting and pending session from the database. */
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
        excludedAgentIds: s.excludedAgentIds,
        passedOverAgentIds: s.passedOverAgentIds,
        offer: s.offer,
      }));
      this.view.planner.resync(summaries, startedAt);
      this.view.changed();
    } catch (error) {
      this.logger.warn({ err: error }, 'resync of waiting sessions failed');
    }
  }

  private async watchReconnects(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === 'reconnect') this.requestResync();
    }
  }
}
