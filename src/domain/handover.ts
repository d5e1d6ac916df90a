import { addDays, compareDays, shiftToFridayBefore, type Day } from './days.js';

/** Days before a contact's leaving date at which their handover reminders go out (SPEC §3). */
export const HANDOVER_STEPS: readonly number[] = [30, 14, 7, 1];

export const ROLES = ['owner', 'vendor-support', 'account-manager', 'escalation-1', 'escalation-2', 'escalation-3'] as const;
export type Role = (typeof ROLES)[number];

export const HANDOVER_CHECKLIST: readonly string[] = [
  'Hand over what you know: history, open issues, quirks of the vendor, where the documents are',
  'Name a successor for each role (button below, or /contract handover)',
  'Tell the vendor who the new contact is, and from when',
  'Update the contact details here and at the vendor',
  'Book an introduction meeting between the successor and the vendor',
];

export interface HandoverStep {
  step: string;
  dueDay: Day;
}

/** The 30/14/7/1-day steps before `leavingOn` that are still ahead of `from` (weekends → Friday before). */
export function handoverSteps(leavingOn: Day, from: Day): HandoverStep[] {
  return HANDOVER_STEPS.map((days) => ({ step: `d${days}`, dueDay: shiftToFridayBefore(addDays(leavingOn, -days)) })).filter(
    (s) => compareDays(s.dueDay, from) >= 0,
  );
}

/** The k-th weekly reminder after the leaving date, sent while a role is left without a successor. */
export function weeklyAfter(leavingOn: Day, k: number): HandoverStep {
  return { step: `w${k}`, dueDay: shiftToFridayBefore(addDays(leavingOn, 7 * k)) };
}

/**
 * The roles a leaver still holds are orphaned once the leaving date has come: nobody took them over.
 * Before the date they are merely pending.
 */
export function isOrphaned(leavingOn: Day, today: Day, rolesHeld: number): boolean {
  return rolesHeld > 0 && compareDays(today, leavingOn) >= 0;
}
