import { z } from 'zod';

/**
 * Opening hours of a support queue (issue 15, ADR 23): a weekly schedule of
 * wall-clock intervals in one IANA time zone, and holidays (whole local days
 * closed). A queue without opening hours is always open.
 *
 * - `weekly`: intervals `{ day, from, to }`, `day` 1 (Monday) to 7 (Sunday)
 *   as ISO 8601 numbers them, `from`/`to` `HH:MM` on that day's clock, `to`
 *   after `from` (`24:00` closes at midnight). An interval never crosses
 *   midnight: a night shift is two intervals (22:00-24:00 and 00:00-06:00 of
 *   the next day). Intervals of one day do not overlap.
 * - `holidays`: local dates `YYYY-MM-DD` on which the queue stays closed.
 *
 * Bounded: at most MAX_OPENING_INTERVALS_PER_DAY intervals per weekday and
 * MAX_HOLIDAYS holidays, so the schedule (kept with the queue's policy in
 * every process's reference cache) and its evaluation stay small.
 */
export const MAX_OPENING_INTERVALS_PER_DAY = 4;
export const MAX_HOLIDAYS = 64;

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

/** Minutes since local midnight of `HH:MM` (`24:00` is 1440). */
export function minutesOfDay(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** Whether `zone` is an IANA time zone this runtime knows (the zone math needs it). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y!, m! - 1, d!));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m! - 1 && t.getUTCDate() === d;
}

export const openingIntervalSchema = z
  .object({
    day: z.number({ error: 'day must be 1 (Monday) to 7 (Sunday)' }).int().min(1, 'day must be 1 (Monday) to 7 (Sunday)').max(7, 'day must be 1 (Monday) to 7 (Sunday)'),
    from: z.string().regex(TIME, 'from must be a time HH:MM'),
    to: z.string().regex(TIME, 'to must be a time HH:MM (24:00 for midnight)'),
  })
  .strict()
  .refine((i) => i.to === '24:00' ? i.from !== '24:00' : minutesOfDay(i.from) < minutesOfDay(i.to), { message: 'An opening interval must end after it starts (split a night into two days)', path: ['to'] });
export type OpeningInterval = z.infer<typeof openingIntervalSchema>;

export const openingHoursSchema = z
  .object({
    timeZone: z.string().max(64).refine(isKnownTimeZone, 'Unknown time zone: use an IANA name such as Europe/Berlin'),
    weekly: z.array(openingIntervalSchema).max(7 * MAX_OPENING_INTERVALS_PER_DAY, `At most ${MAX_OPENING_INTERVALS_PER_DAY} intervals per day`),
    holidays: z
      .array(z.string().regex(DATE, 'A holiday is a date YYYY-MM-DD').refine(isRealDate, 'A holiday must be a real date'))
      .max(MAX_HOLIDAYS, `At most ${MAX_HOLIDAYS} holidays`)
      .default([]),
  })
  .strict()
  .superRefine((hours, ctx) => {
    for (let day = 1; day <= 7; day++) {
      const of = hours.weekly.filter((i) => i.day === day).sort((a, b) => minutesOfDay(a.from) - minutesOfDay(b.from));
      if (of.length > MAX_OPENING_INTERVALS_PER_DAY) {
        ctx.addIssue({ code: 'custom', message: `At most ${MAX_OPENING_INTERVALS_PER_DAY} intervals per day`, path: ['weekly'] });
        return;
      }
      for (let k = 1; k < of.length; k++) {
        if (minutesOfDay(of[k]!.from) < minutesOfDay(of[k - 1]!.to)) {
          ctx.addIssue({ code: 'custom', message: `Opening intervals of day ${day} overlap`, path: ['weekly'] });
          return;
        }
      }
    }
    if (new Set(hours.holidays).size !== hours.holidays.length) {
      ctx.addIssue({ code: 'custom', message: 'A holiday is listed twice', path: ['holidays'] });
    }
  });
export type OpeningHours = z.infer<typeof openingHoursSchema>;
