import type { ReminderFamily } from '../family.js';
import { contractReminders } from './contract-reminders.js';
import { deliveryProblems } from './delivery-problems.js';
import { handoverReminders } from './handover.js';
import { monthlyReports } from './monthly-report.js';
import { slaWarnings } from './sla-warnings.js';
import { serviceCredits } from './service-credits.js';
import { pulseSurveys } from './surveys.js';

/** Every family the pass posts for, by the ledger kinds it owns. */
export const FAMILIES: readonly ReminderFamily[] = [contractReminders, slaWarnings, monthlyReports, handoverReminders, serviceCredits, pulseSurveys, deliveryProblems];

/** The family that owns a ledger kind, if any. */
export function familyOf(kind: string, families: readonly ReminderFamily[] = FAMILIES): ReminderFamily | undefined {
  return families.find((f) => f.kinds.includes(kind));
}
