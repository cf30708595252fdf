import type { OpeningHours } from '@switchboard/contracts';

/**
 * Opening hours of a queue (issue 15, ADR 23): pure evaluation of a weekly
 * schedule of wall-clock intervals in an IANA time zone, with holidays. The
 * zone math is the runtime's own (Intl, with the IANA database it ships), so
 * DST changes are the zone's, not ours:
 *
 * - a time is open when its local date is no holiday and its local time lies
 *   in one of that weekday's intervals (`from` included, `to` excluded);
 * - an opening time the clock skips that day (spring forward) opens at the
 *   first instant after the gap; one the clock shows twice (fall back) opens
 *   at the first of the two.
 *
 * The schedule's shape and bounds are the contract's (`openingHoursSchema`):
 * at most 4 intervals per weekday, at most 64 holidays.
 */
export type { OpeningHours };

/** How far ahead `nextOpening` looks for an opening (days): past a year of holidays and a week. */
export const OPENING_SEARCH_DAYS = 366 + 7;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface LocalTime {
  /** The local date `YYYY-MM-DD`. */
  readonly date: string;
  /** 1 (Monday) to 7 (Sunday). */
  readonly weekday: number;
  /** Minutes since local midnight. */
  readonly minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    // Bounded by the zones the runtime knows (a few hundred).
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock of `zone` at instant `t`, as if it were UTC (ms). */
function wallClock(t: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(t))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!) + (t % 1000 + 1000) % 1000;
}

function local(t: number, zone: string): LocalTime {
  const wall = new Date(wallClock(t, zone));
  const day = wall.getUTCDay();
  return {
    date: wall.toISOString().slice(0, 10),
    weekday: day === 0 ? 7 : day,
    minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes() + wall.getUTCSeconds() / 60,
  };
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** Offset of `zone` from UTC at instant `t`, in ms. */
function offset(t: number, zone: string): number {
  return wallClock(t, zone) - t;
}

/**
 * The first instant whose wall clock in `zone` reads `wall` (a wall-clock
 * time written as UTC ms) or, when the clock skips it, the first instant
 * after the gap.
 */
export function instantOfWallClock(wall: number, zone: string): number {
  const before = wall - offset(wall - DAY / 2, zone);
  const after = wall - offset(wall + DAY / 2, zone);
  const exact = [before, after].filter((t) => wallClock(t, zone) === wall);
  if (exact.length > 0) return Math.min(...exact);
  // A gap: the change lies between the two readings; the first instant showing a time past `wall`.
  let lo = Math.min(before, after);
  let hi = Math.max(before, after);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (wallClock(mid, zone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Whether the schedule is open at instant `at` (absent hours: always open). */
export function isOpen(hours: OpeningHours | undefined, at: Date): boolean {
  if (hours === undefined) return true;
  const now = local(at.getTime(), hours.timeZone);
  if (hours.holidays.includes(now.date)) return false;
  return hours.weekly.some((i) => i.day === now.weekday && minutesOf(i.from) <= now.minutes && now.minutes < minutesOf(i.to));
}

/**
 * The next instant after `at` at which the schedule opens, or undefined when
 * it opens at no time within OPENING_SEARCH_DAYS (no intervals at all, or
 * every open day a holiday). Meant for a closed schedule: for an open one it
 * is the start of the next interval, which may be while still open.
 */
export function nextOpening(hours: OpeningHours | undefined, at: Date): Date | undefined {
  if (hours === undefined || hours.weekly.length === 0) return undefined;
  const zone = hours.timeZone;
  const t = at.getTime();
  const today = Date.parse(`${local(t, zone).date}T00:00:00.000Z`);
  const starts = [...hours.weekly].sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
  for (let d = 0; d < OPENING_SEARCH_DAYS; d++) {
    const midnight = today + d * DAY;
    const date = new Date(midnight).toISOString().slice(0, 10);
    if (hours.holidays.includes(date)) continue;
    const weekday = new Date(midnight).getUTCDay() || 7;
    for (const interval of starts) {
      if (interval.day !== weekday) continue;
      const opens = instantOfWallClock(midnight + minutesOf(interval.from) * MINUTE, zone);
      if (opens > t) return new Date(opens);
    }
  }
  return undefined;
}
