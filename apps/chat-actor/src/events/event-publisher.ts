import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { CHAT_SCHEMA_VERSION, type ChatEventMessage, type Subjects } from '@switchboard/contracts';
import { AgentStateStore } from '@switchboard/agent-state';
import { applyEvents, isVisibleToEndUser, loadChangesOf, type SessionEvent, type SessionState } from '@switchboard/domain';
import { commitId, SessionWriter } from '@switchboard/session-store';
import { encodeJson, ensureChatEventsStream, JETSTREAM_STORAGE, NATS_CONNECTION, SUBJECTS, type JetStreamStorage } from '@switchboard/service-kit';
import { Outbox } from '../outbox/outbox';
import { sessionSummary } from './session-summary';

const startKey = (sessionId: string) => `start:${sessionId}`;

/**
 * Publishes a session's events to JetStream after they are stored (A5). The
 * commit log is the outbox: the partition's watermark (see Outbox) says up
 * to when everything went out, and whatever is after it when a process
 * takes the partition over is published again. `Nats-Msg-Id`
 * (`<sessionId>:<seq>`) makes the stream drop repeats within its duplicate
 * window; consumers drop repeats by seq beyond it.
 */
@Injectable()
export class EventPublisher implements OnApplicationBootstrap {
  private readonly logger = new Logger(EventPublisher.name);
  private js?: JetStreamClient;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(JETSTREAM_STORAGE) private readonly storage: JetStreamStorage,
    private readonly sessions: SessionWriter,
    private readonly agentStates: AgentStateStore,
    private readonly outbox: Outbox,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureChatEventsStream(this.nc, this.subjects, this.storage);
    this.js = jetstream(this.nc);
  }

  /** Before a commit is stored: its time, held by the outbox until it is published or refused. */
  beforeCommit(partition: number, sessionId: string, baseVersion: number): Date {
    const at = new Date();
    this.outbox.track(partition, commitId(sessionId, baseVersion), at);
    return at;
  }

  /** Before a start is stored. */
  beforeStart(partition: number, sessionId: string): Date {
    const at = new Date();
    this.outbox.track(partition, startKey(sessionId), at);
    return at;
  }

  /** The commit or start was not stored (conflict, duplicate, failure): nothing to publish. */
  notStored(partition: number, sessionId: string, baseVersion?: number): void {
    this.outbox.notStored(partition, baseVersion === undefined ? startKey(sessionId) : commitId(sessionId, baseVersion));
  }

  /**
   * A write that failed without saying whether it went in (a connection
   * lost mid-write): the outbox keeps it and, on its next retry, publishes
   * what the store holds under its id, or drops it if nothing is there.
   */
  storeUnsure(partition: number, sessionId: string, baseVersion?: number): void {
    const key = baseVersion === undefined ? startKey(sessionId) : commitId(sessionId, baseVersion);
    this.outbox.failed(partition, key, async () => {
      try {
        const { events, prevVisibleSeq } =
          baseVersion === undefined ? { events: await this.sessions.startEvents(sessionId), prevVisibleSeq: 0 } : await this.sessions.commitEvents(sessionId, baseVersion);
        const stored = events.length > 0 ? await this.sessions.load(sessionId) : undefined;
        if (!stored) return true;
        return baseVersion === undefined
          ? this.publishStart(partition, applyEvents(undefined, events) ?? stored.state, events)
          : this.publishCommit(partition, stored.state, events, baseVersion, prevVisibleSeq);
      } catch {
        return false;
      }
    });
  }

  /**
   * After a commit: publish its events (acknowledged by the stream together),
   * then move the session onto or off its agents' loads. A failure keeps it
   * in the outbox for a retry (both steps are idempotent); the command itself stands.
   * `reservedFor`: the agent whose live state already counts the session (the
   * command's own A6 reservation, written just before the commit), so its
   * load needs no second round trip; a retry from the outbox does it anyway.
   */
  async publishCommit(
    partition: number,
    state: SessionState,
    events: readonly SessionEvent[],
    baseVersion: number,
    prevVisibleSeq: number,
    reservedFor?: string,
  ): Promise<boolean> {
    const key = commitId(state.sessionId, baseVersion);
    let counted = reservedFor;
    const work = async () => {
      await this.publish(state, events, prevVisibleSeq);
      for (const change of loadChangesOf(events)) {
        if (change.change === 'assigned' && change.agentId === counted) continue;
        if (change.change === 'assigned') await this.agentStates.addSession(change.agentId, change.sessionId);
        // A retry may come late: an assignment of the session decided since this commit keeps its count.
        else await this.agentStates.removeSession(change.agentId, change.sessionId, new Date(), baseVersion + events.length);
      }
    };
    return this.attempt(partition, key, state.sessionId, () => work().finally(() => (counted = undefined)));
  }

  /** After a start: publish its events. */
  async publishStart(partition: number, state: SessionState, events: readonly SessionEvent[]): Promise<boolean> {
    return this.attempt(partition, startKey(state.sessionId), state.sessionId, () => this.publish(state, events, 0));
  }

  /**
   * On taking a partition over: what was stored since a little before its
   * watermark, as one piece of work per session that publishes its start and
   * commits again in seq order. The caller runs each in the session's
   * mailbox before serving commands, so a replayed change of an agent's load
   * never lands after a newer one. A snapshot the previous owner left behind
   * its commits is brought up to date on the way.
   */
  async replayWork(partition: number, epoch: number): Promise<Array<{ sessionId: string; run: () => Promise<number> }>> {
    const from = await this.outbox.replayFrom(partition);
    const { starts, commits } = await this.sessions.storedSince(partition, from);
    // Held by the outbox from now on, so the watermark cannot pass them before they are out.
    for (const start of starts) this.outbox.track(partition, startKey(start.sessionId), start.at);
    for (const commit of commits) this.outbox.track(partition, commitId(commit.sessionId, commit.baseVersion), commit.at);

    const bySession = new Map<string, { start?: (typeof starts)[number]; commits: typeof commits }>();
    const entry = (id: string) => bySession.get(id) ?? bySession.set(id, { commits: [] }).get(id)!;
    for (const start of starts) entry(start.sessionId).start = start;
    for (const commit of commits) entry(commit.sessionId).commits.push(commit);
    return [...bySession].map(([sessionId, work]) => ({
      sessionId,
      run: async () => {
        let published = 0;
        // Replayed events carry the session as it is now, as the old code did: a consumer that missed
        // them learns the current status (a closed session never looks queued again), and one that saw
        // them drops them by seq.
        const stored = await this.sessions.load(sessionId);
        if (work.start) {
          const state = stored?.state ?? applyEvents(undefined, work.start.events);
          if (state && (await this.publishStart(partition, state, work.start.events))) published++;
        }
        if (work.commits.length === 0 || !stored) return published;
        for (const commit of work.commits.sort((a, b) => a.baseVersion - b.baseVersion)) {
          if (await this.publishCommit(partition, stored.state, commit.events, commit.baseVersion, commit.prevVisibleSeq)) published++;
        }
        if (stored.snapshotVersion < stored.state.version) await this.sessions.writeSnapshot(stored.state, epoch);
        return published;
      },
    }));
  }

  /**
   * Publishes `events` in order, each with the session's summary as of
   * `state` and the seq of the end user's previous visible event; the acks
   * are awaited together.
   */
  private async publish(state: SessionState, events: readonly SessionEvent[], prevVisibleSeq: number): Promise<void> {
    const session = sessionSummary(state);
    let previous = prevVisibleSeq;
    const acks = events.map((event) => {
      const message: ChatEventMessage = { v: CHAT_SCHEMA_VERSION, event: { ...event }, prevVisibleSeq: previous, session };
      if (isVisibleToEndUser(event)) previous = event.seq;
      return this.js!.publish(this.subjects.chatEvent(state.sessionId), encodeJson(message), {
        msgID: `${state.sessionId}:${event.seq}`,
      });
    });
    await Promise.all(acks);
  }

  private async attempt(partition: number, key: string, sessionId: string, work: () => Promise<void>): Promise<boolean> {
    try {
      await work();
      this.outbox.done(partition, key);
      return true;
    } catch (error) {
      this.logger.warn({ err: error, sessionId }, 'events left in the outbox');
      this.outbox.failed(partition, key, async () => {
        try {
          await work();
          return true;
        } catch {
          return false;
        }
      });
      return false;
    }
  }
}
