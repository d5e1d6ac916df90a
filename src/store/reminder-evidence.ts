import type { Day } from '../domain/days.js';
import { addMonths } from '../domain/days.js';
import { instantAt } from '../domain/zoned-time.js';
import type { Db, Tx } from './client.js';
import type { Contract } from './contracts.js';
import { currentDecision, type Decision } from './decisions.js';
import { slaReport, type SlaReport } from './sla-data.js';
import { creditTotalsOf } from './credits.js';
import type { CreditTotals } from '../domain/credits.js';
import type { Tally } from '../domain/survey.js';
import { latestSurvey, tallyOf, type Survey } from './surveys.js';

/** What a renewal reminder shows besides the contract: its decision, the SLA evidence, who snoozed it. */
export interface ReminderEvidence {
  decision: Decision | null;
  /** The contract's last 12 months (against the 12 before). */
  sla: SlaReport;
  /** Service credit totals of the same 12 months, per currency. */
  credits: Map<string, CreditTotals>;
  /** The contract's latest pulse survey and its votes. */
  survey: { survey: Survey; tally: Tally } | null;
  snoozedBy: string | null;
}

/** `decision: false` when the caller shows a decision of its own (the one just taken). */
export async function reminderEvidence(
  db: Db | Tx,
  contract: Contract,
  at: { cycle: number; today: Day; timezone: string; now: Date },
  read: { decision: boolean } = { decision: true },
): Promise<ReminderEvidence> {
  const { cycle, today, timezone, now } = at;
  const decision = read.decision ? await currentDecision(db, contract.id, cycle) : null;
  const start = instantAt(addMonths(today, -12), '00:00', timezone);
  const previous = { start: instantAt(addMonths(today, -24), '00:00', timezone), end: start };
  const sla = await slaReport(db, contract.id, timezone, { start, end: now }, previous, now);
  const credits = await creditTotalsOf(db, contract, { start, end: now }, timezone);
  const snoozedBy = contract.snoozedUntil && contract.snoozedUntil > today ? await lastSnoozedBy(db, contract) : null;
  const last = await latestSurvey(db, contract.id);
  const survey = last ? { survey: last, tally: await tallyOf(db, last.id) } : null;
  return { decision, sla, credits, survey, snoozedBy };
}

/** Who snoozed the contract last (its audit trail). */
async function lastSnoozedBy(db: Db | Tx, contract: Contract): Promise<string | null> {
  const row = await db.auditEvent.findFirst({ where: { workspaceId: contract.workspaceId, contractId: contract.id, action: 'reminder.snoozed' }, orderBy: { at: 'desc' }, select: { actorId: true } });
  return row?.actorId ?? null;
}
