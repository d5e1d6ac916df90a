import cron, { type ScheduledTask } from 'node-cron';
import { runPass, type PassDeps } from './pass.js';

/**
 * Triggers a pass on a cron expression (and once at start). node-cron neither persists nor replays
 * runs: exactness comes from the ledger, so every instance may run this.
 */
export function startScheduler(deps: PassDeps, expression: string): { stop: () => Promise<void>; runNow: () => Promise<void> } {
  let running: Promise<void> | null = null;
  // Stopping ends a running pass early: what it claimed and did not post yet is given back.
  const stopping = new AbortController();
  const runNow = async () => {
    if (running) return running;
    if (stopping.signal.aborted) return;
    running = runPass({ ...deps, signal: stopping.signal }, deps.clock())
      .then((report) => {
        if (report.posted + report.failed + report.deferred + report.givenUp > 0) {
          deps.log?.(`pass: ${report.posted} posted (${report.late} late), ${report.failed} failed, ${report.skipped} skipped${report.givenUp ? `, ${report.givenUp} given up (no longer applied, reported)` : ''}${report.deferred ? `, ${report.deferred} left for the next pass` : ''}`);
        }
      })
      .catch((error: unknown) => deps.log?.(`pass failed: ${(error as Error).message}`, 'error'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const task: ScheduledTask = cron.schedule(expression, runNow, { name: 'renewal-desk-pass', noOverlap: true });
  void runNow();
  return {
    runNow,
    stop: async () => {
      stopping.abort();
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
