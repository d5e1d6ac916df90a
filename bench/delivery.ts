// npm run bench (third part): delivery under Slack's per-channel limit. 2,000 reminders due at once
// over 200 channels, posted through the real SlackDelivery to the local Slack double, which answers
// 429 to any post less than a second after the last one in its channel. The floor is 10 s: each
// channel gets 10 posts at one per second. Also the pass throughput without pacing.
//
// Database: a fresh SQLite file, or PostgreSQL when BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) names a
// server where a scratch database may be created. BENCH_REMINDERS, BENCH_CHANNELS change the load.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SlackDelivery } from '../src/platforms/slack/delivery.js';
import { PostPacer } from '../src/scheduler/pacer.js';
import { runPass, type PassReport } from '../src/scheduler/pass.js';
import { openDatabase } from '../src/store/client.js';
import { applyMigrations } from '../src/store/migrations.js';
import { DUE_AT, deliveryFigures, seedDueReminders } from '../test/helpers/due-reminders.js';
import { SlackDouble } from '../test/helpers/slack-double.js';

const REMINDERS = Number(process.env.BENCH_REMINDERS ?? 2000);
const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 200);
const postgresServer = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;

interface Scenario {
  title: string;
  intervalMs: number;
  postsInFlight: number;
  latencyMs?: number;
  limit: boolean;
}

async function scratchDatabase(dir: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!postgresServer) return { url: `file:${join(dir, `${name}.db`)}`, drop: async () => {} };
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const run = async (sql: string) => {
    const adapter = await new PrismaPg({ connectionString: postgresServer, max: 1 }).connect();
    await adapter.executeScript(sql).finally(() => adapter.dispose());
  };
  const database = `renewal_desk_bench_${name}_${process.pid}`;
  await run(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await run(`CREATE DATABASE "${database}"`);
  const url = new URL(postgresServer);
  url.pathname = `/${database}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`) };
}

async function runScenario(dir: string, index: number, scenario: Scenario): Promise<void> {
  const database = await scratchDatabase(dir, `s${index}`);
  const slackApi = await new SlackDouble().start();
  try {
    await applyMigrations(database.url);
    const db = openDatabase(database.url);
    await seedDueReminders(db, REMINDERS, CHANNELS);
    if (scenario.limit) slackApi.limitPostsPerChannel(1000);
    slackApi.latencyMs = scenario.latencyMs ?? 0;
    const delivery = new SlackDelivery('xoxb-bench', slackApi.apiUrl, scenario.intervalMs);
    const deps = { db, delivery, clock: () => new Date(), pacer: new PostPacer(), postsInFlight: scenario.postsInFlight };
    // The monthly report rows of the seeded channels (nothing to report) are planned and skipped by
    // a pass before the due instant, so that the timed pass only delivers the reminders.
    await runPass(deps, new Date(new Date(DUE_AT).getTime() - 60_000));
    const t0 = performance.now();
    const reports: PassReport[] = [await runPass(deps, new Date(DUE_AT))];
    const firstPass = (performance.now() - t0) / 1000;
    // Whatever a 429 left behind goes out on the next passes (a minute apart in production).
    for (let minute = 1; reports.at(-1)!.deferred + reports.at(-1)!.failed > 0 && minute < 10; minute += 1) {
      reports.push(await runPass(deps, new Date(new Date(DUE_AT).getTime() + minute * 60_000)));
    }
    const total = (performance.now() - t0) / 1000;
    const figures = deliveryFigures(slackApi.posted(), REMINDERS);
    const posts = slackApi.posted();
    const span = posts.length > 1 ? (posts.at(-1)!.at - posts[0]!.at) / 1000 : 0;
    const floor = Math.ceil(REMINDERS / CHANNELS);
    console.log(
      `${scenario.title}: first pass ${firstPass.toFixed(2)} s (${(reports[0]!.posted / firstPass).toFixed(0)} posts/s), ` +
        `all ${posts.length} delivered in ${total.toFixed(2)} s over ${reports.length} pass(es); first→last post ${span.toFixed(2)} s` +
        `${scenario.limit ? ` vs the ${floor} s floor (${(total / floor).toFixed(2)}×); 429s: ${slackApi.rateLimited}` : ''}; ` +
        `lost ${figures.lost.length}, duplicates ${figures.duplicates}`,
    );
    await db.$disconnect();
    if (figures.lost.length > 0 || figures.duplicates > 0) throw new Error('a reminder was lost or doubled');
  } finally {
    await slackApi.stop();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'renewal-desk-bench-delivery-'));
  console.log(`delivery: ${REMINDERS} reminders due at once over ${CHANNELS} channels, ${postgresServer ? 'PostgreSQL' : 'SQLite'}, Slack double on loopback`);
  const scenarios: Scenario[] = [
    { title: 'limit 1/s/channel, pacing 1 s, 1 post in flight (default)', intervalMs: 1000, postsInFlight: 1, limit: true },
    { title: 'limit 1/s/channel, pacing 1 s, 4 posts in flight', intervalMs: 1000, postsInFlight: 4, limit: true },
    { title: 'limit 1/s/channel, pacing 1 s, 1 post in flight, Slack answering in 20 ms', intervalMs: 1000, postsInFlight: 1, latencyMs: 20, limit: true },
    { title: 'limit 1/s/channel, pacing 1 s, 4 posts in flight, Slack answering in 20 ms', intervalMs: 1000, postsInFlight: 4, latencyMs: 20, limit: true },
    { title: 'no limit, no pacing (pass throughput), 1 post in flight', intervalMs: 0, postsInFlight: 1, limit: false },
  ];
  try {
    for (const [i, scenario] of scenarios.entries()) await runScenario(dir, i, scenario);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
