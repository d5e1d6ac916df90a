import { parseArgs } from 'node:util';
import { clockOf, ConfigError, loadConfig } from '../config.js';
import { parseInstant } from '../domain/instants.js';
import { leveledLog } from '../log.js';
import { DatabaseUrlError } from '../store/database-url.js';
import { USAGE } from './usage.js';

/** Runs one verb (help is answered in main.ts); its exit code. */
export async function run(verb: string, rest: string[], now: string | undefined): Promise<number> {
  const config = loadConfig(now === undefined ? process.env : { ...process.env, RENEWAL_DESK_NOW: now });
  const clock = clockOf(config);
  // Each verb loads only what it uses: --help loads nothing, an import never loads Prisma (it
  // writes through the driver), Slack, Teams or the scheduler; migrations boot the schema engine
  // only when one is pending.
  const { applyMigrations } = await import('../store/migrations.js');
  if (verb === 'migrate') {
    const { applied } = await applyMigrations(config.DATABASE_URL, { log: (l) => console.log(l) });
    console.log(applied.length > 0 ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date');
    return 0;
  }
  if (verb !== 'tick' && verb !== 'import' && verb !== 'export') {
    console.error(`Unknown command: ${verb}\n${USAGE}`);
    return 2;
  }
  await applyMigrations(config.DATABASE_URL);
  if (verb === 'import') {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { workspace: { type: 'string' } } });
    if (!positionals[0]) throw new ConfigError('import needs a file: renewal-desk import contracts.csv [--workspace slack:T0123ABC]');
    const { importContracts } = await import('./import.js');
    return importContracts(config.DATABASE_URL, positionals[0], config.DEFAULT_TIMEZONE, clock(), values.workspace);
  }
  const { openDatabase } = await import('../store/client.js');
  const db = openDatabase(config.DATABASE_URL);
  try {
    if (verb === 'export') {
      const { values } = parseArgs({ args: rest, options: { workspace: { type: 'string' } } });
      const { exportContracts } = await import('./export.js');
      await exportContracts(db, process.stdout, values.workspace);
      return 0;
    }
    const { values } = parseArgs({ args: rest, options: { at: { type: 'string' } } });
    const at = values.at ? parseInstant(values.at, config.DEFAULT_TIMEZONE) : clock();
    if (!at) throw new ConfigError(`--at ${values.at} is not an instant; use ISO 8601 such as 2026-12-01T09:00:00Z`);
    const [{ platformDeliveries }, { runPass }, { passTuning }] = await Promise.all([
      import('../server/platform-deliveries.js'), import('../scheduler/pass.js'), import('../scheduler/tuning.js'),
    ]);
    // Slack and Teams with the same variables as the bot; a platform not configured keeps its reminders for a later tick.
    const log = leveledLog(config.LOG_LEVEL, (line) => console.log(line));
    const { delivery } = await platformDeliveries(config, db, log);
    // SIGINT/SIGTERM end the pass early: claimed reminders not posted yet are given back.
    const stopping = new AbortController();
    const stop = () => stopping.abort();
    process.once('SIGINT', stop).once('SIGTERM', stop);
    const tuning = passTuning(config);
    const report = await runPass({ db, delivery, clock, log, ...tuning, signal: stopping.signal }, at).finally(() => tuning.close());
    console.log(`tick as of ${at.toISOString()}: ${report.posted} posted (${report.late} late), ${report.failed} failed, ${report.skipped} skipped${report.deferred ? `, ${report.deferred} left for the next pass` : ''}`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

/** Our own messages are printed as they are; a library's (Prisma, the Slack client…) stays behind LOG_LEVEL=debug. */
export function explain(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DatabaseUrlError) return error.message;
  return 'renewal-desk: something went wrong on our side; nothing was changed. Run again with LOG_LEVEL=debug for the details.';
}
