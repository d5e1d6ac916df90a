import { handoverSteps, weeklyAfter } from '../domain/handover.js';
import type { Day } from '../domain/days.js';
import { instantAt } from '../domain/zoned-time.js';
import type { Tx } from './client.js';
import { rolesOf } from './contacts.js';
import { handoverSubjectPrefix } from './ledger-keys.js';
import { syncPlan } from './reminder-ledger.js';
import type { Workspace } from './workspaces.js';

/**
 * Plans a leaver's handover reminders: one series per channel that holds one of their contracts
 * (30, 14, 7 and 1 days before, then weekly after while roles are left without a successor).
 */
export async function planHandover(tx: Tx, workspace: Workspace, userId: string, leavingOn: Day, today: Day): Promise<string[]> {
  const held = await rolesOf(tx, workspace.id, userId);
  const channels = [...new Set(held.map((r) => r.onContract.channelId ?? workspace.defaultChannel).filter((c): c is string => c !== null))];
  await cancelHandover(tx, workspace.id, userId);
  const steps = [...handoverSteps(leavingOn, today), weeklyAfter(leavingOn, 1)];
  for (const channelId of channels) {
    await syncPlan(
      tx,
      { workspaceId: workspace.id, series: { of: 'handover', userId, channelId, leavingOn }, contractId: null },
      steps.map((s) => ({ kind: 'handover', step: s.step, dueAt: instantAt(s.dueDay, workspace.reminderTime, workspace.timezone), channelId })),
    );
  }
  return channels;
}

export async function cancelHandover(tx: Tx, workspaceId: string, userId: string): Promise<void> {
  await tx.reminder.updateMany({
    where: { workspaceId, kind: 'handover', subject: { startsWith: handoverSubjectPrefix(userId) }, status: { in: ['planned', 'failed'] } },
    data: { status: 'cancelled' },
  });
}
