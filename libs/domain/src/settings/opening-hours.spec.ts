import type { OpeningHours } from '@switchboard/contracts';
import { instantOfWallClock, isOpen, nextOpening } from './opening-hours';

const weekdays9to17 = (timeZone: string, holidays: string[] = []): OpeningHours => ({
  timeZone,
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '17:00' })),
  holidays,
});

const at = (iso: string) => new Date(iso);

describe('opening hours (issue 15): a weekly schedule in a time zone, with holidays', () => {
  it('opening hours: absent hours are always open and have no next opening', () => {
    expect(isOpen(undefined, at('2026-03-01T03:00:00Z'))).toBe(true);
    expect(nextOpening(undefined, at('2026-03-01T03:00:00Z'))).toBeUndefined();
  });

  it('opening hours: open from the start of an interval up to (not including) its end, on the zone\'s clock', () => {
    // 2026-01-05 is a Monday; Berlin is UTC+1 in January.
    const hours = weekdays9to17('Europe/Berlin');
    expect(isOpen(hours, at('2026-01-05T07:59:59Z'))).toBe(false);
    expect(isOpen(hours, at('2026-01-05T08:00:00Z'))).toBe(true);
    expect(isOpen(hours, at('2026-01-05T15:59:59Z'))).toBe(true);
    expect(isOpen(hours, at('2026-01-05T16:00:00Z'))).toBe(false);
    // The same instants in New York (UTC-5) are early morning.
    expect(isOpen(weekdays9to17('America/New_York'), at('2026-01-05T08:00:00Z'))).toBe(false);
    expect(isOpen(weekdays9to17('America/New_York'), at('2026-01-05T14:00:00Z'))).toBe(true);
  });

  it('opening hours: a weekend is closed and the next opening is Monday\'s first interval', () => {
    const hours = weekdays9to17('Europe/Berlin');
    const saturday = at('2026-01-10T12:00:00Z');
    expect(isOpen(hours, saturday)).toBe(false);
    expect(nextOpening(hours, saturday)?.toISOString()).toBe('2026-01-12T08:00:00.000Z');
  });

  it('opening hours: after closing, the next opening is the next day\'s; before opening, the same day\'s', () => {
    const hours = weekdays9to17('Europe/Berlin');
    expect(nextOpening(hours, at('2026-01-05T17:30:00Z'))?.toISOString()).toBe('2026-01-06T08:00:00.000Z');
    expect(nextOpening(hours, at('2026-01-05T06:00:00Z'))?.toISOString()).toBe('2026-01-05T08:00:00.000Z');
  });

  it('opening hours: several intervals a day; the gap between them is closed', () => {
    const hours: OpeningHours = { timeZone: 'UTC', weekly: [{ day: 1, from: '08:00', to: '12:00' }, { day: 1, from: '13:00', to: '24:00' }], holidays: [] };
    expect(isOpen(hours, at('2026-01-05T12:30:00Z'))).toBe(false);
    expect(nextOpening(hours, at('2026-01-05T12:30:00Z'))?.toISOString()).toBe('2026-01-05T13:00:00.000Z');
    expect(isOpen(hours, at('2026-01-05T23:59:59Z'))).toBe(true);
    expect(isOpen(hours, at('2026-01-06T00:00:00Z'))).toBe(false);
    expect(nextOpening(hours, at('2026-01-06T00:00:00Z'))?.toISOString()).toBe('2026-01-12T08:00:00.000Z');
  });

  it('opening hours: a holiday is closed all its local day, and the next opening skips it', () => {
    // Tuesday 2026-01-06 in Berlin is a holiday; 23:30 UTC on Monday is already Tuesday there.
    const hours = weekdays9to17('Europe/Berlin', ['2026-01-06']);
    expect(isOpen(hours, at('2026-01-06T10:00:00Z'))).toBe(false);
    expect(nextOpening(hours, at('2026-01-05T23:30:00Z'))?.toISOString()).toBe('2026-01-07T08:00:00.000Z');
    expect(nextOpening(hours, at('2026-01-06T10:00:00Z'))?.toISOString()).toBe('2026-01-07T08:00:00.000Z');
  });

  it('opening hours: a schedule without intervals, or whose only day is always a holiday, has no next opening', () => {
    expect(nextOpening({ timeZone: 'UTC', weekly: [], holidays: [] }, at('2026-01-05T10:00:00Z'))).toBeUndefined();
    expect(isOpen({ timeZone: 'UTC', weekly: [], holidays: [] }, at('2026-01-05T10:00:00Z'))).toBe(false);
  });

  it('opening hours across DST: the same local hours are different UTC instants before and after the change (Berlin, spring and autumn)', () => {
    const hours = weekdays9to17('Europe/Berlin');
    // Friday 2026-03-27 (UTC+1) and Monday 2026-03-30 (UTC+2; the clocks went forward on Sunday the 29th).
    expect(nextOpening(hours, at('2026-03-26T20:00:00Z'))?.toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(nextOpening(hours, at('2026-03-27T20:00:00Z'))?.toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(isOpen(hours, at('2026-03-30T07:00:00Z'))).toBe(true);
    expect(isOpen(hours, at('2026-03-30T15:30:00Z'))).toBe(false);
    // Autumn: the clocks go back on Sunday 2026-10-25.
    expect(nextOpening(hours, at('2026-10-23T20:00:00Z'))?.toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('opening hours across DST: an opening time the clock skips opens right after the gap; one it shows twice opens at the first', () => {
    // Europe/Berlin, 2026-03-29: 02:00 -> 03:00. An interval from 02:30 opens at 03:00 local (01:00 UTC).
    const spring: OpeningHours = { timeZone: 'Europe/Berlin', weekly: [{ day: 7, from: '02:30', to: '05:00' }], holidays: [] };
    expect(nextOpening(spring, at('2026-03-28T12:00:00Z'))?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(isOpen(spring, at('2026-03-29T01:00:00Z'))).toBe(true);
    expect(isOpen(spring, at('2026-03-29T00:59:00Z'))).toBe(false);
    // Europe/Berlin, 2026-10-25: 03:00 -> 02:00. 02:30 happens at 00:30 and 01:30 UTC; the queue opens at the first.
    const autumn: OpeningHours = { timeZone: 'Europe/Berlin', weekly: [{ day: 7, from: '02:30', to: '05:00' }], holidays: [] };
    expect(nextOpening(autumn, at('2026-10-24T12:00:00Z'))?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantOfWallClock(Date.parse('2026-10-25T02:30:00Z'), 'Europe/Berlin')).toBe(Date.parse('2026-10-25T00:30:00Z'));
  });

  it('opening hours across DST in the southern hemisphere (Sydney, April and October)', () => {
    const hours = weekdays9to17('Australia/Sydney');
    // Sydney leaves DST on Sunday 2026-04-05 (UTC+11 -> UTC+10).
    expect(nextOpening(hours, at('2026-04-02T12:00:00Z'))?.toISOString()).toBe('2026-04-02T22:00:00.000Z');
    expect(nextOpening(hours, at('2026-04-03T12:00:00Z'))?.toISOString()).toBe('2026-04-05T23:00:00.000Z');
    // ...and enters it on Sunday 2026-10-04 (UTC+10 -> UTC+11).
    expect(nextOpening(hours, at('2026-10-02T12:00:00Z'))?.toISOString()).toBe('2026-10-04T22:00:00.000Z');
  });
});
