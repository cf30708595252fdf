import { TimeAgoPipe } from './time-ago.pipe';

describe('TimeAgoPipe', () => {
  it('reads the age of a chat', () => {
    const now = Date.parse('2026-11-24T12:00:00.000Z');
    const pipe = new TimeAgoPipe();
    expect(pipe.transform('2026-11-24T11:59:40.000Z', now)).toBe('just now');
    expect(pipe.transform('2026-11-24T11:55:00.000Z', now)).toBe('5 min ago');
    expect(pipe.transform('2026-11-24T09:00:00.000Z', now)).toBe('3 h ago');
    expect(pipe.transform(undefined, now)).toBe('');
  });
});
