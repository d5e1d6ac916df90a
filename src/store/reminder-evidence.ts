import type { Day } from '../domain/days.js';
import { addMonths } from '../domain/days.js';
import { instantAt } from '../domain/zoned-time.js';
import type { Db, Tx } from './client.js';
import type { Contract } from './contracts.js';
import { currentDecision, type Decision } from './decisions.js';
import { slaReport, type SlaReport } from './sla-data.js';

/** What a renewal reminder shows besides the contract: its decision, the SLA evidence, who snoozed it. */
export interface ReminderEvidence {
  decision: Decision | null;
  /** The contract's last 12 months (against the 12 before). */
  sla: SlaReport;
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
  const snoozedBy = contract.snoozedUntil && contract.snoozedUntil > today ? await lastSnoozedBy(db, contract) : null;
  return { decision, sla, snoozedBy };
}

/** Who snoozed the contract last (its audit trail). */
async function lastSnoozedBy(db: Db | Tx, contract: Contract): Promise<string | null> {
  const row = await db.auditEvent.findFirst({ where: { workspaceId: contract.workspaceId, contractId: contract.id, action: 'reminder.snoozed' }, orderBy: { at: 'desc' }, select: { actorId: true } });
  return row?.actorId ?? null;
}
