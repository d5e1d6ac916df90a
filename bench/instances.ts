// Instances that add up: 1, 2 and 4 scheduler processes (`renewal-desk tick`, as cron or replicas
// run it, start-up included) on one PostgreSQL database deliver the same reminders, with Slack at one
// post a second per channel; each reminder exactly once, channels shared out between the processes.
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/store/client.js';
import { DUE_AT, seedDueReminders } from '../test/helpers/due-reminders.js';
import { schedulerEnv, startTick } from '../test/helpers/scheduler-process.js';
import { scratchDatabase, settle } from './lib/databases.js';
import type { Figures } from './lib/figures.js';
import type { BenchOptions } from './lib/options.js';
import { startRemoteSlack } from './lib/remote-slack.js';
import { seedEvidence } from './lib/seed.js';

const SECTION = 'instances';

/** Seconds until every reminder is out, with `processes` ticks at once each minute (as cron fires in every replica). */
async function withProcesses(processes: number, options: BenchOptions, dir: string, workload: { reminders: number; channels: number }): Promise<{ seconds: number; rounds: number; rateLimited: number }> {
  const database = await scratchDatabase('PostgreSQL', `instances${processes}`, dir, options.postgres);
  const db = openDatabase(database.url);
  const slack = await startRemoteSlack();
  try {
    await seedDueReminders(db, workload.reminders, workload.channels);
    await seedEvidence(database.url, options.seed);
    await settle(database);
    await slack.limitPostsPerChannel(1000);
    const env = schedulerEnv(database.url, slack.apiUrl, { CHANNEL_POST_INTERVAL_MS: '1000' });
    const unsent = () => db.reminder.count({ where: { status: { in: ['planned', 'failed', 'sending'] } } });
    const started = performance.now();
    let rounds = 0;
    while ((await unsent()) > 0 && rounds < 5) {
      const at = new Date(new Date(DUE_AT).getTime() + rounds * 60_000).toISOString();
      const ends = await Promise.all(Array.from({ length: processes }, () => startTick(at, env).exited));
      for (const end of ends) if (end.code !== 0) throw new Error(`a tick failed:\n${end.output}`);
      rounds += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    const { lost, duplicates, rateLimited } = await slack.figures(workload.reminders);
    if (lost > 0 || duplicates > 0) throw new Error(`${processes} processes: ${lost} lost, ${duplicates} duplicated`);
    return { seconds, rounds, rateLimited };
  } finally {
    await slack.stop();
    await db.$disconnect();
    await database.drop();
  }
}

export async function benchInstances(options: BenchOptions, figures: Figures, dir: string): Promise<void> {
  const workload = options.paced[0]!;
  const floor = Math.ceil(workload.reminders / workload.channels);
  let one = 0;
  for (const processes of options.quick ? [1, 2] : [1, 2, 4]) {
    const run = await withProcesses(processes, options, dir, workload);
    if (processes === 1) one = run.seconds;
    const name = `${workload.reminders.toLocaleString('en-US')} reminders over ${workload.channels} channels, ${processes} \`tick\` process${processes > 1 ? 'es' : ''} at once`;
    const note = `start-up included; ${run.rounds} round(s), ${run.rateLimited} answered 429, 0 lost, 0 duplicated`;
    figures.add({ section: SECTION, name, database: 'PostgreSQL', value: run.seconds, unit: 's', floor, floorIs: 'one post a second in each channel', target: { of: 'ratio', atMost: 1.2 }, note });
    if (processes > 1) {
      figures.add({
        section: SECTION, name: `${processes} processes against 1`, database: 'PostgreSQL', value: run.seconds, unit: 's', floor: one, floorIs: 'the same with one process',
        target: { of: 'ratio', atMost: 1.05 }, note: 'never slower than one (5 % for the noise of a shared machine)',
      });
    }
  }
}
