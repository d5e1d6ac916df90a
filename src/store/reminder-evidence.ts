import type { Day } from '../domain/days.js';
import { addMonths } from '../domain/days.js';
import type { Period } from '../domain/uptime.js';
import { instantAt } from '../domain/zoned-time.js';
import type { Tally } from '../domain/survey.js';
import type { Db, Tx } from './client.js';
import type { Contract } from './contracts.js';
import { creditsOfContracts, monthsOf, type Credit } from './credits.js';
import { currentDecisions, type Decision } from './decisions.js';
import { slaReports, type SlaReport } from './sla-data.js';
import { latestSurveys, talliesOf, type Survey } from './surveys.js';

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
  return (await evidenceOfMany(db, [contract.id], period, timezone, now)).get(contract.id)!;
}

/** `evidenceOver` for many contracts of one workspace over the same period: seven queries however many. */
export async function evidenceOfMany(db: Db | Tx, contractIds: readonly string[], period: { current: Period; previous: Period }, timezone: string, now: Date): Promise<Map<string, Evidence>> {
  const ids = [...new Set(contractIds)];
  const [reports, credits, surveys] = await Promise.all([
    slaReports(db, ids, timezone, period.current, period.previous, now),
    creditsOfContracts(db, ids, monthsOf(period.current, timezone)),
    latestSurveys(db, ids),
  ]);
  const tallies = await talliesOf(db, [...surveys.values()].map((s) => s.id));
  return new Map(ids.map((id) => {
    const last = surveys.get(id);
    return [id, { sla: reports.get(id)!, credits: credits.get(id)!, survey: last ? { survey: last, tally: tallies.get(last.id)! } : null }];
  }));
}

/** `decision: false` when the caller shows a decision of its own (the one just taken). */
export async function reminderEvidence(
  db: Db | Tx,
  contract: Contract,
  at: { cycle: number; today: Day; timezone: string; now: Date },
  read: { decision: boolean } = { decision: true },
): Promise<ReminderEvidence> {
  return (await reminderEvidenceOfMany(db, [{ contract, cycle: at.cycle }], at, read)).get(contract.id)!;
}

/**
 * What renewal reminders of many contracts of one workspace show besides the contracts (their cycles'
 * decisions, the last 12 months of evidence, who snoozed them), by contract id: about ten queries
 * however many contracts.
 */
export async function reminderEvidenceOfMany(
  db: Db | Tx,
  of: readonly { contract: Contract; cycle: number }[],
  at: { today: Day; timezone: string; now: Date },
  read: { decision: boolean } = { decision: true },
): Promise<Map<string, ReminderEvidence>> {
  const { today, timezone, now } = at;
  const start = instantAt(addMonths(today, -12), '00:00', timezone);
  const previous = { start: instantAt(addMonths(today, -24), '00:00', timezone), end: start };
  const snoozed = of.filter(({ contract }) => contract.snoozedUntil && contract.snoozedUntil > today).map(({ contract }) => contract);
  const [decisions, evidence, snoozedBy] = await Promise.all([
    read.decision ? currentDecisions(db, of.map(({ contract, cycle }) => ({ id: contract.id, cycle }))) : new Map<string, Decision>(),
    evidenceOfMany(db, of.map(({ contract }) => contract.id), { current: { start, end: now }, previous }, timezone, now),
    lastSnoozedBy(db, snoozed),
  ]);
  return new Map(of.map(({ contract }) => [contract.id, { ...evidence.get(contract.id)!, decision: decisions.get(contract.id) ?? null, snoozedBy: snoozedBy.get(contract.id) ?? null }]));
}

/** Whether `step` is the cycle's first renewal reminder to go out (the one that carries the scorecard). */
export async function isFirstRenewal(db: Db | Tx, contractId: string, cycle: number, step: string): Promise<boolean> {
  const first = (await firstRenewalSteps(db, [{ contractId, cycle }])).get(cycleKey(contractId, cycle));
  return first === undefined || first === step;
}

/** The key of a contract's cycle in `firstRenewalSteps`. */
export function cycleKey(contractId: string, cycle: number): string {
  return `${contractId} ${cycle}`;
}

/**
 * The step of each cycle's first renewal reminder that went out (or is going out), by `cycleKey`; a
 * cycle with none yet is missing. One query.
 */
export async function firstRenewalSteps(db: Db | Tx, cycles: readonly { contractId: string; cycle: number }[]): Promise<Map<string, string>> {
  const first = new Map<string, string>();
  if (cycles.length === 0) return first;
  const wanted = new Set(cycles.map((c) => cycleKey(c.contractId, c.cycle)));
  const rows = await db.reminder.findMany({
    where: { contractId: { in: [...new Set(cycles.map((c) => c.contractId))] }, kind: 'renewal', status: { in: ['sent', 'sending'] } },
    orderBy: { dueAt: 'asc' },
    select: { contractId: true, cycle: true, step: true },
  });
  for (const row of rows) {
    const key = cycleKey(row.contractId!, row.cycle);
    if (wanted.has(key) && !first.has(key)) first.set(key, row.step);
  }
  return first;
}

/** Who snoozed each of these contracts last (their audit trails), by contract id; one query. */
async function lastSnoozedBy(db: Db | Tx, contracts: readonly Contract[]): Promise<Map<string, string>> {
  const by = new Map<string, string>();
  if (contracts.length === 0) return by;
  const rows = await db.auditEvent.findMany({
    where: { workspaceId: { in: [...new Set(contracts.map((c) => c.workspaceId))] }, contractId: { in: contracts.map((c) => c.id) }, action: 'reminder.snoozed' },
    orderBy: { at: 'desc' },
    select: { contractId: true, actorId: true },
  });
  for (const row of rows) if (row.contractId && !by.has(row.contractId)) by.set(row.contractId, row.actorId);
  return by;
}
