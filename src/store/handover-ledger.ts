import { handoverSteps, weeklyAfter } from '../domain/handover.js';
import type { Day } from '../domain/days.js';
import { instantAt } from '../domain/zoned-time.js';
import type { Tx } from './client.js';
import { rolesOf } from './contacts.js';
import { syncPlan } from './reminder-ledger.js';
import type { WorkspaceSettings } from './workspaces.js';

export function handoverSubject(userId: string, channelId: string): string {
  return `handover:${userId}:${channelId}`;
}

/** A leaving date as a ledger cycle (20261231): a new date starts a fresh set of reminders. */
export function leavingCycle(leavingOn: Day): number {
  return Number(leavingOn.replace(/-/g, ''));
}

/**
 * Plans a leaver's handover reminders: one series per channel that holds one of their contracts
 * (30, 14, 7 and 1 days before, then weekly after while roles are left without a successor).
 */
export async function planHandover(tx: Tx, workspace: WorkspaceSettings, userId: string, leavingOn: Day, today: Day): Promise<string[]> {
  const held = await rolesOf(tx, workspace.id, userId);
  const channels = [...new Set(held.map((r) => r.contract.channelId ?? workspace.defaultChannel).filter((c): c is string => c !== null))];
  await cancelHandover(tx, workspace.id, userId);
  const steps = [...handoverSteps(leavingOn, today), weeklyAfter(leavingOn, 1)];
  for (const channelId of channels) {
    await syncPlan(
      tx,
      { workspaceId: workspace.id, subject: handoverSubject(userId, channelId), contractId: null, cycle: leavingCycle(leavingOn) },
      steps.map((s) => ({ kind: 'handover', step: s.step, dueAt: instantAt(s.dueDay, workspace.reminderTime, workspace.timezone), channelId })),
    );
  }
  return channels;
}

export async function cancelHandover(tx: Tx, workspaceId: string, userId: string): Promise<void> {
  await tx.reminder.updateMany({
    where: { workspaceId, kind: 'handover', subject: { startsWith: `handover:${userId}:` }, status: { in: ['planned', 'failed'] } },
    data: { status: 'cancelled' },
  });
}
