import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { loadOf, type VersionedLiveState } from '@switchboard/agent-state';
import { SESSION_STATUS_VALUES, type DashboardSnapshot, type SessionStatusValue, type Subjects } from '@switchboard/contracts';
import { GENERAL_QUEUE } from '@switchboard/domain';
import { AgentRecord, QueueRecord } from '@switchboard/reference-data';
import { decodeJson, NATS_CONNECTION, SUBJECTS } from '@switchboard/service-kit';
import { SessionQueries } from '@switchboard/session-store';
import type { Model } from 'mongoose';
import { BehaviorSubject, Observable } from 'rxjs';
import { AgentStateFeed } from '../../feeds/agent-state-feed';
import { ChatEventFeed, type ChatEventDelivery } from '../../feeds/chat-event-feed';
import { RecordFreshnessTracker } from '../freshness/record-freshness';
import { AssignmentRate } from './assignment-rate';

/** Changes arriving this close together make one new snapshot. */
const COALESCE_MS = 75;
/** A snapshot is recomputed at least this often while someone watches (covers anything without an event). */
const HEARTBEAT_MS = 10_000;
const ASSIGNMENT_EVENTS = new Set(['SessionAssigned']);

/**
 * The live dashboard: one snapshot per gateway, recomputed as soon as a chat
 * event, an agent's live state or a settings change arrives on NATS, and
 * pushed to every open dashboard. Only computed while someone watches.
 */
@Injectable()
export class DashboardService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DashboardService.name);
  private readonly snapshots = new BehaviorSubject<DashboardSnapshot | undefined>(undefined);
  private readonly liveStates = new Map<string, VersionedLiveState>();
  private readonly rate = new AssignmentRate(15);
  /** Offers (issue 14) declined and lapsed, over the same window, counted once each. */
  private readonly declines = new AssignmentRate(15);
  private readonly lapses = new AssignmentRate(15);
  private readonly subscriptions: Subscription[] = [];
  private stopWatch?: () => void;
  private watchers = 0;
  private timer?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
  private computing?: Promise<void>;
  private again = false;

  constructor(
    @Inject(SessionQueries) private readonly sessions: SessionQueries,
    @InjectModel(AgentRecord.name) private readonly agents: Model<AgentRecord>,
    @InjectModel(QueueRecord.name) private readonly queues: Model<QueueRecord>,
    @Inject(AgentStateFeed) private readonly agentStates: AgentStateFeed,
    @Inject(ChatEventFeed) private readonly chatEvents: ChatEventFeed,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(RecordFreshnessTracker) private readonly freshness: RecordFreshnessTracker,
  ) {}

  /**
   * Chat events through the gateway's feed: the last 15 minutes first (so the
   * assignment rate is right after a restart), then every new one.
   */
  onModuleInit(): void {
    this.chatEvents.followAll((delivery) => this.onChatEvent(delivery), { replayMs: this.rate.windowMs() });
  }

  async onApplicationBootstrap(): Promise<void> {
    const watch = await this.agentStates.follow((agentId, state) => {
      if (state) this.liveStates.set(agentId, state);
      else this.liveStates.delete(agentId);
      this.changed();
    });
    this.stopWatch = watch.stop;
    this.subscriptions.push(this.nc.subscribe(this.subjects.settingsChanged, { callback: () => this.changed() }));
  }

  onApplicationShutdown(): void {
    this.stopWatch?.();
    for (const sub of this.subscriptions) sub.unsubscribe();
    clearTimeout(this.timer);
    clearInterval(this.heartbeat);
    this.snapshots.complete();
  }

  /** Snapshots as they change, the current one first. */
  watch(): Observable<DashboardSnapshot> {
    return new Observable<DashboardSnapshot>((subscriber) => {
      this.watchers++;
      if (this.watchers === 1) this.heartbeat = setInterval(() => this.changed(), HEARTBEAT_MS);
      const inner = this.snapshots.subscribe((snapshot) => snapshot && subscriber.next(snapshot));
      this.changed(0);
      return () => {
        inner.unsubscribe();
        this.watchers--;
        if (this.watchers === 0) clearInterval(this.heartbeat);
      };
    });
  }

  async current(): Promise<DashboardSnapshot> {
    return this.compute();
  }

  private onChatEvent({ data, streamSeq, pending }: ChatEventDelivery): void {
    try {
      const message = decodeJson(data) as {
        event?: { type?: string; at?: string; sessionId?: string; seq?: number };
        session?: { sessionId?: string; version?: number; status?: string; queue?: string; ownerAgentId?: string };
      };
      const event = message.event;
      const s = message.session;
      const session =
        s?.sessionId && s.version !== undefined && s.status && s.queue !== undefined
          ? { sessionId: s.sessionId, version: s.version, status: s.status, queue: s.queue, ...(s.ownerAgentId ? { ownerAgentId: s.ownerAgentId } : {}) }
          : undefined;
      this.freshness.note(streamSeq, pending, event?.at, session);
      if (event?.type && ASSIGNMENT_EVENTS.has(event.type) && event.at) this.rate.add(`${event.sessionId}:${event.seq}`, Date.parse(event.at));
      if (event?.type === 'OfferDeclined' && event.at) this.declines.add(`${event.sessionId}:${event.seq}`, Date.parse(event.at));
      if (event?.type === 'OfferLapsed' && event.at) this.lapses.add(`${event.sessionId}:${event.seq}`, Date.parse(event.at));
    } catch {
      // A malformed event changes no figure; the snapshot is still refreshed.
    }
    this.changed();
  }

  /** Schedules a new snapshot soon, once for a burst of changes. */
  private changed(delay = COALESCE_MS): void {
    if (this.watchers === 0 || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.publish();
    }, delay);
  }

  private async publish(): Promise<void> {
    if (this.computing) {
      this.again = true;
      return;
    }
    this.computing = this.compute()
      .then((snapshot) => this.snapshots.next(snapshot))
      .catch((error) => this.logger.warn({ msg: 'dashboard snapshot failed', error: String(error) }))
      .finally(() => {
        this.computing = undefined;
        if (this.again) {
          this.again = false;
          this.changed(0);
        }
      });
  }

  private async compute(): Promise<DashboardSnapshot> {
    // Taken before reading: the figures reflect at least this much.
    const freshness = this.freshness.now();
    const [open, closed, abandoned, queueDocs, agentDocs, satisfaction] = await Promise.all([
      this.sessions.openPositions(),
      this.sessions.countWithStatus('CLOSED'),
      this.sessions.countWithStatus('ABANDONED'),
      this.queues.find({}, { _id: 1 }).lean(),
      this.agents.find({}, { _id: 1, displayName: 1, cap: 1 }).lean(),
      this.sessions.satisfaction(),
    ]);
    const byStatus = Object.fromEntries(SESSION_STATUS_VALUES.map((s) => [s, 0])) as Record<SessionStatusValue, number>;
    byStatus.CLOSED = closed;
    byStatus.ABANDONED = abandoned;
    const queues = new Map<string, { waiting: number; oldest?: string }>();
    for (const name of [GENERAL_QUEUE, ...queueDocs.map((q) => q._id)]) queues.set(name, { waiting: 0 });
    for (const session of open) {
      byStatus[session.status as SessionStatusValue]++;
      if (session.status !== 'QUEUED') continue;
      const entry = queues.get(session.queue) ?? { waiting: 0 };
      entry.waiting++;
      const at = session.queuedAt;
      if (at && (!entry.oldest || at < entry.oldest)) entry.oldest = at;
      queues.set(session.queue, entry);
    }
    const queueViews = [...queues.entries()]
      .map(([queue, q]) => ({ queue, waiting: q.waiting, ...(q.oldest ? { oldestQueuedAt: q.oldest } : {}) }))
      .sort((a, b) => b.waiting - a.waiting || a.queue.localeCompare(b.queue));
    const oldest = queueViews.map((q) => q.oldestQueuedAt).filter((at): at is string => !!at).sort()[0];
    const agents = agentDocs
      .map((doc) => {
        const live = this.liveStates.get(doc._id)?.state;
        return { id: doc._id, displayName: doc.displayName, presence: live?.presence ?? 'offline', load: live ? loadOf(live) : 0, cap: doc.cap ?? 0 };
      })
      .sort((a, b) => presenceRank(a.presence) - presenceRank(b.presence) || b.load - a.load || a.displayName.localeCompare(b.displayName));
    return {
      generatedAt: new Date().toISOString(),
      freshness: { ...freshness, recordsBehind: this.freshness.behind(open) },
      queues: queueViews,
      ...(oldest ? { oldestQueuedAt: oldest } : {}),
      agents,
      sessionsByStatus: byStatus,
      assignmentsPerMinute: this.rate.perMinute(Date.now()),
      offers: { pending: open.filter((s) => s.offered).length, declined: total(this.declines.perMinute(Date.now())), lapsed: total(this.lapses.perMinute(Date.now())) },
      satisfaction,
    };
  }
}

function total(perMinute: Array<{ count: number }>): number {
  return perMinute.reduce((n, m) => n + m.count, 0);
}

function presenceRank(presence: string): number {
  return presence === 'online' ? 0 : presence === 'away' ? 1 : 2;
}
