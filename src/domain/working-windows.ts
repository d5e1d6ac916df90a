import { tzOffset } from '@date-fns/tz';
import type { Day } from './days.js';
import { dayIn, instantAt } from './zoned-time.js';

/** Business hours (SPEC §1): Monday to Friday, 09:00–17:00 on the wall clock of `timezone`. */
export interface BusinessCalendar {
  timezone: string;
  /** Whole days off, 'YYYY-MM-DD' in `timezone`. */
  holidays: readonly Day[];
}

export const OPENING_TIME = '09:00';
export const CLOSING_TIME = '17:00';

/** One stretch of working time, [start, end) in epoch milliseconds. */
export interface WorkingWindow {
  readonly start: number;
  readonly end: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const WORKING_DAY_MS = 8 * HOUR_MS;

// Days are stepped through as integers (days since 1970-01-01) rather than with date-fns: this runs
// once per day of every span, and the integer form makes "the Monday of this week" plain arithmetic.
function toDay(epochDay: number): Day {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/** 1970-01-01 was a Thursday, three days after a Monday. */
function mondayOf(epochDay: number): number {
  return epochDay - (((epochDay + 3) % 7) + 7) % 7;
}

/** A weekday's working window, before holidays are taken out. */
interface Weekday extends WorkingWindow {
  day: Day;
}

/** The weekdays of the week starting on `monday` (an epoch day) with their windows, in time order. */
function weekdaysOf(monday: number, zone: string): Weekday[] {
  const mondayOpening = instantAt(toDay(monday), OPENING_TIME, zone).getTime();
  // With the same UTC offset at Monday's opening and Friday's closing, every window of the week lies
  // a whole number of days after Monday's, and two offset look-ups serve the whole week. This relies
  // on no zone changing its offset twice within those 4 days 8 hours: in Node's zone data for
  // 1970–2045 the closest pair of changes is a week apart (America/Boa_Vista, October 2000).
  const steadyOffset =
    tzOffset(zone, new Date(mondayOpening)) === tzOffset(zone, new Date(mondayOpening + 4 * DAY_MS + WORKING_DAY_MS));
  const weekdays: Weekday[] = [];
  for (let weekdayIndex = 0; weekdayIndex < 5; weekdayIndex++) {
    const day = toDay(monday + weekdayIndex);
    if (steadyOffset) {
      const start = mondayOpening + weekdayIndex * DAY_MS;
      weekdays.push({ day, start, end: start + WORKING_DAY_MS });
      continue;
    }
    // The week of a clock change: each day on its own, so a window is 09:00–17:00 local however long that is.
    const start = instantAt(day, OPENING_TIME, zone).getTime();
    if (dayIn(new Date(start), zone) !== day) continue; // a day the zone skipped (Pacific/Apia, 2011-12-30)
    weekdays.push({ day, start, end: instantAt(day, CLOSING_TIME, zone).getTime() });
  }
  return weekdays;
}

// Weeks are looked up again and again (every open issue of a report counts up to now), and the zone
// look-ups are what costs, so weeks are remembered per zone. Bounded: cleared when full.
const weekCache = new Map<string, readonly Weekday[]>();
const WEEK_CACHE_LIMIT = 20_000;

function cachedWeekdaysOf(monday: number, zone: string): readonly Weekday[] {
  const key = `${zone} ${monday}`;
  let weekdays = weekCache.get(key);
  if (!weekdays) {
    weekdays = weekdaysOf(monday, zone);
    if (weekCache.size >= WEEK_CACHE_LIMIT) weekCache.clear();
    weekCache.set(key, weekdays);
  }
  return weekdays;
}

/**
 * The working time in [fromMs, toMs): `windowsAfter` summed, as a plain loop over the remembered
 * weeks (an issue open for a year is counted over 250 windows, and every open issue of a report is
 * counted up to now).
 */
export function workingMsBetween(fromMs: number, toMs: number, calendar: BusinessCalendar): number {
  const holidays = calendar.holidays.length > 0 ? new Set(calendar.holidays) : null;
  const offsetMinutes = tzOffset(calendar.timezone, new Date(fromMs));
  if (Number.isNaN(offsetMinutes)) throw new RangeError(`unknown time zone: ${calendar.timezone}`);
  const firstDay = Math.floor((fromMs + offsetMinutes * 60_000) / DAY_MS);
  let total = 0;
  for (let monday = mondayOf(firstDay); ; monday += 7) {
    for (const weekday of cachedWeekdaysOf(monday, calendar.timezone)) {
      if (weekday.start >= toMs) return total;
      if (weekday.end <= fromMs || holidays?.has(weekday.day)) continue;
      total += Math.min(weekday.end, toMs) - Math.max(weekday.start, fromMs);
    }
  }
}

/**
 * Every working window that ends after `fromMs`, in time order, without end: callers stop when they
 * have what they need. Holidays are finite, so there is always a next window.
 */
export function* windowsAfter(fromMs: number, calendar: BusinessCalendar): Generator<WorkingWindow, never> {
  const holidays = new Set(calendar.holidays);
  const offsetMinutes = tzOffset(calendar.timezone, new Date(fromMs));
  if (Number.isNaN(offsetMinutes)) throw new RangeError(`unknown time zone: ${calendar.timezone}`);
  // The local day of `fromMs`: what dayIn gives, at a fraction of its cost (this runs on every call).
  const firstDay = Math.floor((fromMs + offsetMinutes * 60_000) / DAY_MS);
  for (let monday = mondayOf(firstDay); ; monday += 7) {
    for (const weekday of cachedWeekdaysOf(monday, calendar.timezone)) {
      if (weekday.end > fromMs && !holidays.has(weekday.day)) yield weekday;
    }
  }
}
