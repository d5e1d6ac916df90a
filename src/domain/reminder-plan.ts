import { addDays, compareDays, shiftToFridayBefore, shiftToMondayAfter, type Day } from './days.js';
import { deadlineOf, type ContractTerms, type Tier } from './contract-terms.js';
import { instantAt, type TimeOfDay } from './zoned-time.js';
import { surveyOpenDay } from './survey.js';

export type ReminderKind = 'renewal' | 'deadline' | 'end' | 'survey';

/** Days before the deadline at which each tier gets a renewal reminder (SPEC §3). */
export const RENEWAL_LADDERS: Record<Tier, readonly number[]> = {
  1: [120, 90, 60, 30, 14, 7, 1],
  2: [90, 60, 30, 14, 7, 1],
  3: [60, 30, 7, 1],
};

export interface ReminderSchedule {
  timezone: string;
  reminderTime: TimeOfDay;
  /** The pulse survey opens this many days before the deadline; null or absent: no survey. */
  surveyDays?: number | null;
}

export interface PlannedReminder {
  kind: ReminderKind;
  step: string;
  dueDay: Day;
  dueAt: Date;
}

export interface PlanOptions {
  /** Steps due before this day are not planned (they were never due while we knew the contract). */
  from: Day;
  /** A decision was taken for this cycle: no renewal reminders and no "deadline passed". */
  decided: boolean;
  /** While snoozed, renewal steps due before this day are dropped and one reminder falls on it. */
  snoozedUntil?: Day | null;
}

export function renewalDueDay(deadline: Day, daysBefore: number): Day {
  return shiftToFridayBefore(addDays(deadline, -daysBefore));
}

/** Every reminder of one contract cycle, soonest first. */
export function planCycle(terms: ContractTerms, schedule: ReminderSchedule, options: PlanOptions): PlannedReminder[] {
  const at = (day: Day) => instantAt(day, schedule.reminderTime, schedule.timezone);
  const deadline = deadlineOf(terms);
  const plan: PlannedReminder[] = [];
  const isPlannable = (day: Day) => compareDays(day, options.from) >= 0;

  if (!options.decided) {
    const snooze = options.snoozedUntil ?? null;
    for (const daysBefore of RENEWAL_LADDERS[terms.tier]) {
      const dueDay = renewalDueDay(deadline, daysBefore);
      if (!isPlannable(dueDay) || compareDays(dueDay, deadline) > 0) continue;
      if (snooze && compareDays(dueDay, snooze) < 0) continue;
      plan.push({ kind: 'renewal', step: `d${daysBefore}`, dueDay, dueAt: at(dueDay) });
    }
    if (snooze && isPlannable(snooze) && !plan.some((p) => p.kind === 'renewal' && p.dueDay === snooze)) {
      plan.push({ kind: 'renewal', step: `snooze-${snooze}`, dueDay: snooze, dueAt: at(snooze) });
    }
    // The pulse survey (it closes 14 days before the deadline, see surveyCloseDay).
    if (schedule.surveyDays) {
      const dueDay = surveyOpenDay(deadline, schedule.surveyDays);
      if (isPlannable(dueDay)) plan.push({ kind: 'survey', step: 'open', dueDay, dueAt: at(dueDay) });
    }
    // With no notice period the deadline is the end itself: the end event says it all.
    if (terms.noticeDays > 0) {
      const dueDay = shiftToMondayAfter(addDays(deadline, 1));
      if (isPlannable(dueDay)) plan.push({ kind: 'deadline', step: 'passed', dueDay, dueAt: at(dueDay) });
    }
  }
  const endDay = shiftToMondayAfter(addDays(terms.end, 1));
  plan.push({ kind: 'end', step: 'end', dueDay: endDay, dueAt: at(endDay) });
  return plan.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * The day a "Snooze 7 days" click moves the next renewal reminder to: a week after `today` on a
 * weekday, never past the deadline; null when no weekday is left before the deadline.
 */
export function snoozeUntil(today: Day, deadline: Day, days = 7): Day | null {
  const wanted = addDays(today, days);
  const target = shiftToFridayBefore(compareDays(wanted, deadline) > 0 ? deadline : wanted);
  return compareDays(target, today) > 0 ? target : null;
}
