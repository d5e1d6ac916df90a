import { pickLatestPerKind } from '../domain/catch-up.js';
import { findDue, type DueCursor } from '../store/reminder-ledger.js';
import { RowDelivery } from './deliver-row.js';
import { DELIVERY_PROBLEM } from './families/delivery-problems.js';
import { planMonthlyReports } from './families/monthly-report.js';
import { planServiceCredits } from './credit-evaluation.js';
import { dropRows, SUPERSEDED } from './give-up.js';
import { ChannelLanes } from './lanes.js';
import type { PassReport } from './outcome.js';
import { PassRun, type PassDeps } from './pass-run.js';

export type { PassDeps } from './pass-run.js';
export type { PassReport } from './outcome.js';
export { DEFAULT_LEASE_MS } from './pass-run.js';

/**
 * One scheduler pass "as of" `now`: due ledger rows → their family → message → claim → deliver →
 * one outcome per row, tallied in the report. Safe to run in several processes at once.
 *
 * 1. The month's SLA reports are planned (a problem there is logged and keeps nothing else back).
 * 2. Due rows are read a page at a time, oldest first; only the latest of each kind per subject
 *    goes out, the older ones are skipped (or given up, when their posts had been failing).
 * 3. The rows are lined up per subject and channel (`ChannelLanes`) and each is handled by
 *    `RowDelivery`: checked, claimed, built by its family, paced within its platform's limits,
 *    posted, and what the platform answered recorded on the claim.
 * 4. Reports of reminders that could not be delivered go out last, listing everything this pass
 *    gave up.
 */
export async function runPass(deps: PassDeps, now: Date): Promise<PassReport> {
  const run = new PassRun(deps, now);
  const rows = new RowDelivery(run);
  const lanes = new ChannelLanes(run, (row) => rows.handle(row));
  await planMonthlyReports(deps.db, now, deps.log, deps.workspaceId);
  await planServiceCredits(deps.db, now, deps.log, deps.workspaceId);
  const batchSize = deps.batchSize ?? 500;
  let cursor: DueCursor | undefined;
  try {
    for (;;) {
      if (run.stopped) break;
      const due = await findDue(deps.db, { ...run.claimOptions(), workspaceId: deps.workspaceId }, batchSize, cursor);
      if (due.length === 0) {
        if (lanes.busy) {
          await lanes.idle();
          continue;
        }
        // Reports of undeliverable reminders go out last, so that they list everything this pass gave up.
        const reports = run.takeReports();
        if (reports.length === 0) break;
        await lanes.enqueue(reports);
        continue;
      }
      const last = due[due.length - 1]!;
      cursor = { dueAt: last.dueAt, id: last.id };
      run.addReports(due.filter((r) => r.kind === DELIVERY_PROBLEM));
      const { post, skip } = pickLatestPerKind(due.filter((r) => r.kind !== DELIVERY_PROBLEM));
      for (const outcome of await dropRows(run, skip, SUPERSEDED)) run.count(outcome);
      await lanes.enqueue(post);
      // Fetch the next page while this one is being delivered, but keep at most a page waiting.
      await lanes.pendingBelow(batchSize);
    }
  } catch (error) {
    run.stop();
    throw error;
  } finally {
    await lanes.idle();
    run.detach();
  }
  return run.report;
}
