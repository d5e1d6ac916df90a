import { isLate, pickLatestPerKind } from '../domain/catch-up.js';
import { dayIn } from '../domain/zoned-time.js';
import type { Db } from '../store/client.js';
import { claim, findDue, markFailed, markSent, markSkipped, type ClaimOptions, type Reminder } from '../store/reminder-ledger.js';
import { getWorkspace } from '../store/workspaces.js';
import type { Delivery } from '../messages/delivery.js';
import { retryDelayMs, MAX_ATTEMPTS } from './backoff.js';
import type { ReminderFamily } from './family.js';
import { contractReminders } from './families/contract-reminders.js';
import { slaWarnings } from './families/sla-warnings.js';
import { monthlyReports, planMonthlyReports } from './families/monthly-report.js';
import { handoverReminders } from './families/handover.js';

export const FAMILIES: readonly ReminderFamily[] = [contractReminders, slaWarnings, monthlyReports, handoverReminders];

export interface PassDeps {
  db: Db;
  delivery: Delivery;
  /** Wall clock, for claim leases between processes. */
  clock: () => Date;
  log?: (line: string) => void;
  /** A claim older than this is taken over (its process is presumed dead). */
  leaseMs?: number;
  batchSize?: number;
  families?: readonly ReminderFamily[];
}

export interface PassReport {
  posted: number;
  late: number;
  skipped: number;
  failed: number;
}

/**
 * One scheduler pass "as of" `now`: finds due ledger rows by due instant, keeps only the latest of
 * each kind per subject, claims each row before posting and marks it sent after. Safe to run in
 * several processes at once.
 */
export async function runPass(deps: PassDeps, now: Date): Promise<PassReport> {
  const report: PassReport = { posted: 0, late: 0, skipped: 0, failed: 0 };
  const tried = new Set<string>();
  const options = (): ClaimOptions => ({ now, realNow: deps.clock(), leaseMs: deps.leaseMs ?? 5 * 60_000 });
  await planMonthlyReports(deps.db, now);
  for (;;) {
    const due = await findDue(deps.db, options(), deps.batchSize ?? 500, [...tried]);
    if (due.length === 0) break;
    const { post, skip } = pickLatestPerKind(due);
    await markSkipped(deps.db, skip.map((r) => r.id), 'superseded by a later reminder');
    report.skipped += skip.length;
    skip.forEach((r) => tried.add(r.id));
    // Oldest first: within a contract, renewal steps before "deadline passed" before the end of term.
    for (const reminder of post.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())) {
      tried.add(reminder.id);
      await handle(deps, reminder, now, options(), report);
    }
  }
  return report;
}

async function handle(deps: PassDeps, reminder: Reminder, now: Date, options: ClaimOptions, report: PassReport): Promise<void> {
  const family = (deps.families ?? FAMILIES).find((f) => f.kinds.includes(reminder.kind));
  const workspace = await getWorkspace(deps.db, reminder.workspaceId);
  if (!family || !workspace) {
    await markSkipped(deps.db, [reminder.id], family ? 'workspace gone' : `unknown kind ${reminder.kind}`);
    report.skipped += 1;
    return;
  }
  const late = isLate(reminder.dueAt, now, workspace.timezone) ? { dueDay: dayIn(reminder.dueAt, workspace.timezone) } : null;
  const ctx = { db: deps.db, reminder, workspace, now, today: dayIn(now, workspace.timezone), late };
  const stale = await family.stale(ctx);
  if (stale) {
    await markSkipped(deps.db, [reminder.id], stale);
    report.skipped += 1;
    return;
  }
  const token = await claim(deps.db, reminder, options);
  if (!token) return; // another pass or process has it

  const built = await family.build(ctx);
  if (!built) {
    await deps.db.reminder.updateMany({ where: { id: reminder.id, claimToken: token }, data: { status: 'skipped', lastError: 'no longer applies' } });
    report.skipped += 1;
    return;
  }
  const channelId = built.channelId ?? reminder.channelId ?? workspace.defaultChannel;
  if (!channelId) {
    await markFailed(deps.db, reminder.id, token, 'no channel: set one with /renewals settings channel:#…', null);
    report.failed += 1;
    return;
  }
  const result = await deps.delivery.post({ workspaceId: workspace.id, channelId }, built.message);
  if (result.ok) {
    await markSent(deps.db, reminder.id, token, { channelId, messageTs: result.messageId, late: late !== null, at: deps.clock() });
    report.posted += 1;
    if (late) report.late += 1;
    deps.log?.(`posted ${reminder.kind} ${reminder.step} (${reminder.subject}) to ${channelId}${late ? ' (late)' : ''}`);
    return;
  }
  const attempts = reminder.attempts + 1;
  const giveUp = result.permanent === true || attempts >= MAX_ATTEMPTS;
  const delay = Math.max(result.retryAfterMs ?? 0, retryDelayMs(attempts));
  await markFailed(deps.db, reminder.id, token, result.error, giveUp ? null : new Date(now.getTime() + delay));
  report.failed += 1;
  deps.log?.(`could not post ${reminder.kind} (${reminder.subject}) to ${channelId}: ${result.error}${giveUp ? ' (giving up)' : `, retrying in ${Math.round(delay / 1000)} s`}`);
}
