import { timeOf, type ChaosEvent, type CommandRecord, type KillKind, type KillRecord, type StoredCommit, type StoredSession } from './evidence';

/** How long after a kill a partition's first commit by a new owner may come and still count as its failover. */
const MOVE_WINDOW_MS = 30_000;
/** A router kill concerns the sessions waiting at the kill and those queued this soon after it. */
const ROUTER_QUEUED_AFTER_MS = 2_000;

export interface FailoverSample {
  readonly kind: KillKind;
  readonly target: string;
  readonly sessionId: string;
  readonly ms: number;
}

/**
 * How long each killed process's sessions took to be served again, from
 * the events' decision times and the commands the clients sent (never the
 * services' own figures). For a kill at T, a session is the killed
 * process's when:
 * - gateway: a command of it was in flight at T from a client connected through that gateway;
 * - chat-actor: a command of it was in flight at T and its partition changed owner after T
 *   (its next commit carries a newer epoch than its last one before T, within 30 s);
 * - NATS node: a command of it was in flight at T (every process talks through the cluster);
 * - router: it was waiting for automatic assignment at T or queued up to 2 s after T.
 * It is served again at its first event decided after T (for a router kill:
 * its automatic assignment); sessions whose in-flight command was decided
 * before T did not wait, and are not counted.
 */
export function failoverSamples(
  kills: readonly KillRecord[],
  ordered: readonly ChaosEvent[],
  commands: readonly CommandRecord[],
  sessions: readonly StoredSession[],
  commits: readonly StoredCommit[],
): FailoverSample[] {
  const events = new Map<string, ChaosEvent[]>();
  for (const e of ordered) events.set(e.sessionId, [...(events.get(e.sessionId) ?? []), e]);
  const eventOfCommand = new Map<string, ChaosEvent>();
  for (const e of ordered) if (!eventOfCommand.has(e.commandId)) eventOfCommand.set(e.commandId, e);
  const partitionOf = new Map(sessions.map((s) => [s._id, s.partition]));
  const commitsOf = new Map<number, StoredCommit[]>();
  for (const c of commits) commitsOf.set(c.partition, [...(commitsOf.get(c.partition) ?? []), c]);
  for (const list of commitsOf.values()) list.sort((a, b) => a.at - b.at);

  const samples: FailoverSample[] = [];
  for (const kill of kills) {
    const T = kill.at;
    if (kill.kind === 'router') {
      for (const [sessionId, list] of events) {
        const atKill = waitingAt(list, T);
        const soonAfter = waitingAt(list, T + ROUTER_QUEUED_AFTER_MS);
        const from = atKill !== undefined ? T : soonAfter !== undefined && soonAfter > T ? soonAfter : undefined;
        if (from === undefined) continue;
        const served = list.find((e) => timeOf(e) > from && ['SessionAssigned', 'SessionClosed', 'SessionAbandoned'].includes(e.type));
        if (served?.type === 'SessionAssigned') samples.push({ kind: kill.kind, target: kill.target, sessionId, ms: timeOf(served) - from });
      }
      continue;
    }
    const moved = kill.kind === 'chat-actor' ? movedPartitions(commitsOf, T) : undefined;
    const affected = new Set<string>();
    for (const c of commands) {
      if (!c.sessionId || c.sentAt > T || (c.answeredAt !== undefined && c.answeredAt <= T)) continue;
      if (kill.kind === 'gateway' && c.gateway !== kill.url) continue;
      if (moved && !moved.has(partitionOf.get(c.sessionId) ?? -1)) continue;
      const own = eventOfCommand.get(c.commandId);
      if (own && timeOf(own) <= T) continue;
      affected.add(c.sessionId);
    }
    for (const sessionId of affected) {
      const next = (events.get(sessionId) ?? []).find((e) => timeOf(e) > T);
      if (next) samples.push({ kind: kill.kind, target: kill.target, sessionId, ms: timeOf(next) - T });
    }
  }
  return samples;
}

/** Partitions whose first commit after T is by a newer epoch than their last one before T (within the window). */
function movedPartitions(commitsOf: Map<number, StoredCommit[]>, T: number): Set<number> {
  const moved = new Set<number>();
  for (const [partition, list] of commitsOf) {
    let before: StoredCommit | undefined;
    let after: StoredCommit | undefined;
    for (const c of list) {
      if (c.at <= T) before = c;
      else {
        after = c;
        break;
      }
    }
    if (before && after && after.epoch > before.epoch && after.at - T <= MOVE_WINDOW_MS) moved.add(partition);
  }
  return moved;
}

/** When the session last entered the queue, if it is QUEUED at `t` (by decision times); undefined otherwise. */
function waitingAt(list: readonly ChaosEvent[], t: number): number | undefined {
  let queuedAt: number | undefined;
  for (const e of list) {
    if (timeOf(e) > t) break;
    switch (e.type) {
      case 'SessionStarted':
      case 'SessionReleased':
      case 'TransferredToQueue':
      case 'TransferReverted':
        queuedAt = timeOf(e);
        break;
      case 'SessionAssigned':
      case 'TransferRequested':
      case 'SessionClosed':
      case 'SessionAbandoned':
        queuedAt = undefined;
        break;
      default:
        break;
    }
  }
  return queuedAt;
}

/** The p-th percentile (nearest rank) of `values`; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
