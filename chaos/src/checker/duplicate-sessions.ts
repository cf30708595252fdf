import { OPEN_STATUSES, timeOf, type ChaosEvent, type StoredSession, type Violation } from './evidence';

const ENDING = new Set(['SessionClosed', 'SessionAbandoned']);

/**
 * A start is decided, then inserted; the unique open slot admits the insert
 * once the previous chat's close is stored. So a start decided a moment
 * before that close (its insert waiting meanwhile) is no second open
 * session: overlaps up to this long are not reported.
 */
export const START_DECISION_SLACK_MS = 5000;

/**
 * R1.1, R1.2, R17: one record per start request, one open session per end
 * user. In the database: no two records with one start key, no two open
 * records of one end user. In the events: no start request that made two
 * sessions, and no end user whose sessions were open at the same time: a
 * session is open from its start to its close or abandonment, by the times
 * they were decided give or take START_DECISION_SLACK_MS, and in the event
 * order. A start is published after its insert, which the open slot admits
 * only after the previous chat's close is stored and published; so a start
 * published after that close was no second open session however long its
 * insert waited (the 12-minute chaos run flagged one decided 39 s before the
 * close it waited for, on a database slowed by the load).
 */
export function checkDuplicateSessions(sessions: readonly StoredSession[], events: readonly ChaosEvent[]): Violation[] {
  const violations: Violation[] = [];
  const duplicates = (what: string, keyOf: (s: StoredSession) => string | undefined) => {
    const groups = new Map<string, string[]>();
    for (const s of sessions) {
      const key = keyOf(s);
      if (key === undefined) continue;
      groups.set(key, [...(groups.get(key) ?? []), s._id]);
    }
    for (const [key, ids] of groups) {
      if (ids.length > 1) violations.push({ check: 'duplicate-session', message: `${ids.length} session records with ${what} ${key}: ${ids.join(', ')}` });
    }
  };
  duplicates('the start key', (s) => s.startKey);
  duplicates('the open slot of end user', (s) => (OPEN_STATUSES.has(s.status) ? s.endUserId : undefined));
  duplicates('the id', (s) => s._id);

  const starts = new Map<string, Set<string>>();
  const intervals = new Map<string, Array<{ sessionId: string; from: number; to: number; fromPosition: number; toPosition: number }>>();
  const ends = new Map<string, { at: number; position: number }>();
  events.forEach((e, position) => {
    if (ENDING.has(e.type) && !ends.has(e.sessionId)) ends.set(e.sessionId, { at: timeOf(e), position });
  });
  const started = new Set<string>();
  events.forEach((e, position) => {
    if (e.type !== 'SessionStarted' || started.has(e.sessionId)) return;
    started.add(e.sessionId);
    const key = JSON.stringify([e.endUserId, e.requestId]);
    starts.set(key, (starts.get(key) ?? new Set()).add(e.sessionId));
    const user = e.endUserId ?? '?';
    const end = ends.get(e.sessionId);
    const interval = { sessionId: e.sessionId, from: timeOf(e), to: end?.at ?? Number.POSITIVE_INFINITY, fromPosition: position, toPosition: end?.position ?? Number.POSITIVE_INFINITY };
    intervals.set(user, [...(intervals.get(user) ?? []), interval]);
  });
  for (const [key, ids] of starts) {
    if (ids.size > 1) violations.push({ check: 'duplicate-session', message: `start request ${key} made ${ids.size} sessions: ${[...ids].join(', ')}` });
  }
  for (const [user, list] of intervals) {
    list.sort((a, b) => a.from - b.from);
    for (let i = 1; i < list.length; i++) {
      const later = list[i]!;
      const open = list.slice(0, i).find((earlier) => earlier.to - START_DECISION_SLACK_MS > later.from && earlier.toPosition > later.fromPosition);
      if (open) {
        violations.push({
          check: 'duplicate-session',
          message: `end user ${user} had two open sessions: ${later.sessionId} started at ${new Date(later.from).toISOString()} while ${open.sessionId} was open (${
            Number.isFinite(open.to) ? `until ${new Date(open.to).toISOString()}` : 'never closed'
          })`,
        });
      }
    }
  }
  return violations;
}
