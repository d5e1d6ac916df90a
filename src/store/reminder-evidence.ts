import type { Day } from '../domain/days.js';
import { addMonths } from '../domain/days.js';
import type { Period } from '../domain/uptime.js';
import { instantAt } from '../domain/zoned-time.js';
import type { Tally } from '../domain/survey.js';
import type { Db, Tx } from './client.js';
import type { Contract } from './contracts.js';
import { creditsOf, monthsOf, type Credit } from './credits.js';
import { currentDecision, type Decision } from './decisions.js';
import { slaReport, type SlaReport } from './sla-data.js';
import { latestSurvey, tallyOf, type Survey } from './surveys.js';

/** A contract's evidence over a period: the SLA (against the period before), its service credits, its latest survey. */
export interface Evidence {
  sla: SlaReport;
  /** Credits of the months the period touches. */
  credits: Credit[];
  /** The latest pulse survey (open or closed) and its votes. */
  survey: { survey: Survey; tally: Tally } | null;
}

/** What a renewal reminder shows besides the contract: its decision, the evidence of the last 12 months, who snoozed it. */
export interface ReminderEvidence extends Evidence {
  decision: Decision | null;
  snoozedBy: string | null;
}

export async function evidenceOver(db: Db | Tx, contract: Contract, period: { current: Period; previous: Period }, timezone: string, now: Date): Promise<Evidence> {
  const sla = await slaReport(db, contract.id, timezone, period.current, period.previous, now);
  const credits = await creditsOf(db, contract.workspaceId, { contractId: contract.id, ...monthsOf(period.current, timezone) });
  const last = await latestSurvey(db, contract.id);
  return { sla, credits, survey: last ? { survey: last, tally: await tallyOf(db, last.id) } : null };
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
  const evidence = await evidenceOver(db, contract, { current: { start, end: now }, previous }, timezone, now);
  const snoozedBy = contract.snoozedUntil && contract.snoozedUntil > today ? await lastSnoozedBy(db, contract) : null;
  return { ...evidence, decision, snoozedBy };
}

/** Whether `step` is the cycle's first renewal reminder to go out (the one that carries the scorecard). */
export async function isFirstRenewal(db: Db | Tx, contractId: string, cycle: number, step: string): Promise<boolean> {
  const first = await db.reminder.findFirst({
    where: { contractId, cycle, kind: 'renewal', status: { in: ['sent', 'sending'] } },
    orderBy: { dueAt: 'asc' },
    select: { step: true },
  });
  return first === null || first.step === step;
}

/** Who snoozed the contract last (its audit trail). */
async function lastSnoozedBy(db: Db | Tx, contract: Contract): Promise<string | null> {
  const row = await db.auditEvent.findFirst({ where: { workspaceId: contract.workspaceId, contractId: contract.id, action: 'reminder.snoozed' }, orderBy: { at: 'desc' }, select: { actorId: true } });
  return row?.actorId ?? null;
}
