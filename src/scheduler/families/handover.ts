import { HANDOVER_CHECKLIST, isOrphaned, weeklyAfter } from '../../domain/handover.js';
import { daysBetween } from '../../domain/days.js';
import { instantAt } from '../../domain/zoned-time.js';
import { rolesOf } from '../../store/contacts.js';
import { seriesAs } from '../../store/ledger-keys.js';
import { leavingDate } from '../../store/people.js';
import { syncPlan } from '../../store/reminder-ledger.js';
import { day, daysLeft, mention } from '../../messages/format.js';
import type { Block, Button } from '../../messages/model.js';
import { markLate } from '../../messages/late.js';
import { encode } from '../../messages/payloads.js';
import type { FamilyContext, ReminderFamily } from '../family.js';

const WEEKLY = /^w(\d+)$/;
const parts = (reminder: { subject: string; cycle: number; channelId: string | null }) => seriesAs('handover', reminder);

async function heldHere(ctx: FamilyContext) {
  const { userId, channelId } = parts(ctx.row);
  const held = await rolesOf(ctx.db, ctx.workspace.id, userId);
  return held.filter((r) => (r.contract.channelId ?? ctx.workspace.defaultChannel) === channelId);
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
    const held = await heldHere(ctx);
    const weekly = WEEKLY.test(ctx.row.step);
    // "in 3 days", "tomorrow", "today"; a late step posted after the day says "left".
    const gone = daysBetween(ctx.today, leavingOn) < 0;
    const when = daysLeft(ctx.today, leavingOn);
    const leaves = gone ? `left on ${day(leavingOn)}` : `leaves on ${day(leavingOn)}, ${when}`;
    const title = weekly ? `Still without a successor: ${mention(userId)} left on ${day(leavingOn)}` : `Handover: ${mention(userId)} ${leaves}`;
    const byContract = new Map<string, { name: string; vendor: string; roles: string[] }>();
    for (const r of held) {
      const entry = byContract.get(r.contract.id) ?? { name: r.contract.name, vendor: r.contract.vendor, roles: [] };
      entry.roles.push(r.role);
      byContract.set(r.contract.id, entry);
    }
    const buttons: Button[] = [...byContract].slice(0, 5).map(([contractId, c]) => ({ action: 'handover.assign', label: `Assign successor: ${c.name}`.slice(0, 75), value: encode({ c: contractId, u: userId }) }));
    const blocks: Block[] = [
      { type: 'section', text: `*${title}*` },
      { type: 'section', text: [...byContract.values()].map((c) => `• *${c.name}* (${c.vendor}): ${c.roles.join(', ')}`).join('\n') },
      { type: 'section', text: `*Checklist*\n${HANDOVER_CHECKLIST.map((item) => `☐ ${item}`).join('\n')}` },
      { type: 'actions', buttons },
    ];
    if (byContract.size > 5) blocks.push({ type: 'context', text: `${byContract.size - 5} more: /contract handover ${mention(userId)} @successor moves everything at once.` });
    const names = [...byContract.values()].map((c) => c.name).join(', ');
    const kind = weekly ? 'Handover overdue' : 'Handover due';
    const text = weekly
      ? `${kind}: ${mention(userId)} left on ${leavingOn}; still without a successor on ${names}.`
      : `${kind}: ${mention(userId)} ${gone ? `left on ${leavingOn}` : `leaves on ${leavingOn}, ${when}`}; contracts to hand over: ${names}.`;
    return { channelId, message: markLate({ text, blocks }, kind, ctx.late) };
  },
};
