import { RecordFreshnessTracker } from './record-freshness';

describe('RecordFreshnessTracker (issue 12: lists and the dashboard say how fresh they are)', () => {
  const at = (iso: string) => () => new Date(iso);

  it('issue 12: starts at no event; follows the newest stream sequence, its time and what is still pending; ignores older ones', () => {
    const tracker = new RecordFreshnessTracker();
    expect(tracker.now(at('2026-11-29T21:00:00.000Z'))).toEqual({ asOf: '2026-11-29T21:00:00.000Z', eventSeq: 0, eventsBehind: 0, recordsBehind: 0 });
    tracker.note(41, 3, '2026-11-29T20:59:59.000Z');
    tracker.note(42, 2, '2026-11-29T21:00:00.500Z');
    tracker.note(40, 9, '2026-11-29T20:59:58.000Z');
    expect(tracker.now(at('2026-11-29T21:00:01.000Z'))).toEqual({ asOf: '2026-11-29T21:00:01.000Z', eventSeq: 42, lastEventAt: '2026-11-29T21:00:00.500Z', eventsBehind: 2, recordsBehind: 0 });
    tracker.note(44, 0, undefined);
    expect(tracker.now(at('2026-11-29T21:00:02.000Z'))).toMatchObject({ eventSeq: 44, lastEventAt: '2026-11-29T21:00:00.500Z', eventsBehind: 0 });
  });

  it('issue 12: counts the rows whose record has not followed a later event that changed status, queue or owner', () => {
    const tracker = new RecordFreshnessTracker();
    const queued = { sessionId: 's1', version: 1, status: 'QUEUED', queue: 'General' };
    tracker.note(1, 0, undefined, queued);
    tracker.note(2, 0, undefined, { sessionId: 's1', version: 2, status: 'ASSIGNED', queue: 'General', ownerAgentId: 'alice' });
    tracker.note(3, 0, undefined, { sessionId: 's2', version: 3, status: 'QUEUED', queue: 'General' });
    // s1's record still says QUEUED at version 1: behind. s2's record at version 1 with the same status (messages only): not behind.
    expect(tracker.behind([queued, { sessionId: 's2', version: 1, status: 'QUEUED', queue: 'General' }, { sessionId: 'unknown', version: 1, status: 'QUEUED', queue: 'General' }])).toBe(1);
    expect(tracker.behind([{ sessionId: 's1', version: 2, status: 'ASSIGNED', queue: 'General', ownerAgentId: 'alice' }])).toBe(0);
    // An older event after a newer one changes nothing.
    tracker.note(4, 0, undefined, queued);
    expect(tracker.behind([{ sessionId: 's1', version: 2, status: 'ASSIGNED', queue: 'General', ownerAgentId: 'alice' }])).toBe(0);
  });
});
