/**
 * SLA durations: `30min`, `4h`, `1d`, `90d`, `2w`.
 *
 * On a business-hours clock a day means one working day (8 h) and a week five of them (40 h), so
 * `resolution:1d` is one business day rather than three (24 h of 09:00–17:00). `m` alone is refused:
 * elsewhere in the commands it means months.
 */
export type DurationClock = '24x7' | 'business';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

const UNIT_MS: Record<DurationClock, Record<'min' | 'h' | 'd' | 'w', number>> = {
  '24x7': { min: MINUTE_MS, h: HOUR_MS, d: 24 * HOUR_MS, w: 7 * 24 * HOUR_MS },
  business: { min: MINUTE_MS, h: HOUR_MS, d: 8 * HOUR_MS, w: 5 * 8 * HOUR_MS },
};

const DURATION_PATTERN = /^(\d{1,6})(min|h|d|w)$/;

/** Longer than any sensible SLA target; also keeps deadline searches short. */
export const MAX_SLA_DURATION_DAYS = 366;

/**
 * Milliseconds of counted time for `text`, or null when it is not a positive whole number followed
 * by min, h, d or w (case and surrounding spaces ignored), or is longer than a year.
 */
export function parseSlaDuration(text: string, clock: DurationClock = '24x7'): number | null {
  const match = DURATION_PATTERN.exec(text.trim().toLowerCase());
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = match[2] as keyof (typeof UNIT_MS)['24x7'];
  const calendarMs = amount * UNIT_MS['24x7'][unit];
  if (amount === 0 || calendarMs > MAX_SLA_DURATION_DAYS * 24 * HOUR_MS) return null;
  return amount * UNIT_MS[clock][unit];
}

/**
 * A duration for people, with at most two units: '45 min', '1 h 30 min', '2 d 4 h'. Rounded to the
 * last unit shown (minutes below a day, hours from a day up); '< 1 min' for a few seconds. On the
 * business clock a day is 8 h, matching parseSlaDuration.
 */
export function formatDuration(ms: number, clock: DurationClock = '24x7'): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a duration: ${ms}`);
  if (ms < 0) return `-${formatDuration(-ms, clock)}`;
  if (ms > 0 && ms < MINUTE_MS / 2) return '< 1 min';
  const dayMs = UNIT_MS[clock].d;
  const minutes = Math.round(ms / MINUTE_MS);
  if (minutes * MINUTE_MS < dayMs) {
    const h = Math.floor(minutes / 60);
    const min = minutes % 60;
    return h === 0 ? `${min} min` : min === 0 ? `${h} h` : `${h} h ${min} min`;
  }
  const hours = Math.round(ms / HOUR_MS);
  const hoursPerDay = dayMs / HOUR_MS;
  const d = Math.floor(hours / hoursPerDay);
  const h = hours % hoursPerDay;
  return h === 0 ? `${d} d` : `${d} d ${h} h`;
}
