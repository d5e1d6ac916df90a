import { TZDate } from '@date-fns/tz';
import { subMonths } from 'date-fns/subMonths';
import { addMonths } from './days.js';
import type { Period } from './uptime.js';
import { instantAt } from './zoned-time.js';

export interface NamedPeriod {
  title: string;
  current: Period;
  previous: Period;
}

/** The last N days up to now, and the N days before. */
export function lastDays(days: number, now: Date): NamedPeriod {
  const ms = days * 86_400_000;
  return {
    title: `last ${days} days`,
    current: { start: new Date(now.getTime() - ms), end: now },
    previous: { start: new Date(now.getTime() - 2 * ms), end: new Date(now.getTime() - ms) },
  };
}

/**
 * The last N calendar months up to now (`period:12m`; a year is 12 of them), and the N months before:
 * from the same wall-clock time in the workspace zone N months earlier, on the same day of the month
 * or the last day of a shorter month (31 March back one month is 28 or 29 February), so that the
 * periods follow the calendar rather than a count of days.
 */
export function lastMonths(months: number, now: Date, timezone: string): NamedPeriod {
  const local = new TZDate(now.getTime(), timezone);
  const back = (n: number) => new Date(subMonths(local, n).getTime());
  return {
    title: `last ${months} month${months === 1 ? '' : 's'}`,
    current: { start: back(months), end: now },
    previous: { start: back(2 * months), end: back(months) },
  };
}

const MONTH_TITLE = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A calendar month in the workspace zone, and the month before. */
export function calendarMonth(month: string, timezone: string): NamedPeriod {
  const first = `${month}-01`;
  const at = (day: string) => instantAt(day, '00:00', timezone);
  const title = MONTH_TITLE.format(new Date(`${first}T12:00:00Z`));
  return {
    title,
    current: { start: at(first), end: at(addMonths(first, 1)) },
    previous: { start: at(addMonths(first, -1)), end: at(first) },
  };
}
