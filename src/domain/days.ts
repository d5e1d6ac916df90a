import { UTCDateMini } from '@date-fns/utc/date/mini';
import { addDays as addDaysFns } from 'date-fns/addDays';
import { addMonths as addMonthsFns } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { isLastDayOfMonth } from 'date-fns/isLastDayOfMonth';
import { lastDayOfMonth } from 'date-fns/lastDayOfMonth';

/** A calendar day, 'YYYY-MM-DD'. Contract dates are days in the workspace zone, not instants. */
export type Day = string;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Day arithmetic happens in UTC so that no DST shift can move a day. UTCDateMini rather than
 * TZDate(…, 'UTC'): same results, without a time-zone lookup on every call (the scheduler does
 * this for every reminder it builds); the mini class, because the full one builds three Intl
 * formatters when it loads (30 ms of every CLI start) for a toString nothing here calls.
 */
function toUtc(day: Day): Date {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new Error(`not a day: ${day}`);
  return new UTCDateMini(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function fromUtc(date: Date): Day {
  // The UTC calendar day, as format(…, 'yyyy-MM-dd') gives it for these years, without parsing a pattern on every call.
  return date.toISOString().slice(0, 10);
}

/** True for a real calendar day (rejects 2026-02-30, 2026-13-01). */
export function isValidDay(text: string): boolean {
  const match = DAY_PATTERN.exec(text);
  if (!match) return false;
  const date = toUtc(text);
  return date.getFullYear() === Number(match[1]) && date.getMonth() === Number(match[2]) - 1 && date.getDate() === Number(match[3]);
}

export function addDays(day: Day, days: number): Day {
  return fromUtc(addDaysFns(toUtc(day), days));
}

/** Adds months; a day on the last day of its month stays on the last day of the target month. */
export function addMonths(day: Day, months: number): Day {
  const date = toUtc(day);
  const moved = addMonthsFns(date, months);
  return fromUtc(isLastDayOfMonth(date) ? lastDayOfMonth(moved) : moved);
}

export function daysBetween(from: Day, to: Day): number {
  return differenceInCalendarDays(toUtc(to), toUtc(from));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return toUtc(day).getDay();
}

export function isWeekend(day: Day): boolean {
  const d = weekday(day);
  return d === 0 || d === 6;
}

/** A due day on Saturday or Sunday moves to the Friday before. */
export function shiftToFridayBefore(day: Day): Day {
  const d = weekday(day);
  return d === 6 ? addDays(day, -1) : d === 0 ? addDays(day, -2) : day;
}

/**
 * For events that report something already past (a deadline passed, a term ended), Friday would be
 * before the event itself, so those move to the Monday after instead.
 */
export function shiftToMondayAfter(day: Day): Day {
  const d = weekday(day);
  return d === 6 ? addDays(day, 2) : d === 0 ? addDays(day, 1) : day;
}

export function compareDays(a: Day, b: Day): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function formatDay(day: Day): string {
  return format(toUtc(day), 'EEE d MMM yyyy');
}
