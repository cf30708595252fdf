import { freshnessNote } from './freshness';

describe('freshnessNote (issue 12: lists and the dashboard say how fresh they are)', () => {
  const at = { asOf: '2026-11-29T21:00:00.000Z', eventSeq: 120 };
  it('issue 12: says when every chat event is counted, and how many are not yet otherwise', () => {
    expect(freshnessNote({ ...at, eventsBehind: 0, recordsBehind: 0 })).toBe('every chat event counted');
    expect(freshnessNote({ ...at, eventsBehind: 1, recordsBehind: 0 })).toBe('1 chat change not counted yet');
    expect(freshnessNote({ ...at, eventsBehind: 0, recordsBehind: 1 })).toBe('1 chat change not counted yet');
    expect(freshnessNote({ ...at, eventsBehind: 30, recordsBehind: 7 })).toBe('37 chat changes not counted yet');
  });
});
