// What `renewal-desk --help` needs, and nothing more: it is answered before anything else is loaded.

export const USAGE = `Usage: renewal-desk [--now <instant>] <command>
  tick [--at <instant>]   run one scheduler pass as of that instant (default: now) and exit
  import <file.csv> [--workspace <id>]  add contracts from CSV (columns: name and the /contract add keys;
                          workspace and owner columns optional)
  export [--workspace <id>]  write all contracts as CSV to stdout
  migrate                 apply pending database migrations
  --now <instant>         tests and demos only (not with NODE_ENV=production): run as if it were that
                          instant; the clock runs on from there (also RENEWAL_DESK_NOW)
Environment: DATABASE_URL, SLACK_BOT_TOKEN, SLACK_API_URL, MICROSOFT_APP_ID… (see .env.example)`;

/** An instant that shows the form --now takes (the same as TEST_CLOCK_EXAMPLE, without loading the clock). */
const NOW_EXAMPLE = '2026-11-23T10:00:00Z';

/** `--now <instant>` may stand anywhere; it is the same as RENEWAL_DESK_NOW for this run. */
export function takeNowOption(argv: string[]): { args: string[]; now: string | undefined } | { problem: string } {
  const at = argv.findIndex((a) => a === '--now' || a.startsWith('--now='));
  if (at < 0) return { args: argv, now: undefined };
  const inline = argv[at]!.startsWith('--now=') ? argv[at]!.slice('--now='.length) : undefined;
  const now = inline ?? argv[at + 1];
  if (!now) return { problem: `--now needs an instant, such as --now ${NOW_EXAMPLE}` };
  return { args: [...argv.slice(0, at), ...argv.slice(at + (inline === undefined ? 2 : 1))], now };
}
