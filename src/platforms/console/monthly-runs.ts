import { addMonths } from '../../domain/days.js';
import { dayIn, instantAt } from '../../domain/zoned-time.js';
import { firstBusinessDay } from '../../scheduler/families/monthly-report.js';

/** A first business day at the reminder time: the monthly reports go out and the month before is evaluated for service credits. */
export interface MonthlyRun {
  at: Date;
  /** The month reported on and evaluated: the one before ("2026-10" for the run of 2026-11-02). */
  month: string;
}

function runIn(month: string, timezone: string, reminderTime: string): MonthlyRun {
  return { at: instantAt(firstBusinessDay(month), reminderTime, timezone), month: addMonths(`${month}-01`, -1).slice(0, 7) };
}

/** The monthly run at or before `now` and the one after it, in the workspace's zone and reminder time. */
export function monthlyRuns(now: Date, timezone: string, reminderTime: string): { last: MonthlyRun; next: MonthlyRun } {
  const month = dayIn(now, timezone).slice(0, 7);
  const shifted = (n: number) => runIn(addMonths(`${month}-01`, n).slice(0, 7), timezone, reminderTime);
  const current = runIn(month, timezone, reminderTime);
  return current.at.getTime() <= now.getTime() ? { last: current, next: shifted(1) } : { last: shifted(-1), next: current };
}
