import cron, { type ScheduledTask } from 'node-cron';
import { runPass, type PassDeps } from './pass.js';

/**
 * Triggers a pass on a cron expression (and once at start). node-cron neither persists nor replays
 * runs: exactness comes from the ledger, so every instance may run this.
 */
export function startScheduler(deps: PassDeps, expression: string): { stop: () => Promise<void>; runNow: () => Promise<void> } {
  let running: Promise<void> | null = null;
  const runNow = async () => {
    if (running) return running;
    running = runPass(deps, deps.clock())
      .then((report) => {
        if (report.posted + report.failed > 0) deps.log?.(`pass: ${report.posted} posted (${report.late} late), ${report.failed} failed, ${report.skipped} skipped`);
      })
      .catch((error: unknown) => deps.log?.(`pass failed: ${(error as Error).message}`))
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
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
