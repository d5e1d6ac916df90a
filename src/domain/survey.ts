import { addDays, compareDays, shiftToFridayBefore, type Day } from './days.js';

/** A survey closes this many days before the deadline (SPEC §7), or at the decision. */
export const SURVEY_CLOSES_DAYS_BEFORE = 14;
/** A survey started after that point stays open this long (or until the decision). */
export const LATE_SURVEY_DAYS = 7;
/** The scheduled survey is skipped when one was started this recently (by hand). */
export const RECENT_SURVEY_DAYS = 30;
export const DEFAULT_SURVEY_DAYS = 60;
export const MIN_SURVEY_DAYS = SURVEY_CLOSES_DAYS_BEFORE + 1;
export const MAX_SURVEY_DAYS = 365;

/** The day the scheduled survey opens: `days` before the deadline, a weekend moved to the Friday before. */
export function surveyOpenDay(deadline: Day, days: number): Day {
  return shiftToFridayBefore(addDays(deadline, -days));
}

/**
 * The day a survey opened on `openedOn` closes: 14 days before the deadline (weekend: the Friday
 * before); one opened later than that stays open a week (weekend: the Friday before).
 */
export function surveyCloseDay(deadline: Day, openedOn: Day): Day {
  const planned = shiftToFridayBefore(addDays(deadline, -SURVEY_CLOSES_DAYS_BEFORE));
  return compareDays(planned, openedOn) > 0 ? planned : shiftToFridayBefore(addDays(openedOn, LATE_SURVEY_DAYS));
}

/**
 * When a survey closed, as of `now`: at the decision (`closedAt`), or at its closing instant once that
 * has passed, even before the scheduler has posted the results; null while it still takes votes.
 */
export function surveyClosedAsOf(survey: { closedAt: Date | null }, closesAt: Date, now: Date): Date | null {
  if (survey.closedAt) return survey.closedAt;
  return now.getTime() >= closesAt.getTime() ? closesAt : null;
}

export interface Tally {
  count: number;
  /** Votes for 1 … 5 (index 0 is 1). */
  distribution: [number, number, number, number, number];
  /** To one decimal; null without votes. */
  average: number | null;
}

/** Ratings 1–5, one per person, into a count, a distribution and an average. */
export function tally(ratings: readonly number[]): Tally {
  const distribution: Tally['distribution'] = [0, 0, 0, 0, 0];
  for (const r of ratings) if (Number.isInteger(r) && r >= 1 && r <= 5) distribution[r - 1]! += 1;
  const count = distribution.reduce((a, b) => a + b, 0);
  const sum = distribution.reduce((acc, n, i) => acc + n * (i + 1), 0);
  return { count, distribution, average: count === 0 ? null : Math.round((sum / count) * 10) / 10 };
}

/** "4.2/5 from 9 people"; "no votes". */
export function resultText(t: Tally): string {
  if (t.count === 0 || t.average === null) return 'no votes';
  return `${t.average.toFixed(1)}/5 from ${t.count} ${t.count === 1 ? 'person' : 'people'}`;
}
