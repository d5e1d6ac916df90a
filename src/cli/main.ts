import { parseArgs } from 'node:util';
import { clockOf, ConfigError, loadConfig } from '../config.js';
import { TEST_CLOCK_EXAMPLE } from '../clock.js';
import { openDatabase } from '../store/client.js';
import { applyMigrations } from '../store/migrations.js';
import { DatabaseUrlError } from '../store/database-url.js';
import { parseInstant } from '../domain/instants.js';

const USAGE = `Usage: renewal-desk [--now <instant>] <command>
  tick [--at <instant>]   run one scheduler pass as of that instant (default: now) and exit
  import <file.csv> [--workspace <id>]  add contracts from CSV (columns: name and the /contract add keys;
                          workspace and owner columns optional)
  export [--workspace <id>]  write all contracts as CSV to stdout
  migrate                 apply pending database migrations
  --now <instant>         tests and demos only (not with NODE_ENV=production): run as if it were that
                          instant; the clock runs on from there (also RENEWAL_DESK_NOW)
Environment: DATABASE_URL, SLACK_BOT_TOKEN, SLACK_API_URL, MICROSOFT_APP_ID… (see .env.example)`;

/** `--now <instant>` may stand anywhere; it is the same as RENEWAL_DESK_NOW for this run. */
function takeNowOption(argv: string[]): { args: string[]; now: string | undefined } {
  const at = argv.findIndex((a) => a === '--now' || a.startsWith('--now='));
  if (at < 0) return { args: argv, now: undefined };
  const inline = argv[at]!.startsWith('--now=') ? argv[at]!.slice('--now='.length) : undefined;
  const now = inline ?? argv[at + 1];
  if (!now) throw new ConfigError(`--now needs an instant, such as --now ${TEST_CLOCK_EXAMPLE}`);
  return { args: [...argv.slice(0, at), ...argv.slice(at + (inline === undefined ? 2 : 1))], now };
}

async function main(argv: string[]): Promise<number> {
  const { args, now } = takeNowOption(argv);
  const [verb, ...rest] = args;
  const config = loadConfig(now === undefined ? process.env : { ...process.env, RENEWAL_DESK_NOW: now });
  const clock = clockOf(config);
  if (!verb || verb === 'help' || verb === '--help') {
    console.log(USAGE);
    return verb ? 0 : 2;
  }
  if (verb === 'migrate') {
    const { applied } = await applyMigrations(config.DATABASE_URL, { log: (l) => console.log(l) });
    console.log(applied.length > 0 ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date');
    return 0;
  }
  await applyMigrations(config.DATABASE_URL);
  const db = openDatabase(config.DATABASE_URL);
  try {
    if (verb === 'tick') {
      const { values } = parseArgs({ args: rest, options: { at: { type: 'string' } } });
      const at = values.at ? parseInstant(values.at, config.DEFAULT_TIMEZONE) : clock();
      if (!at) throw new ConfigError(`--at ${values.at} is not an instant; use ISO 8601 such as 2026-12-01T09:00:00Z`);
      // Each verb loads only what it uses: an import or export never loads Slack, Teams or the scheduler.
      const [{ platformDeliveries }, { runPass }, { passSettings }] = await Promise.all([
        import('../server/platform-deliveries.js'), import('../scheduler/pass.js'), import('../scheduler/settings.js'),
      ]);
      // Slack and Teams with the same variables as the bot; a platform not configured keeps its reminders for a later tick.
      const { delivery } = await platformDeliveries(config, db, (l) => console.log(l));
      // SIGINT/SIGTERM end the pass early: claimed reminders not posted yet are given back.
      const stopping = new AbortController();
      const stop = () => stopping.abort();
      process.once('SIGINT', stop).once('SIGTERM', stop);
      const settings = passSettings(config);
      const report = await runPass({ db, delivery, clock, log: (l) => console.log(l), ...settings, signal: stopping.signal }, at).finally(() => settings.close());
      console.log(`tick as of ${at.toISOString()}: ${report.posted} posted (${report.late} late), ${report.failed} failed, ${report.skipped} skipped${report.deferred ? `, ${report.deferred} left for the next pass` : ''}`);
      return 0;
    }
    if (verb === 'import') {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { workspace: { type: 'string' } } });
      if (!positionals[0]) throw new ConfigError('import needs a file: renewal-desk import contracts.csv [--workspace slack:T0123ABC]');
      const { importContracts } = await import('./import.js');
      return await importContracts(db, positionals[0], config.DEFAULT_TIMEZONE, clock(), values.workspace);
    }
    if (verb === 'export') {
      const { values } = parseArgs({ args: rest, options: { workspace: { type: 'string' } } });
      const { exportContracts } = await import('./export.js');
      await exportContracts(db, process.stdout, values.workspace);
      return 0;
    }
    console.error(`Unknown command: ${verb}\n${USAGE}`);
    return 2;
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof DatabaseUrlError) console.error(error.message);
    else {
      // A library's message (Prisma, the Slack client…) is not ours to show: it stays behind LOG_LEVEL=debug.
      console.error('renewal-desk: something went wrong on our side; nothing was changed. Run again with LOG_LEVEL=debug for the details.');
      if (process.env['LOG_LEVEL'] === 'debug') console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    process.exit(1);
  });
