import { dayIn } from '../../domain/zoned-time.js';
import { deliveryGaveUp, deliveryProblem } from '../../messages/delivery-problem.js';
import type { Db } from '../../store/client.js';
import { seriesAs } from '../../store/ledger-keys.js';
import { planDeliveryProblemRow, undeliveredRows, type Reminder } from '../../store/reminder-ledger.js';
import type { Workspace } from '../../store/workspaces.js';
import type { ReminderFamily } from '../family.js';

export const DELIVERY_PROBLEM = 'delivery-problem';
/**
 * The `error` of the report about reminders given up because their posts kept failing (transient
 * errors) until they no longer applied. No platform error reads like it (they have no spaces).
 */
export const GAVE_UP = 'kept failing until no longer applied';
const LISTED = 10;

/**
 * A post failed for good (channel not found, bot not in channel…), or posts kept failing until their
 * reminders no longer applied (`GAVE_UP`): plans one report to the workspace channel per failing
 * channel, error and day. The ledger's unique key makes it once across passes and processes. Nothing
 * is planned when there is no workspace channel, or when it is the failing one.
 */
export async function planDeliveryProblemReport(db: Db, workspace: Workspace, channelId: string, error: string, now: Date): Promise<Reminder | null> {
  const reportTo = workspace.defaultChannel;
  if (!reportTo || reportTo === channelId) return null;
  const day = dayIn(now, workspace.timezone);
  return planDeliveryProblemRow(db, { workspaceId: workspace.id, channelId, day, kind: DELIVERY_PROBLEM, step: error.slice(0, 100), reportTo, now });
}

/** The report itself: which reminders of that channel were given up (in the day before it was planned). */
export const deliveryProblems: ReminderFamily = {
  kinds: [DELIVERY_PROBLEM],

  async whyNotPost() {
    return null;
  },

  async build({ db, row, workspace, late }) {
    const { channelId } = seriesAs('delivery-problem', row);
    const gaveUp = row.step === GAVE_UP;
    const since = new Date(row.createdAt.getTime() - 24 * 3600_000);
    const { rows, total } = await undeliveredRows(db, { workspaceId: workspace.id, channelId, since, error: gaveUp ? null : row.step }, LISTED);
    const undelivered = rows.map((r) => ({ kind: r.kind, contractName: r.contract?.name ?? null, dueDay: dayIn(r.dueAt, workspace.timezone), reason: r.reason ?? 'no longer applied' }));
    const message = gaveUp ? deliveryGaveUp(channelId, undelivered, Math.max(total, 1), late) : deliveryProblem(channelId, row.step, undelivered, Math.max(total, 1), late);
    return { message, channelId: row.channelId };
  },
};
