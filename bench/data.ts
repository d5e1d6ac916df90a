// The bench at an organisation's size: a pass with nothing due as the contracts grow, the slash
// commands through the real HTTP server (the compiled bot in its own process) on the real database,
// and what the bot holds in memory.
import { performance } from 'node:perf_hooks';
import type { Delivery } from '../src/messages/delivery.js';
import { runPass } from '../src/scheduler/pass.js';
import { openDatabase } from '../src/store/client.js';
import { SlackDouble } from '../test/helpers/slack-double.js';
import { CommandTimer, percentile, startBot } from './lib/bot.js';
import type { DatabaseKind } from './lib/databases.js';
import { scratchDatabase, settle } from './lib/databases.js';
import type { Figures } from './lib/figures.js';
import type { BenchOptions } from './lib/options.js';
import { seededRandom } from '../test/helpers/seeded-random.js';
import { BENCH_NOW, BIG_CONTRACT, contractNameAt, seedContracts, seedIssues, seedSlaPolicies, seedWorkspace } from './lib/seed.js';

const SECTION = 'big data';
const IDLE_PASSES = 20;

function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** Median time of passes with nothing due, as of the bench's clock. */
async function idlePass(url: string): Promise<number> {
  const db = openDatabase(url);
  let posted = 0;
  const delivery: Delivery = { post: async () => ({ ok: true, messageId: String((posted += 1)) }), update: async () => ({ ok: true, messageId: null }), limits: () => [] };
  try {
    const times: number[] = [];
    for (let i = 0; i < IDLE_PASSES + 2; i += 1) {
      const started = performance.now();
      await runPass({ db, delivery, clock: () => new Date() }, BENCH_NOW);
      if (i >= 2) times.push(performance.now() - started); // the first ones load the query plans
    }
    if (posted > 0) throw new Error(`a pass with nothing due posted ${posted}`);
    return median(times);
  } finally {
    await db.$disconnect();
  }
}

export async function benchData(kind: DatabaseKind, options: BenchOptions, figures: Figures, dir: string): Promise<void> {
  const database = await scratchDatabase(kind, 'data', dir, options.postgres);
  const random = seededRandom(options.seed);
  const slack = await new SlackDouble().start();
  try {
    const started = performance.now();
    await seedWorkspace(database.url);
    const firstStep = Math.max(1, Math.round(options.contracts / 10));
    const contracts = await seedContracts(database.url, 0, firstStep, random);
    const at = (n: number) => `${n.toLocaleString('en-US')} contracts`;
    const small = await idlePass(database.url);
    contracts.push(...(await seedContracts(database.url, firstStep, options.contracts, random)));
    await seedIssues(database.url, contracts, { count: options.issues, big: options.slaIssues, firstNumber: 1 }, random);
    await seedSlaPolicies(database.url, contracts);
    console.log(`  seeded ${at(options.contracts)} and ${options.issues.toLocaleString('en-US')} issues in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    await settle(database);
    const large = await idlePass(database.url);
    figures.add({ section: SECTION, name: `pass with nothing due, ${at(firstStep)}`, database: kind, value: small, unit: 'ms', floor: null, target: { of: 'value', atMost: 50 } });
    figures.add({
      section: SECTION, name: `pass with nothing due, ${at(options.contracts)}`, database: kind, value: large, unit: 'ms', floor: small, floorIs: `the same pass at ${at(firstStep)}`,
      target: { of: 'value', atMost: 50 }, note: 'flat: its floor is the pass at a tenth of the contracts',
    });

    const bot = await startBot(database.url, slack.apiUrl);
    try {
      await benchCommands(kind, options, figures, new CommandTimer(bot, slack), random);
      const memory = bot.memory();
      figures.add({ section: SECTION, name: `bot resident memory at its peak, ${at(options.contracts)}`, database: kind, value: memory.peakMiB, unit: 'MiB', floor: null, target: { of: 'value', atMost: 200 } });
    } finally {
      await bot.stop();
    }
  } finally {
    await slack.stop();
    await database.drop();
  }
}

interface Timed {
  label: string;
  next: () => { command: string; text: string };
  /** Its p99 at most this many times the help's. */
  within: number;
}

async function benchCommands(kind: DatabaseKind, options: BenchOptions, figures: Figures, timer: CommandTimer, random: () => number): Promise<void> {
  const commands: Timed[] = [
    { label: '/contract help', next: () => ({ command: '/contract', text: 'help' }), within: 1 },
    { label: '/contract show <name>', next: () => ({ command: '/contract', text: `show "${contractNameAt(1 + Math.floor(random() * (options.contracts - 1)))}"` }), within: 1.5 },
    { label: '/renewals within:90d', next: () => ({ command: '/renewals', text: 'within:90d' }), within: 1.5 },
    { label: '/contract list', next: () => ({ command: '/contract', text: 'list' }), within: 1.5 },
    { label: `/sla "${BIG_CONTRACT}" (${options.slaIssues.toLocaleString('en-US')} issues)`, next: () => ({ command: '/sla', text: `"${BIG_CONTRACT}"` }), within: 3 },
  ];
  // Warm-up: compiles the code paths, and the first /sla stores the measurements of the contract's issues.
  for (const c of commands) {
    const first = c.next();
    const { ms, answer } = await timer.time(first.command, first.text);
    if (/There is no contract|went wrong|Example:/.test(answer)) throw new Error(`${c.label} answered: ${answer.slice(0, 300)}`);
    if (c.within === 3) console.log(`  first ${c.label}, storing its issues' measurements: ${ms.toFixed(0)} ms`);
  }
  for (const concurrency of [1, 16]) {
    const samples = new Map<string, number[]>(commands.map((c) => [c.label, []]));
    // Each command on its own, in rounds, so that a slow moment of the machine falls on all of them alike.
    for (let round = 0; round < 3; round += 1) {
      for (const c of commands) samples.get(c.label)!.push(...(await timer.run(c.next, Math.ceil(options.requests / 3), concurrency)));
    }
    const floor = percentile(samples.get('/contract help')!, 0.99);
    for (const c of commands) {
      const p99 = percentile(samples.get(c.label)!, 0.99);
      const isFloor = c.within === 1;
      figures.add({
        section: SECTION, name: `${c.label} p99, concurrency ${concurrency}`, database: kind, value: p99, unit: 'ms',
        floor: isFloor ? null : floor, floorIs: '/contract help p99, same run', target: isFloor ? undefined : { of: 'ratio', atMost: c.within },
        note: `median ${median(samples.get(c.label)!).toFixed(1)} ms over ${samples.get(c.label)!.length}`,
      });
    }
  }
}
