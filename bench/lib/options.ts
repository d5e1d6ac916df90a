import { parseArgs } from 'node:util';

export const SECTIONS = ['startup', 'delivery', 'instances', 'data', 'import'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  quick: boolean;
  sections: Section[];
  /** A PostgreSQL server where scratch databases may be created; null: SQLite only. */
  postgres: string | null;
  seed: number;
  /** Big data: contracts, vendor issues, and how many of them are on the contract /sla is timed on. */
  contracts: number;
  issues: number;
  slaIssues: number;
  /** Slash commands timed per command and concurrency. */
  requests: number;
  /** Delivery: reminders for the raw pass throughput; the two workloads at one post a second per channel. */
  throughputReminders: number;
  /** `postsInFlight`: DELIVERY_POSTS_IN_FLIGHT of the run (1, the default, for the 200 channels; `--posts-in-flight` for the big one). */
  paced: { reminders: number; channels: number; postsInFlight: number }[];
  startupRuns: number;
  importRows: number;
}

const USAGE = `npm run bench -- [--quick] [--only ${SECTIONS.join(',')}] [--no-postgres] [--seed 42]
  [--contracts 100000] [--issues 1000000] [--sla-issues 10000] [--requests 300]
  [--reminders 10000] [--channels 1000] [--posts-in-flight 8] [--throughput 2000] [--startup-runs 9] [--import-rows 100000]
PostgreSQL: BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) names a server where scratch databases may be created.`;

/** The bench's flags; sizes default to the issue's (an organisation's size), or to a quick run with --quick. */
export function benchOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: 'boolean', default: false }, only: { type: 'string' }, 'no-postgres': { type: 'boolean', default: false }, help: { type: 'boolean', default: false },
      seed: { type: 'string' }, contracts: { type: 'string' }, issues: { type: 'string' }, 'sla-issues': { type: 'string' }, requests: { type: 'string' },
      reminders: { type: 'string' }, channels: { type: 'string' }, throughput: { type: 'string' }, 'startup-runs': { type: 'string' }, 'import-rows': { type: 'string' }, 'posts-in-flight': { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick;
  const number = (name: string, full: number, small: number) => {
    const given = values[name as keyof typeof values] as string | undefined;
    const n = given === undefined ? (quick ? small : full) : Number(given.replace(/[_,]/g, ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number\n${USAGE}`);
    return n;
  };
  const sections = values.only ? values.only.split(',').map((s) => s.trim()) : [...SECTIONS];
  const unknown = sections.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(', ')}\n${USAGE}`);
  const server = values['no-postgres'] ? null : (process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? '').trim() || null;
  const reminders = number('reminders', 10_000, 1_000);
  const channels = number('channels', 1_000, 500);
  return {
    quick,
    sections: sections as Section[],
    postgres: server,
    seed: number('seed', 42, 42),
    contracts: number('contracts', 100_000, 2_000),
    issues: number('issues', 1_000_000, 20_000),
    slaIssues: number('sla-issues', 10_000, 2_000),
    requests: number('requests', 300, 30),
    throughputReminders: number('throughput', 2_000, 500),
    paced: [quick ? { reminders: 200, channels: 100, postsInFlight: 1 } : { reminders: 2_000, channels: 200, postsInFlight: 1 }, { reminders, channels, postsInFlight: number('posts-in-flight', 8, 8) }],
    startupRuns: number('startup-runs', 9, 3),
    importRows: number('import-rows', 100_000, 2_000),
  };
}
