// Several scheduler processes on one database, and scheduler processes killed with SIGKILL in the
// middle of a pass: every reminder is posted, and exactly once (a duplicate is possible only for the
// post in flight at a kill). Real processes (`renewal-desk tick`, and test/helpers/pass-runner.ts for
// the kills), a real database (SQLite, or PostgreSQL with TEST_DATABASE=postgresql), the Slack Web
// API double on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/store/client.js';
import { applyMigrations } from '../../src/store/migrations.js';
import { DUE_AT, deliveryFigures, postsPerContract, seedDueReminders } from '../helpers/due-reminders.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../helpers/postgres.js';
import { schedulerEnv, startStandby, startTick } from '../helpers/scheduler-process.js';
import { SlackDouble } from '../helpers/slack-double.js';

const REMINDERS = 2000;
const CHANNELS = 200;
const kind = testDatabaseKind();

let dir: string;
let database: TestDatabase;
let db: Db;
let slackApi: SlackDouble;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'renewal-desk-fault-'));
  database = await createTestDatabase(dir);
  await applyMigrations(database.url);
  db = openDatabase(database.url);
  await seedDueReminders(db, REMINDERS, CHANNELS);
  slackApi = await new SlackDouble().start();
});

afterEach(async () => {
  await db.$disconnect();
  await slackApi.stop();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

// Rows still to post (planned, failed and due again, or claimed): not sent, skipped or given up.
const unsent = () => db.reminder.count({ where: { status: { in: ['planned', 'failed', 'sending'] } } });
const minutesAfterDue = (m: number) => new Date(new Date(DUE_AT).getTime() + m * 60_000).toISOString();

// Several instances share a PostgreSQL database (on SQLite, see the kill test and the two passes at once
// in slack-renewal-flow.test.ts).
if (kind !== 'postgresql') console.info('scheduler processes on one database: skipped on SQLite, run with TEST_DATABASE=postgresql');
describe.skipIf(kind !== 'postgresql').each([2, 4])('%i scheduler processes on one PostgreSQL database', (processes) => {
  it(`post each of ${REMINDERS} due reminders (${CHANNELS} channels, 1 post/s/channel) exactly once`, async () => {
    slackApi.limitPostsPerChannel(1000);
    const env = schedulerEnv(database.url, slackApi.apiUrl, { CHANNEL_POST_INTERVAL_MS: '1000' });
    const started = Date.now();
    let rounds = 0;
    // Every process runs a pass at the same instant, as node-cron fires in every replica; a reminder
    // rate-limited in one round goes out in the next (cron's next minute).
    while ((await unsent()) > 0 && rounds < 5) {
      const at = minutesAfterDue(rounds);
      const ticks = Array.from({ length: processes }, () => startTick(at, env));
      const results = await Promise.all(ticks.map((t) => t.exited));
      for (const r of results) expect(r.code, r.output).toBe(0);
      rounds += 1;
    }
    const seconds = (Date.now() - started) / 1000;
    const figures = deliveryFigures(slackApi.posted(), REMINDERS);
    console.info(
      `${processes} processes (${kind}): ${REMINDERS} reminders over ${CHANNELS} channels in ${seconds.toFixed(1)} s, ${rounds} round(s); ` +
        `${slackApi.posted().length} posts accepted, ${slackApi.rateLimited} answered 429 by the per-channel limit; lost ${figures.lost.length}, duplicates ${figures.duplicates}`,
    );
    expect(figures.lost).toEqual([]);
    expect(figures.duplicated).toEqual([]);
    expect(slackApi.posted()).toHaveLength(REMINDERS);
    expect(await unsent()).toBe(0);
  }, 240_000);
});

/**
 * Duplicates already certain: for a contract whose reminder is recorded as sent, its posts beyond the
 * first; for one not recorded as sent yet, every post already in Slack (it will be posted once more).
 */
async function certainDuplicates(): Promise<number> {
  const sent = new Set((await db.reminder.findMany({ where: { kind: 'renewal', status: 'sent' }, select: { contract: { select: { name: true } } } })).map((r) => r.contract!.name));
  let certain = 0;
  for (const [name, posts] of postsPerContract(slackApi.posted())) certain += sent.has(name) ? posts - 1 : posts;
  return certain;
}

const KILLS = 20;

describe(`kill -9 during a pass (${kind})`, () => {
  it(`${KILLS} kills at random points of a pass of ${REMINDERS} reminders, then restarts: none lost, at most one duplicate per kill`, async () => {
    const LEASE_SECONDS = 1;
    const env = schedulerEnv(database.url, slackApi.apiUrl, { CHANNEL_POST_INTERVAL_MS: '200', REMINDER_LEASE_SECONDS: String(LEASE_SECONDS) });
    const perKill: number[] = [];

    // Each scheduler process boots while the one before it runs, so that a restart is immediate.
    let next = startStandby(env);
    try {
      for (let kill = 0; kill < KILLS; kill += 1) {
        const scheduler = next;
        await scheduler.ready;
        // Kill at a random point of the pass, chosen from its progress rather than the clock (a pass
        // with few reminders left could end before a random delay did): after its k-th post, then a
        // few milliseconds more, so that the kill lands anywhere between posting and recording. k is
        // at most a share of what is left, so that every pass still has posts to make when it dies.
        const share = Math.max(1, Math.floor((await unsent()) / (KILLS - kill + 1)));
        const k = 1 + Math.floor(Math.random() * share);
        const before = slackApi.posted().length;
        const posting = slackApi.waitFor('chat.postMessage', slackApi.callsTo('chat.postMessage').length + k, 60_000).then(() => true);
        scheduler.go(minutesAfterDue(kill));
        next = startStandby(env);
        if (!(await Promise.race([posting, scheduler.exited.then(() => false)]))) throw new Error(`pass ${kill} ended before its post ${k}:\n${(await scheduler.exited).output}`);
        await new Promise((r) => setTimeout(r, Math.random() * 20));
        scheduler.child.kill('SIGKILL');
        const end = await scheduler.exited;
        expect(end.signal, `pass ${kill} ended before the kill:\n${end.output}`).toBe('SIGKILL');
        expect(slackApi.posted().length).toBeGreaterThan(before);
        // Duplicates this kill made certain: posts in Slack that the database does not record as sent
        // (they will be posted again), counted against all that were certain before it.
        const certain = await certainDuplicates();
        perKill.push(certain - perKill.reduce((a, b) => a + b, 0));
        // The next pass starts at once; what this one had claimed is taken over by a later pass, once
        // its lease has run out.
      }
      await new Promise((r) => setTimeout(r, LEASE_SECONDS * 1000));
      // The last restart runs to the end.
      for (let round = 0; (await unsent()) > 0 && round < 3; round += 1) {
        const scheduler = next;
        await scheduler.ready;
        scheduler.go(minutesAfterDue(30 + round));
        next = startStandby(env);
        const end = await scheduler.exited;
        expect(end.code, end.output).toBe(0);
      }
    } finally {
      next.child.kill('SIGKILL');
      await next.exited;
    }
    const figures = deliveryFigures(slackApi.posted(), REMINDERS);
    console.info(
      `kill -9 (${kind}): ${KILLS} kills; duplicates per kill ${JSON.stringify(perKill)} (total ${figures.duplicates}, max ${Math.max(...perKill)} per kill); lost ${figures.lost.length}`,
    );
    expect(figures.lost).toEqual([]);
    expect(await unsent()).toBe(0);
    expect(Math.max(...perKill)).toBeLessThanOrEqual(1);
    // Every duplicate is one of those posts in flight at a kill.
    expect(figures.duplicates).toBe(perKill.reduce((a, b) => a + b, 0));
  }, 300_000);
});
