import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Day } from './days.js';

/** 'HH:MM', 24-hour. */
export type TimeOfDay = string;

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isValidTimeOfDay(text: string): boolean {
  return TIME_PATTERN.test(text);
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** The instant at which `day` reaches `time` on the wall clock of `zone` (DST-correct). */
export function instantAt(day: Day, time: TimeOfDay, zone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, zone).getTime());
}

/** The calendar day an instant falls on in `zone`. */
export function dayIn(instant: Date, zone: string): Day {
  return format(new TZDate(instant.getTime(), zone), 'yyyy-MM-dd');
}

/** Local wall-clock rendering, e.g. '2026-12-04 09:00'. */
export function formatInstant(instant: Date, zone: string): string {
  return format(new TZDate(instant.getTime(), zone), 'yyyy-MM-dd HH:mm');
}
