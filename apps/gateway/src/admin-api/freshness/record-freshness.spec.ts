import { RecordFreshnessTracker } from './record-freshness';

describe('RecordFreshnessTracker (issue 12: lists and the dashboard say how fresh they are)', () => {
  const at = (iso: string) => () => new Date(iso);

  it('issue 12: starts at no event; follows the newest stream sequence, its time and what is still pending; ignores older ones', () => {
    const tracker = new RecordFreshnessTracker();
    expect(tracker.now(at('2026-11-29T21:00:00.000Z'))).toEqual({ asOf: '2026-11-29T21:00:00.000Z', eventSeq: 0, eventsBehind: 0 });
    tracker.note(41, 3, '2026-11-29T20:59:59.000Z');
    tracker.note(42, 2, '2026-11-29T21:00:00.500Z');
    tracker.note(40, 9, '2026-11-29T20:59:58.000Z');
    expect(tracker.now(at('2026-11-29T21:00:01.000Z'))).toEqual({ asOf: '2026-11-29T21:00:01.000Z', eventSeq: 42, lastEventAt: '2026-11-29T21:00:00.500Z', eventsBehind: 2 });
    tracker.note(44, 0, undefined);
    expect(tracker.now(at('2026-11-29T21:00:02.000Z'))).toMatchObject({ eventSeq: 44, lastEventAt: '2026-11-29T21:00:00.500Z', eventsBehind: 0 });
  });
});
