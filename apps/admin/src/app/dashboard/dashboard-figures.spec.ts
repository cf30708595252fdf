import type { DashboardSnapshot } from '@switchboard/contracts';
import { barPercent, figures, formatWait, offerFigures, satisfactionFigures } from './dashboard-figures';

describe('dashboard figures', () => {
  const now = Date.parse('2026-03-01T10:00:00Z');

  it('formats the longest wait in seconds, minutes or hours', () => {
    expect(formatWait(undefined, now)).toBe('No one waiting');
    expect(formatWait('2026-03-01T09:59:18Z', now)).toBe('42 s');
    expect(formatWait('2026-03-01T09:56:55Z', now)).toBe('3 min 05 s');
    expect(formatWait('2026-03-01T08:58:00Z', now)).toBe('1 h 02 min');
    expect(formatWait('2026-03-01T10:00:05Z', now)).toBe('0 s');
  });

  it('sizes bars relative to the largest, with a sliver for small non-zero values', () => {
    expect(barPercent(0, 10)).toBe(0);
    expect(barPercent(5, 10)).toBe(50);
    expect(barPercent(1, 1000)).toBe(2);
    expect(barPercent(3, 0)).toBe(0);
  });

  it('sums the headline numbers of a snapshot', () => {
    const snapshot: DashboardSnapshot = {
      generatedAt: '2026-03-01T10:00:00Z',
      freshness: { asOf: '2026-03-01T10:00:00Z', eventSeq: 12, eventsBehind: 0, recordsBehind: 0 },
      queues: [],
      agents: [
        { id: 'a', displayName: 'A', presence: 'online', load: 2, cap: 4 },
        { id: 'b', displayName: 'B', presence: 'online', load: 1, cap: 0 },
        { id: 'c', displayName: 'C', presence: 'offline', load: 0, cap: 2 },
        { id: 'd', displayName: 'D', presence: 'away', load: 2, cap: 2 },
      ],
      sessionsByStatus: { QUEUED: 3, ASSIGNED: 4, PENDING_TRANSFER: 1, CLOSED: 9, ABANDONED: 1 },
      assignmentsPerMinute: [
        { minute: '2026-03-01T09:58:00Z', count: 4 },
        { minute: '2026-03-01T09:59:00Z', count: 2 },
      ],
    };
    // In progress counts the away agent's chats and the pending transfer; capacity only online capped agents.
    expect(figures(snapshot)).toEqual({ waiting: 3, online: 2, agents: 4, lastMinute: 2, lastQuarterHour: 6, assigned: 5, capacityUsed: 50 });
  });
  it('offers (issue 14): pending now, with the declines and lapses of the window in words; nothing from a gateway without offers', () => {
    const base = { generatedAt: '', agents: [], queues: [], assignmentsPerMinute: [] } as unknown as DashboardSnapshot;
    expect(offerFigures(base)).toBeUndefined();
    expect(offerFigures({ ...base, offers: { pending: 2, declined: 3, lapsed: 1 } })).toEqual({ pending: 2, sub: 'offered now · 3 declined, 1 lapsed in the last 15 minutes' });
  });

  it('satisfaction (issue 17): the average out of 5 and how many chats were rated; a dash while none is; nothing from a gateway without ratings', () => {
    const base = { generatedAt: '', agents: [], queues: [], assignmentsPerMinute: [] } as unknown as DashboardSnapshot;
    expect(satisfactionFigures(base)).toBeUndefined();
    expect(satisfactionFigures({ ...base, satisfaction: { count: 0 } })).toEqual({ average: '–', sub: 'no chat rated yet' });
    expect(satisfactionFigures({ ...base, satisfaction: { count: 1, average: 4 } })).toEqual({ average: '4.0', sub: 'out of 5 · 1 chat rated' });
    expect(satisfactionFigures({ ...base, satisfaction: { count: 12, average: 4.33 } })).toEqual({ average: '4.3', sub: 'out of 5 · 12 chats rated' });
  });
});
