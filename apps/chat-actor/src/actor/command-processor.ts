import { Injectable, Logger } from '@nestjs/common';
import { fail, ok, partitionOfSession, userRoutingKey, sessionRoutingKey, type ChatCommandResult, type Reply } from '@switchboard/contracts';
import {
  applyEvents,
  decide,
  existingSessionForStart,
  isTerminalStatus,
  RECENT_COMMANDS,
  type DecisionContext,
  type SessionCommand,
  type SessionEvent,
  type SessionState,
  type StartSession,
} from '@switchboard/domain';
import { AgentStateStore } from '@switchboard/agent-state';
import { SessionWriter, StoredSchemaError, type StoredOutcome, type StoredSession } from '@switchboard/session-store';
import { DeadlineTimers } from '../deadlines/deadline-timers';
import { EventPublisher } from '../events/event-publisher';
import { commandFingerprint } from './command-fingerprint';
import { DecisionContextLoader } from './decision-context.loader';

/** How often a command is decided again after another writer got in first. */
const MAX_CONFLICT_RETRIES = 5;

export interface Ownership {
  partition: number;
  epoch: number;
  /** False once the partition's lease may have lapsed: asked right before each write (A1); absent: always held. */
  stillHeld?: () => boolean;
}

/**
 * Applies one command to one session: load, decide (the domain), store
 * conditionally (A2), publish (A5), answer. Called by the session's mailbox,
 * so commands of one session never overlap in this process; the conditional
 * write covers the moment two processes both think they own it.
 */
@Injectable()
export class CommandProcessor {
  private readonly logger = new Logger(CommandProcessor.name);
  /** Sessions this process owns, as last written or read; dropped when a partition goes. */
  private readonly cache = new Map<string, StoredSession & { partition: number }>();
  /**
   * Snapshot writes still running after their command was answered, per
   * session. The next command of the session waits for its session's (so
   * snapshots are written in order), and a partition is handed over only
   * once its are done.
   */
  private readonly snapshotWrites = new Map<string, { partition: number; done: Promise<void> }>();
  /** Writes refused because another writer got in first (decided again) or a newer owner exists. */
  readonly counters = { commands: 0, writeConflicts: 0, fencedWrites: 0, reservationConflicts: 0, dependencyFailures: 0 };

  constructor(
    private readonly sessions: SessionWriter,
    private readonly contexts: DecisionContextLoader,
    private readonly events: EventPublisher,
    private readonly agentStates: AgentStateStore,
    private readonly timers: DeadlineTimers,
  ) {}

  /** The mailbox key: a start is serialised with the other starts of its end user (R1.2). */
  static mailboxKey(command: SessionCommand): string {
    return command.type === 'StartSession' ? `user:${command.actor.id}` : command.sessionId;
  }

  async handle(command: SessionCommand, ownership: Ownership, partitions: number): Promise<Reply<ChatCommandResult>> {
    this.counters.commands++;
    const expected = partitionOfSession(command.sessionId, partitions);
    if (expected !== ownership.partition) {
      return fail('WRONG_PARTITION', `Session ${command.sessionId} belongs to partition ${expected}, not ${ownership.partition}`);
    }
    try {
      if (command.type === 'StartSession') return await this.start(command, ownership);
      return await this.apply(command, ownership);
    } catch (error) {
      if (error instanceof StoredSchemaError) {
        this.cache.delete(command.sessionId);
        this.logger.warn({ sessionId: command.sessionId, type: command.type }, error.message);
        return fail(error.code, error.message, { version: error.version, eventType: error.eventType });
      }
      // Deciding is pure; what throws is the database or NATS (an outage, a
      // restart). Nothing half-applied survives a throw: a commit either went
      // in or not, and a stray reservation is swept. So the caller may retry
      // with the same command id (A3), and the client does.
      this.counters.dependencyFailures++;
      this.cache.delete(command.sessionId);
      this.logger.warn({ err: error, sessionId: command.sessionId, type: command.type }, 'a dependency failed; answered UNAVAILABLE');
      return fail('UNAVAILABLE', 'The database or NATS did not answer; retry with the same command id');
    }
  }

  /**
   * A cached state is trusted only within the ownership epoch that cached it:
   * after a partition moved away and back, another process may have written.
   */
  private cached(sessionId: string, ownership: Ownership): StoredSession | undefined {
    const entry = this.cache.get(sessionId);
    if (entry && entry.ownerEpoch === ownership.epoch) return entry;
    if (entry) this.cache.delete(sessionId);
    return undefined;
  }

  /** Resolves when the snapshot writes of `partition`'s sessions begun so far are done. */
  async snapshotsWritten(partition: number): Promise<void> {
    await Promise.all([...this.snapshotWrites.values()].filter((w) => w.partition === partition).map((w) => w.done));
  }

  forgetPartition(partition: number): void {
    for (const [id, entry] of this.cache) if (entry.partition === partition) this.cache.delete(id);
    this.timers.forgetPartition(partition);
  }

  private async apply(command: SessionCommand, ownership: Ownership): Promise<Reply<ChatCommandResult>> {
    await this.snapshotWrites.get(command.sessionId)?.done;
    for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
      const cached = this.cached(command.sessionId, ownership);
      const stored = cached ?? (await this.sessions.load(command.sessionId));
      const state = stored?.state;
      const { context, agentStates } = await this.contexts.load(command, state);
      const fingerprint = commandFingerprint(command, context.settings.maskPatterns);
      const decision = decide(state, command, context);
      if (!decision.ok && cached && (await this.sessions.load(command.sessionId))?.state.version !== cached.state.version) {
        // Refused on what this process last wrote, but someone wrote since (an owner overlapping a
        // handover): a refusal is never answered from a stale state. Decide again on the stored one.
        this.cache.delete(command.sessionId);
        continue;
      }
      if (!decision.ok) {
        // A refusal may answer a retry of a command that succeeded before (A3): its first answer stands.
        // Older ids than the remembered ones are searched for only when there are any, and not for a
        // full chat: every post past its limit would pay a query on the command key (a scan on FerretDB).
        const searchOlder = (state?.recentCommands?.length ?? 0) >= RECENT_COMMANDS && decision.error.code !== 'SESSION_FULL';
        const earlier = state ? await this.sessions.outcomeOf(state, command.commandId, { searchOlder }) : undefined;
        if (state && earlier) return this.firstAnswer(state, command, context, earlier, fingerprint);
        return fail(decision.error.code, decision.error.message, decision.error.details);
      }
      if (!state || !stored) return fail('SESSION_NOT_FOUND', `No chat session ${command.sessionId}`);
      if (decision.duplicate) return this.result(state, decision.events, true);

      // A6: an automatic assignment takes a slot of the agent's capacity first,
      // and only if the agent's live state is still the one it was decided from.
      const reserved = autoAssignedAgent(command, decision.events);
      // Whether this command's reservation is the count (issue 18): a session counted before it
      // may be counted for the winner of a race with this very commit, so a loss leaves it alone.
      let ownReservation = false;
      if (reserved !== undefined) {
        const read = agentStates.get(reserved);
        const reservation = read ? await this.agentStates.reserve(reserved, command.sessionId, read, state.version) : 'changed';
        if (reservation === 'changed') {
          this.counters.reservationConflicts++;
          continue;
        }
        ownReservation = reservation === 'reserved';
      }
      // A6 for a manual assignment too (an accepted transfer, or a pick from the queue; no cap check, R4.2):
      // the agent's live state counts the session before the commit, so an automatic assignment decided
      // after this commit cannot miss it (counted only after publishing, it could: the chaos run found an
      // agent with cap 2 given a third chat 0.4 s after accepting a transfer). A commit that then loses is
      // not undone here (the winner may be this very assignment): the load sweep drops a count the
      // session does not confirm once the session moved past the version it was decided from, and
      // until then the agent only looks busier than it is.
      const accepted = reserved === undefined ? manuallyAssignedAgent(decision.events) : undefined;
      if (accepted !== undefined) await this.agentStates.addSession(accepted, command.sessionId, new Date(), state.version);
      const next = applyEvents(state, decision.events);
      if (ownership.stillHeld?.() === false) {
        if (ownReservation) await this.agentStates.removeSession(reserved!, command.sessionId);
        return lostLease();
      }
      const at = this.events.beforeCommit(ownership.partition, command.sessionId, state.version);
      let written: Awaited<ReturnType<SessionWriter['commit']>>;
      try {
        written = await this.sessions.commit(stored, decision.events, next, ownership.epoch, ownership.partition, { commandId: command.commandId, hash: fingerprint }, at);
      } catch (error) {
        // Stored or not, nobody knows: the outbox checks later and publishes it if it is there.
        this.events.storeUnsure(ownership.partition, command.sessionId, state.version);
        throw error;
      }
      const { outcome, snapshotDue } = written;
      if (outcome !== 'written') this.events.notStored(ownership.partition, command.sessionId, state.version);
      if (outcome !== 'written' && ownReservation) await this.agentStates.removeSession(reserved!, command.sessionId);
      if (outcome === 'written') {
        // The commit is the change (A2): its events go out first, and the snapshot follows. A snapshot
        // that fails to follow is no failure of the command: loads roll it forward through the commits.
        // The agent is Not responding before anyone hears of the lapse, so that whoever acts on the event sees it so.
        await this.offerEnded(command.sessionId, decision.events);
        await this.events.publishCommit(ownership.partition, next, decision.events, state.version, state.lastVisibleSeq ?? 0, reserved ?? accepted);
        this.remember(next, ownership, stored.snapshotVersion);
        if (snapshotDue) {
          const written = this.writeSnapshotInOrder(next, ownership);
          // The answer does not wait for the snapshot (the command is stored and published), except when
          // the session ended: the snapshot frees the end user's open slot (R1.2), and a start sent
          // right after this answer must find it free.
          if (isTerminalStatus(next.status)) await written;
        }
        return this.result(next, decision.events, false);
      }
      if (outcome === 'duplicateCommand') {
        // Applied before, from an older version: answer as the first time.
        const current = (await this.sessions.load(command.sessionId))?.state ?? state;
        const earlier = await this.sessions.outcomeOf(current, command.commandId, { searchOlder: true });
        if (earlier) return this.firstAnswer(current, command, context, earlier, fingerprint);
      }
      this.cache.delete(command.sessionId);
      if (outcome === 'fenced') {
        this.counters.fencedWrites++;
        // A newer owner exists: this process must not decide for the session any more.
        this.logger.warn({ sessionId: command.sessionId, epoch: ownership.epoch }, 'write fenced by a newer owner');
        return fail('UNAVAILABLE', 'The session moved to another chat-actor process; retry');
      }
      this.counters.writeConflicts++;
      this.logger.debug({ sessionId: command.sessionId, attempt }, 'version conflict, deciding again');
    }
    return fail('UNAVAILABLE', 'The session or its agent is changing too fast; retry');
  }

  /**
   * Issue 14, the agent side of a session's change: an agent who let an
   * offer lapse becomes Not responding, or the administrator's choice of
   * Away or Offline (the offer stops counting against it
   * with the event's load change, like an end); an end starts the agent's
   * wrap-up and a disposition ends it. After the commit and before the
   * events go out: a failure here is logged, and the agent stays as it was.
   */
  private async offerEnded(sessionId: string, events: readonly SessionEvent[]): Promise<void> {
    for (const event of events) {
      try {
        if (event.type === 'OfferLapsed') await this.agentStates.markOfferLapsed(event.agentId, event.presence ?? 'notResponding');
        // Wrap-up: no new chat for the agent until it ends (by time, or by the disposition when required).
        if ((event.type === 'SessionClosed' || event.type === 'SessionAbandoned') && event.agentId !== undefined && event.wrapUpUntil !== undefined) {
          await this.agentStates.startWrapUp(event.agentId, { sessionId, until: event.wrapUpUntil, dispositionRequired: event.dispositionRequired ?? false });
        }
        if (event.type === 'DispositionRecorded') await this.agentStates.endWrapUp(event.agentId, sessionId);
      } catch (error) {
        this.logger.warn({ err: error, sessionId, event: event.type }, 'the agent of a session change was not updated');
      }
    }
  }

  /** Writes the snapshot after the session's earlier ones; resolves when written or given up (never rejects). */
  private writeSnapshotInOrder(next: SessionState, ownership: Ownership): Promise<void> {
    const done = this.sessions.writeSnapshot(next, ownership.epoch).then(
      (written) => {
        const entry = this.cache.get(next.sessionId);
        if (written && entry?.state === next) entry.snapshotVersion = next.version;
        if (!written) this.logger.warn({ sessionId: next.sessionId, version: next.version }, 'snapshot left behind its commits');
      },
      (error: unknown) => this.logger.warn({ err: error, sessionId: next.sessionId, version: next.version }, 'snapshot left behind its commits'),
    );
    const write = { partition: ownership.partition, done };
    this.snapshotWrites.set(next.sessionId, write);
    void done.finally(() => {
      if (this.snapshotWrites.get(next.sessionId) === write) this.snapshotWrites.delete(next.sessionId);
    });
    return done;
  }

  private async start(command: StartSession, ownership: Ownership): Promise<Reply<ChatCommandResult>> {
    if (sessionRoutingKey(command.sessionId) !== userRoutingKey(command.actor.id)) {
      return fail('BAD_REQUEST', 'The session id does not belong to this end user (use newSessionId)');
    }
    const start = { endUserId: command.actor.id, requestId: command.requestId };
    // The unique indexes (start request R1.1, open session R1.2) decide: insert
    // first and look up the existing session only when one of them refuses.
    const { context } = await this.contexts.load(command, undefined);
    const decision = decide(undefined, command, context);
    if (!decision.ok) {
      // A repeat of a start that once succeeded returns its session even if it would be refused now (A3).
      const found = await this.existingFor(start);
      // Details go along (issue 15: a closed queue's next opening).
      return found ? this.result(found, [], true) : fail(decision.error.code, decision.error.message, decision.error.details);
    }
    const state = applyEvents(undefined, decision.events);
    if (!state) return fail('INTERNAL', 'A start produced no session');
    if (ownership.stillHeld?.() === false) return lostLease();
    const at = this.events.beforeStart(ownership.partition, state.sessionId);
    let inserted: Awaited<ReturnType<SessionWriter['insert']>>;
    try {
      inserted = await this.sessions.insert(state, decision.events, ownership.partition, ownership.epoch, at);
    } catch (error) {
      this.events.storeUnsure(ownership.partition, state.sessionId);
      throw error;
    }
    if (inserted.kind === 'inserted') {
      this.remember(state, ownership, state.version);
      await this.events.publishStart(ownership.partition, state, decision.events);
      return this.result(state, decision.events, false);
    }
    this.events.notStored(ownership.partition, state.sessionId);
    // A repeated start request, an end user who already has an open session, or a concurrent start.
    const winner = await this.existingFor(start);
    if (winner) return this.result(winner, [], true);
    return fail('SESSION_EXISTS', `Chat session ${command.sessionId} already exists`);
  }

  private async existingFor(start: { endUserId: string; requestId: string }): Promise<SessionState | undefined> {
    const [sameRequest, open] = await Promise.all([
      this.sessions.findByStartKey(start.endUserId, start.requestId),
      this.sessions.findOpenOf(start.endUserId),
    ]);
    return existingSessionForStart([sameRequest, open].filter((s): s is SessionState => s !== undefined), start);
  }

  /**
   * Open sessions stay cached for their next command; a closed one takes
   * none that writes, so it leaves the cache and memory stays flat as
   * sessions come and go.
   */
  private remember(state: SessionState, ownership: Ownership, snapshotVersion: number): void {
    // The deadlines the session holds now are the ones armed (ADR 13).
    this.timers.track(ownership.partition, state);
    if (isTerminalStatus(state.status)) {
      this.cache.delete(state.sessionId);
      return;
    }
    this.cache.set(state.sessionId, { state, ownerEpoch: ownership.epoch, snapshotVersion, partition: ownership.partition });
  }

  /** Sessions held in the cache (diagnostics and the memory benchmark). */
  get cachedSessions(): number {
    return this.cache.size;
  }

  /** The answer to a command id applied before: its first events, or COMMAND_ID_REUSED for another actor or body (A3). */
  private firstAnswer(
    state: SessionState,
    command: SessionCommand,
    context: DecisionContext,
    earlier: StoredOutcome,
    fingerprint: string,
  ): Reply<ChatCommandResult> {
    const decision = decide(state, command, { ...context, earlier: { events: earlier.events, sameCommand: earlier.commandHash === fingerprint } });
    if (!decision.ok) return fail(decision.error.code, decision.error.message, decision.error.details);
    return this.result(state, decision.events, true);
  }

  /**
   * What a command changed: its events and the session's summary, never the
   * history, so a reply's size does not depend on the chat's length. A
   * repeated command answers its first events, and `version` is the seq
   * they reached then (the first answer); `session` is the summary now.
   */
  private result(state: SessionState, events: readonly SessionEvent[], duplicate: boolean): Reply<ChatCommandResult> {
    const last = events.at(-1);
    return ok({
      sessionId: state.sessionId,
      version: duplicate && last ? last.seq : state.version,
      events: events.map((event) => ({ ...event })),
      duplicate,
      session: { ...state, participants: [...state.participants] },
    });
  }
}

/**
 * The agent an automatic assignment gives the session to, or offers it to
 * (a pending offer counts against the agent's capacity, A6), if the command
 * is one that succeeded.
 */
/** The agent a manual accept (R3) assigns the session to. */
function manuallyAssignedAgent(events: readonly SessionEvent[]): string | undefined {
  for (const e of events) if (e.type === 'SessionAssigned' && e.via !== 'autoAssign') return e.agentId;
  return undefined;
}

function autoAssignedAgent(command: SessionCommand, events: readonly SessionEvent[]): string | undefined {
  if (command.type !== 'AutoAssign') return undefined;
  return events.some((e) => (e.type === 'SessionAssigned' || e.type === 'ChatOffered') && e.agentId === command.agentId) ? command.agentId : undefined;
}

/** A1: this process may no longer hold the partition (its lease unrenewed too long): nothing is written, the caller retries with the next owner. */
function lostLease(): Reply<ChatCommandResult> {
  return fail('UNAVAILABLE', 'The session\'s partition may have moved to another chat-actor process; retry');
}
