/**
 * SLA durations: `30min`, `4h`, `1d`, `90d`, `2w`, `12m`, `1y` (SPEC §2).
 *
 * A target is a fixed amount of counted time, the same for every issue, on the contract's clock:
 *
 * | unit | 24x7          | business hours                       |
 * |------|---------------|--------------------------------------|
 * | min  | 1 min         | 1 min                                |
 * | h    | 1 h           | 1 h                                  |
 * | d    | 24 h          | 1 working day = 8 h                  |
 * | w    | 7 days        | 1 working week = 5 working days      |
 * | m    | 30 days       | 21 working days (168 h)              |
 * | y    | 365 days      | 52 working weeks = 260 working days  |
 *
 * So `resolution:1d` in business hours is one working day rather than three (24 h of 09:00–17:00).
 * A month is not a calendar month (which would make the same target 28 to 31 days long): it is
 * 30 days around the clock, and on the business clock the working days in those 30 days, rounded down
 * (30 × 5/7 ≈ 21.4), just as a year of 365 days holds 52 working weeks. Hence `12m` is a little
 * shorter than `1y` on both clocks (360 d / 365 d; 252 / 260 working days). `m` is months, as
 * everywhere else in the commands; minutes are `min`.
 */
export type DurationClock = '24x7' | 'business';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const WORKING_DAY_MS = 8 * HOUR_MS;

type Unit = 'min' | 'h' | 'd' | 'w' | 'm' | 'y';

const UNIT_MS: Record<DurationClock, Record<Unit, number>> = {
  '24x7': { min: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS, m: 30 * DAY_MS, y: 365 * DAY_MS },
  business: { min: MINUTE_MS, h: HOUR_MS, d: WORKING_DAY_MS, w: 5 * WORKING_DAY_MS, m: 21 * WORKING_DAY_MS, y: 52 * 5 * WORKING_DAY_MS },
};

const DURATION_PATTERN = /^(\d{1,6})(min|h|d|w|m|y)$/;

/** Longer than any sensible SLA target; also keeps deadline searches short. */
export const MAX_SLA_DURATION_DAYS = 366;

function parts(text: string): { amount: number; unit: Unit } | null {
  const match = DURATION_PATTERN.exec(text.trim().toLowerCase());
  if (!match) return null;
  return { amount: Number(match[1]), unit: match[2] as Unit };
}

/**
 * Milliseconds of counted time for `text`, or null when it is not a positive whole number followed
 * by min, h, d, w, m or y (case and surrounding spaces ignored), or is longer than a year. The limit
 * is on what was typed, read around the clock (`12m` = 360 d and `1y` = 365 d pass, `13m` and `2y`
 * do not), so the same words are accepted on both clocks.
 */
export function parseSlaDuration(text: string, clock: DurationClock = '24x7'): number | null {
  const typed = parts(text);
  if (!typed) return null;
  const { amount, unit } = typed;
  const calendarMs = amount * UNIT_MS['24x7'][unit];
  if (amount === 0 || calendarMs > MAX_SLA_DURATION_DAYS * DAY_MS) return null;
  return amount * UNIT_MS[clock][unit];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A duration for people, with at most two units: '45 min', '1 h 30 min', '2 d 4 h'. Rounded to the
 * last unit shown (minutes below a day, hours from a day up); '< 1 min' for a few seconds.
 *
 * On the business clock a day is a working day of 8 h, matching parseSlaDuration, and says so:
 * '1 working day', '1 working day 2 h', '2 working days' (10 working hours are not "1 d 2 h").
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
  const days = clock === 'business' ? plural(d, 'working day') : `${d} d`;
  return h === 0 ? days : `${days} ${h} h`;
}

/**
 * A target as it was typed, spelled out so that it cannot be misread: '8h' → '8 h', '2d' → '2 d'
 * (24x7) or '2 working days' (business), '1w' → '1 w' or '1 working week', and months and years
 * with what they stand for: '12m' → '12 months (360 d)', '1y' → '1 year (260 working days)'.
 * Text that is not a duration is shown spaced, as it is.
 */
export function describeSlaDuration(text: string, clock: DurationClock = '24x7'): string {
  const typed = parts(text);
  if (!typed) return text.trim().replace(/^(\d+(?:\.\d+)?)\s*([a-z]+)$/i, '$1 $2');
  const { amount, unit } = typed;
  const business = clock === 'business';
  switch (unit) {
    case 'min':
    case 'h':
      return `${amount} ${unit}`;
    case 'd':
      return business ? plural(amount, 'working day') : `${amount} d`;
    case 'w':
      return business ? plural(amount, 'working week') : `${amount} w`;
    case 'm':
    case 'y':
      return `${plural(amount, unit === 'm' ? 'month' : 'year')} (${formatDuration(amount * UNIT_MS[clock][unit], clock)})`;
  }
}
