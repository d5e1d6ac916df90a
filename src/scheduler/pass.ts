import { deadlineOf } from '../domain/contract-terms.js';
import { isLate, isRenewalStale, pickLatestPerKind } from '../domain/catch-up.js';
import { dayIn } from '../domain/zoned-time.js';
import type { Db } from '../store/client.js';
import { termsOf } from '../store/contracts.js';
import { claim, findDue, markFailed, markSent, markSkipped, type ClaimOptions, type Reminder } from '../store/reminder-ledger.js';
import { getWorkspace, type WorkspaceSettings } from '../store/workspaces.js';
import type { Delivery } from '../messages/delivery.js';
import type { Message } from '../messages/model.js';
import { retryDelayMs, MAX_ATTEMPTS } from './backoff.js';
import { reminderMessage } from './reminder-message.js';
import { applyEndOfTerm } from './end-of-term.js';

export interface PassDeps {
  db: Db;
  delivery: Delivery;
  /** Wall clock, for claim leases between processes. */
  clock: () => Date;
  log?: (line: string) => void;
  /** A claim older than this is taken over (its process is presumed dead). */
  leaseMs?: number;
  batchSize?: number;
}

export interface PassReport {
  posted: number;
  late: number;
  skipped: number;
  failed: number;
}

/**
 * One scheduler pass "as of" `now`: finds due ledger rows by due instant, keeps only the latest of
 * each kind per contract, claims each row before posting and marks it sent after. Safe to run in
 * several processes at once.
 */
export async function runPass(deps: PassDeps, now: Date): Promise<PassReport> {
  const report: PassReport = { posted: 0, late: 0, skipped: 0, failed: 0 };
  const triedThisPass = new Set<string>();
  const options = (): ClaimOptions => ({ now, realNow: deps.clock(), leaseMs: deps.leaseMs ?? 5 * 60_000 });
  for (;;) {
    const due = await findDue(deps.db, options(), deps.batchSize ?? 500, [...triedThisPass]);
    if (due.length === 0) break;
    const { post, skip } = pickLatestPerKind(due);
    await markSkipped(deps.db, skip.map((r) => r.id), 'superseded by a later reminder');
    report.skipped += skip.length;
    skip.forEach((r) => triedThisPass.add(r.id));
    // Within a contract: renewal steps before "deadline passed" before the end of term.
    const ordered = [...post].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    for (const reminder of ordered) {
      triedThisPass.add(reminder.id);
      await handle(deps, reminder, now, options(), report);
    }
  }
  return report;
}

async function handle(deps: PassDeps, reminder: Reminder, now: Date, options: ClaimOptions, report: PassReport): Promise<void> {
  const workspace = await getWorkspace(deps.db, reminder.workspaceId);
  const contract = await deps.db.contract.findUnique({ where: { id: reminder.contractId } });
  if (!workspace || !contract) return;
  const today = dayIn(now, workspace.timezone);

  if (reminder.kind !== 'end' && (contract.status !== 'active' || contract.cycle !== reminder.cycle)) {
    await markSkipped(deps.db, [reminder.id], 'contract changed');
    report.skipped += 1;
    return;
  }
  if (reminder.kind === 'renewal' && isRenewalStale(deadlineOf(termsOf(contract)), today)) {
    await markSkipped(deps.db, [reminder.id], 'deadline already passed');
    report.skipped += 1;
    return;
  }
  if (reminder.kind === 'deadline' && today > contract.end) {
    await markSkipped(deps.db, [reminder.id], 'term already ended');
    report.skipped += 1;
    return;
  }

  const token = await claim(deps.db, reminder, options);
  if (!token) return; // another pass or process has it

  const late = isLate(reminder.dueAt, now, workspace.timezone) ? { dueDay: dayIn(reminder.dueAt, workspace.timezone) } : null;
  const built = await buildMessage(deps, reminder, workspace, today, late);
  if (!built) {
    await deps.db.reminder.updateMany({ where: { id: reminder.id, claimToken: token }, data: { status: 'skipped', lastError: 'no longer applies' } });
    report.skipped += 1;
    return;
  }
  const channelId = built.channelId ?? workspace.defaultChannel;
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
    deps.log?.(`posted ${reminder.kind} ${reminder.step} for ${contract.name} to ${channelId}${late ? ' (late)' : ''}`);
    return;
  }
  const attempts = reminder.attempts + 1;
  const giveUp = result.permanent === true || attempts >= MAX_ATTEMPTS;
  const delay = Math.max(result.retryAfterMs ?? 0, retryDelayMs(attempts));
  await markFailed(deps.db, reminder.id, token, result.error, giveUp ? null : new Date(now.getTime() + delay));
  report.failed += 1;
  deps.log?.(`could not post ${reminder.kind} for ${contract.name} to ${channelId}: ${result.error}${giveUp ? ' (giving up)' : `, retrying in ${Math.round(delay / 1000)} s`}`);
}

async function buildMessage(
  deps: PassDeps,
  reminder: Reminder,
  workspace: WorkspaceSettings,
  today: string,
  late: { dueDay: string } | null,
): Promise<{ message: Message; channelId: string | null } | null> {
  if (reminder.kind === 'end') {
    const result = await deps.db.$transaction((tx) => applyEndOfTerm(tx, reminder, workspace, today));
    if (!result) return null;
    return { message: reminderMessage.end(result.contract, result.outcome, late), channelId: result.contract.channelId };
  }
  const contract = await deps.db.contract.findUniqueOrThrow({ where: { id: reminder.contractId } });
  const message = await reminderMessage.forKind(deps.db, reminder, contract, workspace, today, late);
  return { message, channelId: contract.channelId };
}
