import { pickLatestPerKind } from '../domain/catch-up.js';
import { findDue, type DueCursor, type Reminder } from '../store/reminder-ledger.js';
import { RowDelivery } from './deliver-row.js';
import { DELIVERY_PROBLEM } from './families/delivery-problems.js';
import { planMonthlyReports } from './families/monthly-report.js';
import { planServiceCredits } from './credit-evaluation.js';
import { dropRows, SUPERSEDED } from './give-up.js';
import { ChannelLanes } from './lanes.js';
import type { PassReport } from './outcome.js';
import { channelKey, PassRun, type PassDeps } from './pass-run.js';
import { sleep } from './concurrency.js';

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
 *    `RowDelivery`: checked, claimed and built in batches with other channels' rows, paced within
 *    its platform's limits, posted, and what the platform answered recorded on the claim.
 * 4. Channels that other processes were working are looked at again once they let them go: what
 *    those left is delivered here.
 * 5. Reports of reminders that could not be delivered go out last, listing everything this pass
 *    gave up.
 */
export async function runPass(deps: PassDeps, now: Date): Promise<PassReport> {
  const run = new PassRun(deps, now);
  const rows = new RowDelivery(run);
  const lanes = new ChannelLanes(run, (row, neededAt) => rows.handle(row, neededAt));
  await planMonthlyReports(deps.db, now, deps.log, deps.workspaceId);
  await planServiceCredits(deps.db, now, deps.log, deps.workspaceId);
  try {
    await deliverDue(run, lanes);
    // Rounds over the channels other processes had: only their rows, what those processes left.
    for (let parked = lanes.takeParked(); parked.size > 0 && (await waitForChannels(run, parked)); parked = lanes.takeParked()) {
      await deliverDue(run, lanes, new Set(parked.keys()));
    }
    // Reports of undeliverable reminders go out last, so that they list everything this pass gave up.
    for (let reports = run.takeReports(); reports.length > 0 && !run.stopped; reports = run.takeReports()) {
      await lanes.enqueue(reports);
      await lanes.idle();
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

/**
 * Delivers what is due, a page of rows at a time, until nothing claimable is left and every channel
 * is done; `onlyChannels`: the rows going to those channels only.
 */
async function deliverDue(run: PassRun, lanes: ChannelLanes, onlyChannels?: ReadonlySet<string>): Promise<void> {
  const batchSize = run.deps.batchSize ?? 500;
  let cursor: DueCursor | undefined;
  while (!run.stopped) {
    const page = await findDue(run.db, { ...run.claimOptions(), workspaceId: run.deps.workspaceId }, batchSize, cursor);
    if (page.length === 0) {
      if (!lanes.busy) return;
      await lanes.idle();
      continue;
    }
    const last = page[page.length - 1]!;
    cursor = { dueAt: last.dueAt, id: last.id };
    const due = onlyChannels ? await rowsFor(run, page, onlyChannels) : page;
    if (!onlyChannels) run.addReports(due.filter((r) => r.kind === DELIVERY_PROBLEM));
    const { post, skip } = pickLatestPerKind(due.filter((r) => r.kind !== DELIVERY_PROBLEM));
    for (const outcome of await dropRows(run, skip, SUPERSEDED)) run.count(outcome);
    await lanes.enqueue(post);
    // Fetch the next page while this one is being delivered, but keep at most a page waiting.
    await lanes.pendingBelow(batchSize);
  }
}

/** The rows going to these channels. */
async function rowsFor(run: PassRun, rows: readonly Reminder[], channels: ReadonlySet<string>): Promise<Reminder[]> {
  const destinations = await run.destinations(rows);
  return rows.filter((r) => channels.has(channelKey(destinations.get(r.id)!)));
}

/** How often a channel another process holds is looked at. */
const LOCK_POLL_MS = 250;

/**
 * Waits until other processes have let go of these channels (their locks), for a lease at most:
 * true when they all have, and what they left can be delivered; false when the pass stopped or they
 * kept them (a later pass sees to those).
 */
async function waitForChannels(run: PassRun, channels: ReadonlyMap<string, unknown>): Promise<boolean> {
  const locks = run.deps.channelLocks;
  if (!locks) return false;
  const held = new Set(channels.keys());
  const giveUpAt = Date.now() + run.leaseMs;
  while (held.size > 0 && !run.stopped && Date.now() < giveUpAt) {
    await sleep(LOCK_POLL_MS, run.deps.signal);
    for (const key of [...held]) {
      try {
        if (!(await locks.tryLock(key))) continue;
        await locks.unlock(key);
        held.delete(key);
      } catch {
        return false;
      }
    }
  }
  return held.size === 0 && !run.stopped;
}
