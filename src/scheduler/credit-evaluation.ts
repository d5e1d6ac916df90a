import { addDays, compareDays, shiftToFridayBefore, shiftToMondayAfter, type Day } from '../domain/days.js';
import { claimDeadline, lastDayOf, monthlyCredit, type CreditTier } from '../domain/credits.js';
import type { Per } from '../domain/contract-terms.js';
import { calendarMonth } from '../domain/periods.js';
import { dayIn, instantAt } from '../domain/zoned-time.js';
import type { Db } from '../store/client.js';
import type { Contract } from '../store/contracts.js';
import { claimCreditMonth, contractsWithCreditTiers, createCredit, type EvidenceItem, type NewCredit } from '../store/credits.js';
import { issuesOpenedBetween, outagesOverlapping } from '../store/issues.js';
import type { PlannedRow } from '../store/reminder-ledger.js';
import { allWorkspaces } from '../store/workspaces.js';
import { firstBusinessDay } from './families/monthly-report.js';
import { lastLine, type Log } from '../log.js';

/** Claim reminders this many days before a credit's claim deadline, while it is unclaimed. */
export const CLAIM_REMINDER_DAYS = [7, 1] as const;
const MINUTE = 60_000;

interface EvaluatedWorkspace {
  id: string;
  timezone: string;
  reminderTime: string;
  createdAt: Date;
  creditMonth: string | null;
}

/**
 * On the first business day of a month, at the reminder time, the month before is evaluated once per
 * workspace: each active contract with credit tiers whose uptime fell below a tier gets a credit and
 * its ledger rows (the message, the claim reminders, "lost"). The workspace's mark makes it once: the
 * process that moves it evaluates, in the same transaction as the credits it creates. A problem is
 * logged and the next pass tries again (nothing of that workspace was stored).
 */
export async function planServiceCredits(db: Db, now: Date, log?: Log, onlyWorkspace?: string): Promise<void> {
  let workspaces: EvaluatedWorkspace[];
  try {
    workspaces = await allWorkspaces(db);
  } catch (error) {
    log?.(`could not evaluate the service credits (retried next pass): ${lastLine(error)}`, 'warn');
    return;
  }
  for (const ws of workspaces) {
    if (onlyWorkspace !== undefined && ws.id !== onlyWorkspace) continue;
    try {
      await evaluateWorkspace(db, ws, now);
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002') continue; // another process evaluated it
      log?.(`could not evaluate the service credits of ${ws.id} (retried next pass): ${lastLine(error)}`, 'warn');
    }
  }
}

async function evaluateWorkspace(db: Db, ws: EvaluatedWorkspace, now: Date): Promise<void> {
  const today = dayIn(now, ws.timezone);
  const day = firstBusinessDay(today.slice(0, 7));
  const dueAt = instantAt(day, ws.reminderTime, ws.timezone);
  const month = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  if (now < dueAt || (ws.creditMonth !== null && ws.creditMonth >= month) || ws.createdAt > dueAt) return;
  const candidates = await contractsWithCreditTiers(db, ws.id);
  const credits: { credit: NewCredit; rows: PlannedRow[] }[] = [];
  for (const { contract, tiers, claimDays, uptimeTarget } of candidates) {
    const credit = await evaluateContract(db, contract, { month, timezone: ws.timezone, tiers, claimDays, uptimeTarget, now });
    if (credit) credits.push({ credit, rows: creditRows(credit.claimDeadline, day, ws) });
  }
  await db.$transaction(async (tx) => {
    if (!(await claimCreditMonth(tx, ws.id, month))) return;
    for (const { credit, rows } of credits) await createCredit(tx, credit, rows);
  }, { timeout: 60_000 });
}

/** The credit's message on the first business day, reminders 7 and 1 days before its deadline (weekends: the Friday before), "lost" the day after it (weekends: the Monday after). */
export function creditRows(deadline: Day, messageDay: Day, ws: { timezone: string; reminderTime: string }): PlannedRow[] {
  const at = (d: Day) => instantAt(d, ws.reminderTime, ws.timezone);
  const rows: PlannedRow[] = [{ kind: 'credit', step: 'issued', dueAt: at(messageDay) }];
  for (const days of CLAIM_REMINDER_DAYS) {
    const dueDay = shiftToFridayBefore(addDays(deadline, -days));
    if (compareDays(dueDay, messageDay) > 0) rows.push({ kind: 'credit-reminder', step: `d${days}`, dueAt: at(dueDay) });
  }
  const lostDay = shiftToMondayAfter(addDays(deadline, 1));
  rows.push({ kind: 'credit-lost', step: 'lost', dueAt: at(compareDays(lostDay, messageDay) > 0 ? lostDay : messageDay) });
  return rows;
}

interface Evaluation {
  month: string;
  timezone: string;
  tiers: CreditTier[];
  claimDays: number;
  uptimeTarget: number | null;
  now: Date;
}

async function evaluateContract(db: Db, contract: Contract, e: Evaluation): Promise<NewCredit | null> {
  const period = calendarMonth(e.month, e.timezone).current;
  const firstDay = `${e.month}-01`;
  const outages = await outagesOverlapping(db, contract.id, period.start, period.end);
  const result = monthlyCredit({
    month: period, firstDay, lastDay: lastDayOf(e.month), start: contract.start,
    serviceStart: contract.start && contract.start > firstDay ? instantAt(contract.start, '00:00', e.timezone) : null,
    outages: outages.map((o) => ({ start: o.startAt, end: o.endAt, maintenance: o.maintenance })),
    tiers: e.tiers, value: contract.value, per: contract.per as Per,
  });
  if (!result) return null;
  const counted = outages.filter((o) => !o.maintenance).sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
  const inMonth = (start: Date, end: Date) => Math.round((Math.min(end.getTime(), period.end.getTime()) - Math.max(start.getTime(), period.start.getTime())) / MINUTE);
  const during = (at: Date) => counted.some((o) => o.startAt <= at && at < o.endAt);
  // The issues behind it: the month's P1 issues and any issue opened during a counted outage.
  const issues = (await issuesOpenedBetween(db, contract.id, period.start, period.end))
    .filter((i) => i.priority === 'p1' || during(i.openedAt))
    .sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
  const evidence: EvidenceItem[] = [
    ...counted.map((o) => ({ kind: 'outage' as const, label: o.number === null ? null : `O-${o.number}`, start: o.startAt.toISOString(), end: o.endAt.toISOString(), minutes: inMonth(o.startAt, o.endAt) })),
    ...issues.map((i) => ({
      kind: 'issue' as const, label: `I-${i.number}`, summary: `${i.priority.toUpperCase()} ${i.summary}`, start: i.openedAt.toISOString(), end: i.resolvedAt?.toISOString() ?? null,
      minutes: i.resolvedAt ? Math.round((i.resolvedAt.getTime() - i.openedAt.getTime()) / MINUTE) : null,
    })),
  ];
  return {
    workspaceId: contract.workspaceId, contractId: contract.id, month: e.month, uptime: result.uptime,
    uptimeTarget: e.uptimeTarget ?? e.tiers[0]?.below ?? null, below: result.tier.below, percent: result.tier.percent,
    fee: result.fee, amount: result.amount, currency: contract.currency, claimDeadline: claimDeadline(e.month, e.claimDays),
    evidence: JSON.stringify(evidence), createdAt: e.now,
  };
}
