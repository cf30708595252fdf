import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DeadlineKind } from '@switchboard/contracts';
import type { SessionState } from '@switchboard/domain';
import { CLOCK, type Clock } from './clock';

/** What a firing came to, as the timers need to know it. */
export type FiringOutcome = 'done' | 'notDue' | 'retry';

/** Fires one deadline through the session's mailbox (the command host); never rejects. */
export type FireDeadline = (partition: number, sessionId: string, kind: DeadlineKind, armedAtSeq: number) => Promise<FiringOutcome>;

interface Armed {
  partition: number;
  sessionId: string;
  kind: DeadlineKind;
  armedAtSeq: number;
  dueAt: number;
  timer: unknown;
}

/** The longest a Node timer can wait; a later deadline is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** After a firing that could not be decided (the database or NATS did not answer): try again this much later. */
export const DEADLINE_RETRY_MS = 1000;
/** After a firing refused as not due yet (timers may fire a little early against the clock). */
const NOT_DUE_SLACK_MS = 5;

/**
 * The in-memory side of durable deadlines (ADR 13). The deadlines
 * themselves are part of each session's stored state; this keeps one timer
 * per deadline of the open sessions in the partitions this process owns,
 * fires each as a `DeadlineReached` command when it comes, and forgets a
 * partition's when the partition goes. Whoever owns a partition next arms
 * them again from the stored sessions, so a deadline survives the process.
 *
 * Memory: one entry per deadline held by an open session of an owned
 * partition (at most one per kind per session).
 */
@Injectable()
export class DeadlineTimers {
  private readonly logger = new Logger(DeadlineTimers.name);
  /** By session, then kind. */
  private readonly armed = new Map<string, Map<DeadlineKind, Armed>>();
  private fire?: FireDeadline;
  readonly counters = { fired: 0, retried: 0 };

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** The command host, which runs firings through the sessions' mailboxes. */
  onFire(fire: FireDeadline): void {
    this.fire = fire;
  }

  /** The session as last committed: its deadlines armed, anything it no longer holds disarmed. */
  track(partition: number, state: Pick<SessionState, 'sessionId' | 'deadlines'>): void {
    const current = this.armed.get(state.sessionId);
    if (!current && !state.deadlines?.length) return;
    const held = new Map((state.deadlines ?? []).map((d) => [d.kind, d]));
    for (const [kind, entry] of current ?? []) {
      const still = held.get(kind);
      if (still && still.armedAtSeq === entry.armedAtSeq) held.delete(kind);
      else this.disarm(entry);
    }
    for (const d of held.values()) this.arm({ partition, sessionId: state.sessionId, kind: d.kind, armedAtSeq: d.armedAtSeq, dueAt: Date.parse(d.dueAt), timer: undefined });
  }

  /** Every timer of a partition this process no longer owns. */
  forgetPartition(partition: number): void {
    for (const kinds of [...this.armed.values()]) for (const entry of [...kinds.values()]) if (entry.partition === partition) this.disarm(entry);
  }

  /** Deadlines armed (diagnostics, tests). */
  get size(): number {
    let n = 0;
    for (const kinds of this.armed.values()) n += kinds.size;
    return n;
  }

  private arm(entry: Armed): void {
    let kinds = this.armed.get(entry.sessionId);
    if (!kinds) this.armed.set(entry.sessionId, (kinds = new Map()));
    const previous = kinds.get(entry.kind);
    if (previous) this.disarm(previous);
    kinds.set(entry.kind, entry);
    this.armed.set(entry.sessionId, kinds);
    this.schedule(entry, entry.dueAt - this.clock.now());
  }

  private isArmed(entry: Armed): boolean {
    return this.armed.get(entry.sessionId)?.get(entry.kind) === entry;
  }

  private schedule(entry: Armed, delayMs: number): void {
    const wait = Math.max(0, Math.min(delayMs, MAX_TIMER_MS));
    entry.timer = this.clock.setTimer(() => {
      if (!this.isArmed(entry)) return;
      if (entry.dueAt > this.clock.now()) {
        this.schedule(entry, entry.dueAt - this.clock.now());
        return;
      }
      void this.run(entry);
    }, wait);
  }

  private async run(entry: Armed): Promise<void> {
    if (!this.fire) return;
    let outcome: FiringOutcome = 'retry';
    try {
      outcome = await this.fire(entry.partition, entry.sessionId, entry.kind, entry.armedAtSeq);
    } catch (error) {
      this.logger.warn({ err: error, sessionId: entry.sessionId, kind: entry.kind }, 'deadline firing failed; trying again');
    }
    // Re-armed or forgotten meanwhile (a commit, a partition handed over): that state decides now.
    if (!this.isArmed(entry)) {
      if (outcome === 'done') this.counters.fired++;
      return;
    }
    if (outcome === 'done') {
      this.counters.fired++;
      this.disarm(entry);
      return;
    }
    this.counters.retried++;
    this.schedule(entry, outcome === 'notDue' ? entry.dueAt - this.clock.now() + NOT_DUE_SLACK_MS : DEADLINE_RETRY_MS);
  }

  private disarm(entry: Armed): void {
    const kinds = this.armed.get(entry.sessionId);
    if (kinds?.get(entry.kind) !== entry) return;
    this.clock.clearTimer(entry.timer);
    kinds.delete(entry.kind);
    if (kinds.size === 0) this.armed.delete(entry.sessionId);
  }
}

/** The command id of a deadline's firing: the same from every process, so it takes effect once (A3). */
export function deadlineCommandId(sessionId: string, kind: DeadlineKind, armedAtSeq: number): string {
  return `timer:${sessionId}:${kind}:${armedAtSeq}`;
}
