import { randomUUID } from 'node:crypto';
import type { Reminder } from '../generated/prisma/client.js';
import { planCycle, type PlannedReminder } from '../domain/reminder-plan.js';
import type { Day } from '../domain/days.js';
import type { Db, Tx } from './client.js';
import { termsOf, type Contract } from './contracts.js';
import { seriesKey, type LedgerSeries } from './ledger-keys.js';
import type { WorkspaceSettings } from './workspaces.js';

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
export async function replanContract(tx: Tx, contract: Contract, workspace: WorkspaceSettings, from: Day): Promise<PlannedReminder[]> {
  if (contract.status !== 'active') {
    await cancelPlanned(tx, contract.id);
    return [];
  }
  const decided = await hasFinalDecision(tx, contract.id, contract.cycle);
  const plan = planCycle(termsOf(contract), workspace, { from, decided, snoozedUntil: contract.snoozedUntil });
  await syncPlan(tx, { workspaceId: contract.workspaceId, series: { of: 'contract', contractId: contract.id, cycle: contract.cycle }, contractId: contract.id }, plan);
  // Reminders of earlier cycles that never went out are obsolete now.
  await tx.reminder.updateMany({
    where: { subject: contractSubject(contract.id), cycle: { lt: contract.cycle }, status: { in: ['planned', 'failed'] } },
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
    where: { subject: contractSubject(contractId), cycle, status: { in: ['planned', 'failed'] } },
    orderBy: { dueAt: 'asc' },
    take: limit,
  });
}

/** A workspace's next reminders still to go out (every family), soonest first. */
export async function nextRemindersOfWorkspace(db: Db | Tx, workspaceId: string, limit: number): Promise<Reminder[]> {
  return db.reminder.findMany({ where: { workspaceId, status: { in: ['planned', 'failed'] } }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], take: limit });
}

export interface ClaimOptions {
  /** The pass's "as of" instant: what is due. */
  now: Date;
  /** Wall-clock time, for leases between processes. */
  realNow: Date;
  leaseMs: number;
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
        {
          OR: [
            { status: 'planned' },
            { status: 'failed', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: options.now } }] },
            { status: 'sending', claimedAt: { lt: new Date(options.realNow.getTime() - options.leaseMs) } },
          ],
        },
        ...(after ? [{ OR: [{ dueAt: { gt: after.dueAt } }, { dueAt: after.dueAt, id: { gt: after.id } }] }] : []),
      ],
    },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}

/** Atomically takes a due row for this process; false when another process got it first. */
export async function claim(db: Db, reminder: Reminder, options: ClaimOptions): Promise<string | null> {
  const token = randomUUID();
  const { count } = await db.reminder.updateMany({
    where: {
      id: reminder.id,
      OR: [
        { status: 'planned' },
        { status: 'failed', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: options.now } }] },
        { status: 'sending', claimedAt: { lt: new Date(options.realNow.getTime() - options.leaseMs) } },
      ],
    },
    data: { status: 'sending', claimToken: token, claimedAt: options.realNow, attempts: { increment: 1 } },
  });
  return count === 1 ? token : null;
}

/**
 * Extends a claim that has been waiting (for a free connection, or the channel's pace) before its
 * post: false when the lease ran out and another process took the row over, which then posts it.
 */
export async function renewClaim(db: Db, id: string, token: string, realNow: Date): Promise<boolean> {
  const { count } = await db.reminder.updateMany({ where: { id, claimToken: token, status: 'sending' }, data: { claimedAt: realNow } });
  return count === 1;
}

export async function markSent(db: Db, id: string, token: string, result: { channelId: string; messageTs: string | null; late: boolean; at: Date }): Promise<void> {
  await db.reminder.updateMany({
    where: { id, claimToken: token },
    data: { status: 'sent', channelId: result.channelId, messageTs: result.messageTs, late: result.late, sentAt: result.at, lastError: null },
  });
}

/** Why a row was given up when its error will not heal (channel gone, bot removed, token revoked). */
export const PERMANENT_ERROR = 'permanent error';

/** A failed post: retried from `retryAt`, or, with null, given up (`dead`, recording where it was going). */
export async function markFailed(db: Db, id: string, token: string, error: string, retryAt: Date | null, channelId?: string): Promise<void> {
  await db.reminder.updateMany({
    where: { id, claimToken: token },
    data: retryAt
      ? { status: 'failed', lastError: error, nextAttemptAt: retryAt }
      : { status: 'dead', lastError: error, reason: PERMANENT_ERROR, ...(channelId && { channelId }) },
  });
}

/**
 * Gives a claimed row back without a post attempt: due again from `retryAt` when the platform held it
 * back (a rate limit longer than the pass waits; `failed`), or at once with null (the pass is
 * stopping, the platform is not connected here: `planned`, as if never tried).
 */
export async function releaseClaim(db: Db, id: string, token: string, reason: string, retryAt: Date | null): Promise<void> {
  await db.reminder.updateMany({
    where: { id, claimToken: token, status: 'sending' },
    data: { status: retryAt ? 'failed' : 'planned', lastError: reason, nextAttemptAt: retryAt, attempts: { decrement: 1 } },
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
    where: { contractId, cycle, kind: { in: ['renewal', 'deadline'] }, status: 'sent', messageTs: { not: null } },
    orderBy: { sentAt: 'desc' },
  });
}

/** What a row's one-time effect did (the end of a term), kept so that a retried post tells the same story. */
export async function recordDetail(tx: Db | Tx, reminderId: string, detail: object): Promise<void> {
  await tx.reminder.update({ where: { id: reminderId }, data: { detail: JSON.stringify(detail) } });
}

/** The ledger row behind a posted message of a contract, if the bot posted it. */
export async function postedReminder(db: Db | Tx, contractId: string, channelId: string, messageId: string): Promise<Reminder | null> {
  return db.reminder.findFirst({ where: { contractId, channelId, messageTs: messageId } });
}

/** A claimed row its family decided not to post (it no longer applies), under the claim's token only. */
export async function skipClaimed(db: Db, reminderId: string, token: string, reason: string): Promise<void> {
  await db.reminder.updateMany({ where: { id: reminderId, claimToken: token }, data: { status: 'skipped', reason } });
}

/** Whether another step of the row's series, of `kind`, is due by `now` (a breach supersedes its warning). */
export async function siblingDue(db: Db | Tx, row: Pick<Reminder, 'workspaceId' | 'subject' | 'cycle'>, kind: string, now: Date): Promise<boolean> {
  return (await db.reminder.count({ where: { workspaceId: row.workspaceId, subject: row.subject, cycle: row.cycle, kind, dueAt: { lte: now } } })) > 0;
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
