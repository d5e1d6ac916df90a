import { markGivenUp, markSkipped, type Reminder } from '../store/reminder-ledger.js';
import { DELIVERY_PROBLEM, GAVE_UP, planDeliveryProblemReport } from './families/delivery-problems.js';
import type { RowOutcome } from './outcome.js';
import { channelKey, type PassRun } from './pass-run.js';

export const SUPERSEDED = 'superseded by a later reminder';

/**
 * Rows that will not be posted: superseded, or no longer applying. A row still waiting for a retry
 * (`failed`: its last post failed or was held back) is not skipped silently: it is given up, with the
 * reason and the channel it was going to, and the failing channel is reported to the workspace
 * channel (once a day). The others are skipped, as after downtime. One outcome per row, in order.
 */
export async function dropRows(run: PassRun, rows: readonly Reminder[], reason: string): Promise<RowOutcome[]> {
  const outcomes = new Map<string, RowOutcome>();
  const clean = rows.filter((r) => r.status !== 'failed');
  await markSkipped(run.db, clean.map((r) => r.id), reason);
  for (const row of clean) outcomes.set(row.id, 'skipped');
  const waiting = rows.filter((r) => r.status === 'failed');
  const destinations = await run.destinations(waiting);
  const byChannel = new Map<string, Reminder[]>();
  for (const row of waiting) {
    const key = channelKey(destinations.get(row.id)!);
    byChannel.set(key, [...(byChannel.get(key) ?? []), row]);
  }
  for (const group of byChannel.values()) {
    const first = group[0]!;
    const channelId = destinations.get(first.id)!.channelId || null;
    const count = await markGivenUp(run.db, group.map((r) => r.id), channelId, reason);
    // Fewer than the group: another process took some meanwhile (which ones does not matter for the tally).
    group.forEach((row, i) => outcomes.set(row.id, i < count ? 'given-up' : 'lost'));
    if (count === 0) continue;
    run.log(`gave up ${count} reminder(s) for ${channelId ?? 'no channel'} (${reason}) after failed posts (last: ${first.lastError ?? 'unknown'})`, 'warn');
    const workspace = await run.workspace(first.workspaceId);
    if (!workspace || !channelId || group.every((r) => r.kind === DELIVERY_PROBLEM)) continue;
    const report = await planDeliveryProblemReport(run.db, workspace, channelId, GAVE_UP, run.now);
    if (report) run.addReports([report]);
  }
  return rows.map((row) => outcomes.get(row.id)!);
}
