import type { Reminder } from '../generated/prisma/client.js';
import { planCycle, type PlannedReminder } from '../domain/reminder-plan.js';
import type { Day } from '../domain/days.js';
import { claimable, PERMANENT_ERROR, type ClaimOptions } from './claims.js';
import type { Db, Tx } from './client.js';
import { termsOf, type Contract } from './contracts.js';
import { seriesKey, type LedgerSeries } from './ledger-keys.js';
import type { Workspace } from './workspaces.js';

export type { Reminder };

/** The ledger subject of a contract's reminders (the same for every cycle). */
const contractSubject = (contractId: string) => seriesKey({ of: 'contract', contractId, cycle: 0 }).subject;

/** Rows in these states are done with: re-planning never touches them, so nothing is posted twice. */
const SETTLED = ['sent', 'sending', 'skipped', 'dead'];

export async function hasFinalDecision(db: Db | Tx, contractId: string, cycle: number): Promise<boolean> {
  const slot = await db.decisionSlot.findUnique({ where: { contractId_cycle: { contractId, cycle } } });
  if (!slot) return false;
  const decision = await db.decision.findUnique({ where: { id: slot.decisionId } });
  return decision?.status === 'final';
}

export interface PlannedRow {
  kind: string;
  step: string;
  dueAt: Date;
  channelId?: string | null;
}

export interface LedgerTarget {
  workspaceId: string;
  series: LedgerSeries;
  /** The contract the series belongs to (contract steps, issue clocks), for the row's foreign key. */
  contractId: string | null;
}

/**
 * Brings the ledger rows of one subject and cycle in line with a plan: new steps are planned, moved
 * steps get their new due instant, dropped steps are cancelled, settled steps stay as they are (so
 * nothing is ever posted twice).
 */
export async function syncPlan(tx: Tx, target: LedgerTarget, plan: readonly PlannedRow[]): Promise<void> {
  const { subject, cycle } = seriesKey(target.series);
  const existing = await tx.reminder.findMany({ where: { workspaceId: target.workspaceId, subject, cycle } });
  const byKey = new Map(existing.map((r) => [`${r.kind}:${r.step}`, r]));
  const planned = new Set<string>();
  for (const step of plan) {
    const key = `${step.kind}:${step.step}`;
    planned.add(key);
    const row = byKey.get(key);
    if (!row) {
      await tx.reminder.create({ data: { workspaceId: target.workspaceId, subject, cycle, contractId: target.contractId, kind: step.kind, step: step.step, dueAt: step.dueAt, channelId: step.channelId ?? null } });
    } else if (!SETTLED.includes(row.status) && (row.dueAt.getTime() !== step.dueAt.getTime() || row.status === 'cancelled')) {
      await tx.reminder.update({ where: { id: row.id }, data: { dueAt: step.dueAt, status: 'planned', attempts: 0, nextAttemptAt: null } });
    }
  }
  const dropped = existing.filter((r) => !planned.has(`${r.kind}:${r.step}`) && (r.status === 'planned' || r.status === 'failed'));
  if (dropped.length > 0) {
    await tx.reminder.updateMany({ where: { id: { in: dropped.map((r) => r.id) } }, data: { status: 'cancelled' } });
  }
}

/** Re-plans the contract's current cycle (renewal ladder, deadline passed, end of term). */
export async function replanContract(tx: Tx, contract: Contract, workspace: Workspace, from: Day): Promise<PlannedReminder[]> {
  if (contract.status !== 'active') {
    await cancelPlanned(tx, contract.id);
    return [];
  }
  const decided = await hasFinalDecision(tx, contract.id, contract.cycle);
  const plan = planCycle(termsOf(contract), workspace, { from, decided, snoozedUntil: contract.snoozedUntil });
  await syncPlan(tx, { workspaceId: contract.workspaceId, series: { of: 'contract', contractId: contract.id, cycle: contract.cycle }, contractId: contract.id }, plan);
  // Reminders of earlier cycles that never went out are obsolete now.
  await tx.reminder.updateMany({
    where: { contractId: contract.id, subject: contractSubject(contract.id), cycle: { lt: contract.cycle }, status: { in: ['planned', 'failed'] } },
    data: { status: 'cancelled' },
  });
  return plan;
}

export async function cancelPlanned(db: Db | Tx, contractId: string): Promise<void> {
  await db.reminder.updateMany({ where: { contractId, status: { in: ['planned', 'failed'] } }, data: { status: 'cancelled' } });
}

/** Cancels what is still to come of a series, in every cycle. */
export async function cancelSeries(db: Db | Tx, workspaceId: string, series: LedgerSeries): Promise<void> {
  const { subject } = seriesKey(series);
  await db.reminder.updateMany({ where: { workspaceId, subject, status: { in: ['planned', 'failed'] } }, data: { status: 'cancelled' } });
}

export async function upcomingReminders(db: Db | Tx, contractId: string, cycle: number, limit = 10): Promise<Reminder[]> {
  return db.reminder.findMany({
    // contractId: the index on (contractId, cycle); without it the (status, dueAt) one would walk every planned row.
    where: { contractId, subject: contractSubject(contractId), cycle, status: { in: ['planned', 'failed'] } },
    orderBy: { dueAt: 'asc' },
    take: limit,
  });
}

/** A workspace's next reminders still to go out (every family), soonest first. */
export async function nextRemindersOfWorkspace(db: Db | Tx, workspaceId: string, limit: number): Promise<Reminder[]> {
  return db.reminder.findMany({ where: { workspaceId, status: { in: ['planned', 'failed'] } }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], take: limit });
}

/** Where the previous page of due rows ended: the next page starts after this row (dueAt, then id). */
export interface DueCursor {
  dueAt: Date;
  id: string;
}

/**
 * Due rows, oldest first (by dueAt, then id), from an index on (status, dueAt): never a scan of all
 * contracts. `workspaceId` keeps to one workspace (the console's scheduler control). `after` pages through them; rows re-planned or failed during a pass behind the cursor
 * wait for the next pass.
 */
export async function findDue(db: Db, options: ClaimOptions & { workspaceId?: string }, limit: number, after?: DueCursor): Promise<Reminder[]> {
  return db.reminder.findMany({
    where: {
      dueAt: { lte: options.now },
      ...(options.workspaceId !== undefined && { workspaceId: options.workspaceId }),
      AND: [
        { OR: claimable(options) },
        ...(after ? [{ OR: [{ dueAt: { gt: after.dueAt } }, { dueAt: after.dueAt, id: { gt: after.id } }] }] : []),
      ],
    },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}


/** Rows that no longer apply and were never held back by a failing post: skipped, with the reason. */
export async function markSkipped(db: Db, ids: string[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await db.reminder.updateMany({ where: { id: { in: ids }, status: { in: ['planned', 'failed'] } }, data: { status: 'skipped', reason } });
}

/**
 * Rows whose posts kept failing until they stopped applying (superseded, or past their moment): given
 * up (`dead`) with the reason and the channel they were going to; their last error is kept. Only rows
 * still waiting for a retry (`failed`) are touched; returns how many.
 */
export async function markGivenUp(db: Db, ids: string[], channelId: string | null, reason: string): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await db.reminder.updateMany({
    where: { id: { in: ids }, status: 'failed' },
    data: { status: 'dead', reason, ...(channelId && { channelId }) },
  });
  return count;
}

/** Whether a later step of the same kind and subject is due by `now` (waiting, going out, or sent): this one is superseded. */
export async function laterStepDue(db: Db, reminder: Reminder, now: Date): Promise<boolean> {
  const later = await db.reminder.findFirst({
    where: {
      workspaceId: reminder.workspaceId, subject: reminder.subject, kind: reminder.kind,
      dueAt: { gt: reminder.dueAt, lte: now }, status: { in: ['planned', 'failed', 'sending', 'sent'] },
    },
    select: { id: true },
  });
  return later !== null;
}

/** The newest renewal (or "deadline passed") message posted for a cycle: a decision updates it in place. */
export async function lastPostedRenewal(db: Db | Tx, contractId: string, cycle: number): Promise<Reminder | null> {
  return db.reminder.findFirst({
    where: { contractId, cycle, kind: { in: ['renewal', 'deadline'] }, status: 'sent', messageId: { not: null } },
    orderBy: { sentAt: 'desc' },
  });
}

/** What a row's one-time effect did (the end of a term), kept so that a retried post tells the same story. */
export async function recordDetail(tx: Db | Tx, reminderId: string, detail: object): Promise<void> {
  await tx.reminder.update({ where: { id: reminderId }, data: { detail: JSON.stringify(detail) } });
}

/** What `recordDetail` kept for a row (null when nothing), read from the database. */
export async function recordedDetail(db: Db | Tx, reminderId: string): Promise<string | null> {
  const row = await db.reminder.findUnique({ where: { id: reminderId }, select: { detail: true } });
  return row?.detail ?? null;
}

/** The ledger row behind a posted message of a contract, if the bot posted it. */
export async function postedReminder(db: Db | Tx, contractId: string, channelId: string, messageId: string): Promise<Reminder | null> {
  return db.reminder.findFirst({ where: { contractId, channelId, messageId } });
}

/** Whether another step of the row's series, of `kind`, is due by `now` (a breach supersedes its warning). */
export async function siblingDue(db: Db | Tx, row: Pick<Reminder, 'workspaceId' | 'subject' | 'cycle'>, kind: string, now: Date): Promise<boolean> {
  return (await db.reminder.count({ where: { workspaceId: row.workspaceId, subject: row.subject, cycle: row.cycle, kind, dueAt: { lte: now } } })) > 0;
}

/**
 * `siblingDue` for many series at once: the keys ("<workspace> <subject> <cycle>") of those with a
 * step of `kind` due by `now`. One query.
 */
export async function seriesWithStepDue(db: Db | Tx, series: readonly Pick<Reminder, 'workspaceId' | 'subject' | 'cycle'>[], kind: string, now: Date): Promise<Set<string>> {
  if (series.length === 0) return new Set();
  const rows = await db.reminder.findMany({
    where: { workspaceId: { in: [...new Set(series.map((s) => s.workspaceId))] }, subject: { in: [...new Set(series.map((s) => s.subject))] }, kind, dueAt: { lte: now } },
    select: { workspaceId: true, subject: true, cycle: true },
  });
  return new Set(rows.map(seriesId));
}

/** The key of a row's series in `seriesWithStepDue`. */
export function seriesId(row: Pick<Reminder, 'workspaceId' | 'subject' | 'cycle'>): string {
  return `${row.workspaceId} ${row.subject} ${row.cycle}`;
}

/** Whether the month's reports of a workspace are planned (for any channel). */
export async function monthlyReportsPlanned(db: Db | Tx, workspaceId: string, month: string): Promise<boolean> {
  const { cycle } = seriesKey({ of: 'monthly-report', channelId: '', month });
  return (await db.reminder.count({ where: { workspaceId, kind: 'sla-report', cycle } })) > 0;
}

/** One report of the month per channel, in one statement (a duplicate key means another process planned them). */
export async function planMonthlyReportRows(db: Db | Tx, workspaceId: string, month: string, channels: readonly string[], dueAt: Date): Promise<void> {
  await db.reminder.createMany({
    data: channels.map((channelId) => ({ workspaceId, ...seriesKey({ of: 'monthly-report', channelId, month }), kind: 'sla-report', step: 'monthly', dueAt, channelId })),
  });
}

/**
 * Plans the report that reminders of `channelId` could not be delivered, posted to `reportTo`, once
 * per channel, error and day; null when it is planned already (by this or another process).
 */
export async function planDeliveryProblemRow(
  db: Db | Tx,
  report: { workspaceId: string; channelId: string; day: Day; kind: string; step: string; reportTo: string; now: Date },
): Promise<Reminder | null> {
  try {
    return await db.reminder.create({
      data: { workspaceId: report.workspaceId, ...seriesKey({ of: 'delivery-problem', channelId: report.channelId, day: report.day }), kind: report.kind, step: report.step, dueAt: report.now, channelId: report.reportTo },
    });
  } catch (e) {
    if ((e as { code?: string }).code === 'P2002') return null;
    throw e;
  }
}

/**
 * Rows of a channel given up (`dead`) since `since`, newest first (at most `limit`), with how many
 * there are: those given up because they stopped applying (`error: null`), or those whose last error
 * starts with `error` (refused for good, or given up for another reason).
 */
export async function undeliveredRows(
  db: Db | Tx,
  of: { workspaceId: string; channelId: string; since: Date; error: string | null },
  limit: number,
): Promise<{ rows: (Reminder & { contract: { name: string } | null })[]; total: number }> {
  const which = of.error === null
    ? { reason: { not: PERMANENT_ERROR } }
    : { lastError: { startsWith: of.error }, OR: [{ reason: null }, { reason: PERMANENT_ERROR }] };
  const where = { workspaceId: of.workspaceId, channelId: of.channelId, status: 'dead', ...which, updatedAt: { gte: of.since } };
  const [rows, total] = await Promise.all([
    db.reminder.findMany({ where, orderBy: { dueAt: 'desc' }, take: limit, include: { contract: { select: { name: true } } } }),
    db.reminder.count({ where }),
  ]);
  return { rows, total };
}
