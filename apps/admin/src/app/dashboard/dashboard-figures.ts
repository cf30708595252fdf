import type { DashboardSnapshot, SessionStatusValue } from '@switchboard/contracts';

/** `42 s`, `3 min 05 s`, `1 h 02 min`: how long the oldest chat has waited. */
export function formatWait(sinceIso: string | undefined, now: number): string {
  if (!sinceIso) return 'No one waiting';
  const seconds = Math.max(0, Math.floor((now - Date.parse(sinceIso)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Width of a bar in percent of the largest value (a visible sliver for any non-zero value). */
export function barPercent(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(2, Math.round((value / max) * 100));
}

export const STATUS_LABELS: Record<SessionStatusValue, string> = {
  QUEUED: 'Waiting',
  ASSIGNED: 'Assigned',
  PENDING_TRANSFER: 'Pending transfer',
  CLOSED: 'Closed',
  ABANDONED: 'Abandoned',
};

export interface DashboardFigures {
  waiting: number;
  online: number;
  agents: number;
  lastMinute: number;
  lastQuarterHour: number;
  assigned: number;
  capacityUsed: number | null;
}

/** Offers (issue 14): pending now, and the declines and lapses of the last 15 minutes in words; undefined from a gateway without offers. */
export function offerFigures(snapshot: DashboardSnapshot): { pending: number; sub: string } | undefined {
  const offers = snapshot.offers;
  if (!offers) return undefined;
  return { pending: offers.pending, sub: `offered now · ${offers.declined} declined, ${offers.lapsed} lapsed in the last 15 minutes` };
}

/** Satisfaction (issue 17): the average rating out of 5 and how many chats were rated; undefined from a gateway without ratings. */
export function satisfactionFigures(snapshot: DashboardSnapshot): { average: string; sub: string } | undefined {
  const s = snapshot.satisfaction;
  if (!s) return undefined;
  return {
    average: s.average === undefined ? '–' : s.average.toFixed(1),
    sub: s.count === 0 ? 'no chat rated yet' : `out of 5 · ${s.count} ${s.count === 1 ? 'chat' : 'chats'} rated`,
  };
}

/** The headline numbers of a snapshot. */
export function figures(snapshot: DashboardSnapshot): DashboardFigures {
  const online = snapshot.agents.filter((a) => a.presence === 'online');
  const capped = online.filter((a) => a.cap > 0);
  const capacity = capped.reduce((n, a) => n + a.cap, 0);
  return {
    waiting: snapshot.sessionsByStatus.QUEUED,
    online: online.length,
    agents: snapshot.agents.length,
    lastMinute: snapshot.assignmentsPerMinute.at(-1)?.count ?? 0,
    lastQuarterHour: snapshot.assignmentsPerMinute.reduce((n, m) => n + m.count, 0),
    // Every chat an agent holds, whatever the agent's presence (an away agent still has its chats).
    assigned: snapshot.sessionsByStatus.ASSIGNED + snapshot.sessionsByStatus.PENDING_TRANSFER,
    capacityUsed: capacity > 0 ? Math.round((capped.reduce((n, a) => n + a.load, 0) / capacity) * 100) : null,
  };
}
