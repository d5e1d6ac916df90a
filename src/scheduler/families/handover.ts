import { isOrphaned, weeklyAfter } from '../../domain/handover.js';
import { instantAt } from '../../domain/zoned-time.js';
import { rolesOf } from '../../store/contacts.js';
import { seriesAs } from '../../store/ledger-keys.js';
import { leavingDate } from '../../store/people.js';
import { syncPlan } from '../../store/reminder-ledger.js';
import { handoverReminder, type HeldContract } from '../../messages/handover-reminder.js';
import type { FamilyContext, ReminderFamily } from '../family.js';

const WEEKLY = /^w(\d+)$/;
const parts = (reminder: { subject: string; cycle: number; channelId: string | null }) => seriesAs('handover', reminder);

async function heldHere(ctx: FamilyContext) {
  const { userId, channelId } = parts(ctx.row);
  const held = await rolesOf(ctx.db, ctx.workspace.id, userId);
  return held.filter((r) => (r.onContract.channelId ?? ctx.workspace.defaultChannel) === channelId);
}

/** A leaver's handover reminders, one message per channel listing their contracts there. */
export const handoverReminders: ReminderFamily = {
  kinds: ['handover'],

  async whyNotPost(ctx) {
    const series = parts(ctx.row);
    const leavingOn = await leavingDate(ctx.db, ctx.workspace.id, series.userId);
    // A new leaving date started a new series: this one is over.
    if (!leavingOn || leavingOn !== series.leavingOn) return 'leaving date changed';
    const held = await heldHere(ctx);
    if (held.length === 0) return 'nothing left to hand over here';
    if (ctx.row.step.startsWith('w') && !isOrphaned(leavingOn, ctx.today, held.length)) return 'not orphaned';
    return null;
  },

  /** A weekly reminder keeps the next one planned, while roles remain without a successor. */
  async beforePost(ctx) {
    const weekly = WEEKLY.exec(ctx.row.step);
    if (!weekly) return null;
    const series = parts(ctx.row);
    const next = weeklyAfter(series.leavingOn, Number(weekly[1]) + 1);
    await ctx.db.$transaction((tx) =>
      syncPlan(tx, { workspaceId: ctx.workspace.id, series, contractId: null }, [
        { kind: 'handover', step: ctx.row.step, dueAt: ctx.row.dueAt, channelId: series.channelId },
        { kind: 'handover', step: next.step, dueAt: instantAt(next.dueDay, ctx.workspace.reminderTime, ctx.workspace.timezone), channelId: series.channelId },
      ]),
    );
    return null;
  },

  async build(ctx) {
    const { userId, channelId } = parts(ctx.row);
    const leavingOn = (await leavingDate(ctx.db, ctx.workspace.id, userId))!;
    const held = new Map<string, HeldContract>();
    for (const { onContract, role } of await heldHere(ctx)) {
      const entry = held.get(onContract.id) ?? { contractId: onContract.id, name: onContract.name, vendor: onContract.vendor, roles: [] };
      entry.roles.push(role);
      held.set(onContract.id, entry);
    }
    const message = handoverReminder({ userId, leavingOn }, [...held.values()], { today: ctx.today, weekly: WEEKLY.test(ctx.row.step), late: ctx.late });
    return { channelId, message };
  },
};
