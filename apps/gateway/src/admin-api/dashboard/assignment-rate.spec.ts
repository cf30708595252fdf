import { AssignmentRate } from './assignment-rate';

describe('AssignmentRate (dashboard: assignments per minute)', () => {
  const now = Date.parse('2026-03-01T10:05:30Z');

  it('counts each event once into its minute, current minute last', () => {
    const rate = new AssignmentRate(3);
    rate.add('s1:2', Date.parse('2026-03-01T10:05:10Z'));
    rate.add('s1:2', Date.parse('2026-03-01T10:05:10Z'));
    rate.add('s2:2', Date.parse('2026-03-01T10:04:59Z'));
    rate.add('s3:2', Date.parse('2026-03-01T10:03:00Z'));
    expect(rate.perMinute(now)).toEqual([
      { minute: '2026-03-01T10:03:00.000Z', count: 1 },
      { minute: '2026-03-01T10:04:00.000Z', count: 1 },
      { minute: '2026-03-01T10:05:00.000Z', count: 1 },
    ]);
  });

  it('drops events older than the window', () => {
    const rate = new AssignmentRate(2);
    rate.add('old', Date.parse('2026-03-01T10:03:59Z'));
    expect(rate.perMinute(now).map((m) => m.count)).toEqual([0, 0]);
  });
});
