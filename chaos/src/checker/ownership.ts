import { bySession } from './event-order';
import type { ChaosEvent, StoredCommit, StoredSession, Violation } from './evidence';

interface Holder {
  status: 'QUEUED' | 'ASSIGNED' | 'PENDING_TRANSFER' | 'CLOSED' | 'ABANDONED';
  owner?: string;
  target?: string;
}

/**
 * R3.4, R17, A1: a session never has two owners at once. Each session's
 * events are replayed in seq order: an assignment while another agent owns
 * the session, an accepted transfer by someone else than its target, a
 * transfer, release or abandonment by someone else than the owner, or any
 * change after the session ended is a violation.
 */
export function checkTwoOwners(events: readonly ChaosEvent[]): Violation[] {
  const violations: Violation[] = [];
  const bad = (e: ChaosEvent, what: string) =>
    violations.push({ check: 'two-owners', message: `session ${e.sessionId} seq ${e.seq} (${e.type}, command ${e.commandId}): ${what}` });
  for (const [, list] of bySession(events)) {
    let s: Holder | undefined;
    for (const e of list) {
      if (e.type === 'SessionStarted') {
        s = { status: 'QUEUED' };
        continue;
      }
      if (!s) {
        bad(e, 'an event before the session started');
        s = { status: 'QUEUED' };
      }
      if (s.status === 'CLOSED' || s.status === 'ABANDONED') {
        bad(e, `a change after the session was ${s.status}`);
        continue;
      }
      switch (e.type) {
        case 'SessionAssigned':
          if (s.status === 'ASSIGNED') bad(e, `assigned to ${e.agentId} while ${s.owner} owned it`);
          else if (s.status === 'PENDING_TRANSFER' && e.agentId !== s.target) bad(e, `accepted by ${e.agentId}; the transfer was to ${s.target}`);
          s = { status: 'ASSIGNED', owner: e.agentId };
          break;
        case 'TransferRequested':
          if (s.status !== 'ASSIGNED' || s.owner !== e.fromAgentId) bad(e, `transferred by ${e.fromAgentId} while ${s.status} to ${s.owner ?? 'nobody'}`);
          s = { status: 'PENDING_TRANSFER', target: e.toAgentId };
          break;
        case 'TransferredToQueue':
          if (s.status !== 'ASSIGNED' || s.owner !== e.fromAgentId) bad(e, `moved to a queue by ${e.fromAgentId} while ${s.status} to ${s.owner ?? 'nobody'}`);
          s = { status: 'QUEUED' };
          break;
        case 'SessionReleased':
        case 'SessionAbandoned':
          if (s.status !== 'ASSIGNED' || s.owner !== e.agentId) bad(e, `${e.type === 'SessionReleased' ? 'released' : 'abandoned'} by ${e.agentId} while ${s.status} to ${s.owner ?? 'nobody'}`);
          s = e.type === 'SessionReleased' ? { status: 'QUEUED' } : { status: 'ABANDONED' };
          break;
        case 'TransferReverted':
          if (s.status !== 'PENDING_TRANSFER') bad(e, `a transfer reverted while ${s.status}`);
          s = { status: 'QUEUED' };
          break;
        case 'SessionClosed':
          if (e.previousStatus === 'ASSIGNED' && e.agentId !== undefined && (s.status !== 'ASSIGNED' || s.owner !== e.agentId)) {
            bad(e, `ended by ${e.agentId} while ${s.status} to ${s.owner ?? 'nobody'}`);
          }
          s = { status: 'CLOSED' };
          break;
        default:
          break;
      }
    }
  }
  return violations;
}

/**
 * ADR 2's fencing: every commit records its writer's owner epoch (drawn from
 * the database at each acquisition), and a newer owner's epoch is larger. Along a session's versions the epochs may
 * only grow: a smaller epoch after a larger one is a write by a process that
 * had lost the partition while its successor was writing (two owners).
 */
export function checkFencing(commits: readonly StoredCommit[]): Violation[] {
  const violations: Violation[] = [];
  const sessions = new Map<string, StoredCommit[]>();
  for (const c of commits) sessions.set(c.sessionId, [...(sessions.get(c.sessionId) ?? []), c]);
  for (const [sessionId, list] of sessions) {
    list.sort((a, b) => a.baseVersion - b.baseVersion);
    let newest: StoredCommit | undefined;
    for (const c of list) {
      if (newest && c.epoch < newest.epoch) {
        violations.push({
          check: 'fencing',
          message: `session ${sessionId}: commit ${c._id} by epoch ${c.epoch} at ${new Date(c.at).toISOString()}, ${c.at - newest.at} ms after commit ${newest._id} by epoch ${newest.epoch} (partition ${c.partition})`,
        });
      }
      if (!newest || c.epoch > newest.epoch) newest = c;
    }
  }
  return violations;
}

/** The status and owner a session's events (in seq order) leave it in. */
export function replayedStatus(events: readonly ChaosEvent[]): { status: string; owner?: string } {
  let status = 'QUEUED';
  let owner: string | undefined;
  for (const e of events) {
    switch (e.type) {
      case 'SessionAssigned':
        [status, owner] = ['ASSIGNED', e.agentId];
        break;
      case 'TransferRequested':
        [status, owner] = ['PENDING_TRANSFER', undefined];
        break;
      case 'TransferredToQueue':
      case 'SessionReleased':
      case 'TransferReverted':
        [status, owner] = ['QUEUED', undefined];
        break;
      case 'SessionClosed':
        [status, owner] = ['CLOSED', undefined];
        break;
      case 'SessionAbandoned':
        [status, owner] = ['ABANDONED', undefined];
        break;
      default:
        break;
    }
  }
  return { status, owner };
}

/**
 * R17: the Master Chat Record never says another state than its history. A
 * record whose snapshot is as new as its last event must hold the status
 * and owner that the events leave (an older snapshot is rolled forward by
 * readers and is not compared).
 */
export function checkSnapshots(sessions: readonly StoredSession[], events: readonly ChaosEvent[]): Violation[] {
  const violations: Violation[] = [];
  const histories = bySession(events);
  for (const record of sessions) {
    const history = histories.get(record._id) ?? [];
    if (history.length === 0 || record.version !== history.length) continue;
    const { status, owner } = replayedStatus(history);
    if (record.status !== status || (record.ownerAgentId ?? undefined) !== owner) {
      violations.push({
        check: 'two-owners',
        message: `session ${record._id}: the record says ${record.status} to ${record.ownerAgentId ?? 'nobody'} at version ${record.version}, its events ${status} to ${owner ?? 'nobody'}`,
      });
    }
  }
  return violations;
}
