import { TZDate, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { addDays, type Day } from './days.js';

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

const DAY_MS = 86_400_000;
/** Answers of instantAt: a pure function of its arguments, worth keeping (zone rules ship with Node). */
const INSTANT_CACHE_SIZE = 20_000;
const instants = new Map<string, number>();

/**
 * The instant at which `day` reaches `time` on the wall clock of `zone` (DST-correct). Worked out from
 * the zone's offsets alone, so the server's own zone cannot change the answer: a wall time that
 * happens twice (clocks going back) is its first occurrence, one that is skipped (clocks going
 * forward) moves forward by the gap.
 */
export function instantAt(day: Day, time: TimeOfDay, zone: string): Date {
  // Each answer costs several time-zone lookups; a reminder plan asks for the same few days again and again.
  const key = `${day} ${time} ${zone}`;
  let ms = instants.get(key);
  if (ms === undefined) {
    if (instants.size >= INSTANT_CACHE_SIZE) instants.clear();
    ms = instantAtUncached(day, time, zone);
    instants.set(key, ms);
  }
  return new Date(ms);
}

function instantAtUncached(day: Day, time: TimeOfDay, zone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const before = tzOffset(zone, new Date(wall - DAY_MS));
  const after = tzOffset(zone, new Date(wall + DAY_MS));
  const fits = (offset: number) => tzOffset(zone, new Date(wall - offset * 60_000)) === offset;
  const candidates = [before, after].filter(fits).map((offset) => wall - offset * 60_000);
  return candidates.length > 0 ? Math.min(...candidates) : wall - before * 60_000;
}

/** Per zone, the last day worked out and the instants it spans: a pass asks about the same day for every row. */
const lastDayIn = new Map<string, { from: number; to: number; day: Day }>();

/** The calendar day an instant falls on in `zone`. */
export function dayIn(instant: Date, zone: string): Day {
  const ms = instant.getTime();
  const known = lastDayIn.get(zone);
  if (known && ms >= known.from && ms < known.to) return known.day;
  const day = format(new TZDate(ms, zone), 'yyyy-MM-dd');
  // The day runs from its midnight to the next one (the first instant of each, whatever the clock changes).
  const from = instantAt(day, '00:00', zone).getTime();
  const to = instantAt(addDays(day, 1), '00:00', zone).getTime();
  if (ms >= from && ms < to) lastDayIn.set(zone, { from, to, day });
  return day;
}

/** Local wall-clock rendering, e.g. '2026-12-04 09:00'. */
export function formatInstant(instant: Date, zone: string): string {
  return format(new TZDate(instant.getTime(), zone), 'yyyy-MM-dd HH:mm');
}
