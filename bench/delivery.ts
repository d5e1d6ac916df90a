// The pass near the wire: reminders due at once, posted through the real Slack delivery to the local
// Slack double (in a process of its own, as Slack is another machine), on the real database. Raw
// throughput against a floor that only POSTs the same request bodies to the same double; and whole
// workloads against Slack's one post a second per channel, against the floor that limit sets.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { SlackDelivery } from '../src/platforms/slack/delivery.js';
import { PostPacer } from '../src/scheduler/pacer.js';
import { runPass, type PassReport } from '../src/scheduler/pass.js';
import { openDatabase, type Db } from '../src/store/client.js';
import { DUE_AT, seedDueReminders } from '../test/helpers/due-reminders.js';
import { scratchDatabase, settle, type DatabaseKind } from './lib/databases.js';
import type { Figures } from './lib/figures.js';
import type { BenchOptions } from './lib/options.js';
import { startRemoteSlack, type RemoteSlack } from './lib/remote-slack.js';
import { seedEvidence } from './lib/seed.js';

const SECTION = 'pass near the wire';
const minutesAfterDue = (m: number) => new Date(new Date(DUE_AT).getTime() + m * 60_000);

/** Due reminders (one per contract, contracts spread over the channels), each contract with a few vendor issues for its SLA evidence. */
async function seeded(kind: DatabaseKind, name: string, dir: string, options: BenchOptions, reminders: number, channels: number): Promise<{ db: Db; drop: () => Promise<void> }> {
  const database = await scratchDatabase(kind, name, dir, options.postgres);
  const db = openDatabase(database.url);
  await seedDueReminders(db, reminders, channels);
  await seedEvidence(database.url, options.seed);
  await settle(database);
  return { db, drop: async () => { await db.$disconnect(); await database.drop(); } };
}

/** Runs passes as cron would (a minute apart) until nothing is left to post; the reports and the seconds from the first pass's start. */
async function deliver(db: Db, slack: RemoteSlack, intervalMs: number, postsInFlight: number): Promise<{ reports: PassReport[]; seconds: number }> {
  const deps = { db, delivery: new SlackDelivery('xoxb-bench', slack.apiUrl, intervalMs), clock: () => new Date(), pacer: new PostPacer(), postsInFlight };
  // The month's report rows of the seeded channels (nothing to report) are planned and skipped by a
  // pass before the due instant, so that the timed pass only delivers the reminders.
  await runPass(deps, minutesAfterDue(-1));
  const started = performance.now();
  const reports = [await runPass(deps, minutesAfterDue(0))];
  for (let minute = 1; reports.at(-1)!.deferred + reports.at(-1)!.failed > 0 && minute < 10; minute += 1) reports.push(await runPass(deps, minutesAfterDue(minute)));
  return { reports, seconds: (performance.now() - started) / 1000 };
}

/** The floor: the same request bodies POSTed to the same double, `concurrency` at a time, with nothing else; posts a second. */
async function postOnly(slack: RemoteSlack, bodies: readonly { body: string; contentType: string }[], concurrency: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(`${slack.apiUrl}chat.postMessage`);
  const post = (b: { body: string; contentType: string }) =>
    new Promise<void>((resolve, reject) => {
      const headers = { 'content-type': b.contentType, 'content-length': Buffer.byteLength(b.body), authorization: 'Bearer xoxb-bench' };
      const request = http.request(url, { method: 'POST', agent, headers }, (response) => {
        response.resume();
        response.on('end', resolve);
      });
      request.on('error', reject);
      request.end(b.body);
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < bodies.length) await post(bodies[next++]!);
  }));
  agent.destroy();
  return bodies.length / ((performance.now() - started) / 1000);
}

async function check(slack: RemoteSlack, reminders: number): Promise<{ outcome: string; rateLimited: number }> {
  const { lost, duplicates, rateLimited } = await slack.figures(reminders);
  if (lost > 0 || duplicates > 0) throw new Error(`reminders lost (${lost}) or posted twice (${duplicates})`);
  return { outcome: '0 lost, 0 duplicated', rateLimited };
}

export async function benchDelivery(kind: DatabaseKind, options: BenchOptions, figures: Figures, dir: string): Promise<void> {
  for (const postsInFlight of [1, 4]) {
    const { db, drop } = await seeded(kind, `throughput${postsInFlight}`, dir, options, options.throughputReminders, 200);
    const slack = await startRemoteSlack();
    try {
      await slack.keepRawPosts();
      const { reports, seconds } = await deliver(db, slack, 0, postsInFlight);
      const posted = reports.reduce((n, r) => n + r.posted, 0);
      const { outcome } = await check(slack, options.throughputReminders);
      const bodies = await slack.takeRawPosts();
      await slack.reset();
      const floor = await postOnly(slack, bodies, postsInFlight);
      figures.add({
        section: SECTION, name: `pass throughput, ${posted.toLocaleString('en-US')} reminders, ${postsInFlight} post(s) in flight, no pacing`, database: kind,
        value: posted / seconds, unit: 'posts/s', floor, floorIs: 'the same bodies POSTed to the same double at the same concurrency, no database', target: { of: 'ratio', atLeast: 0.5 }, note: outcome,
      });
    } finally {
      await slack.stop();
      await drop();
    }
  }
  for (const workload of options.paced) {
    const { db, drop } = await seeded(kind, `paced${workload.channels}`, dir, options, workload.reminders, workload.channels);
    const slack = await startRemoteSlack();
    try {
      await slack.limitPostsPerChannel(1000);
      const { reports, seconds } = await deliver(db, slack, 1000, workload.postsInFlight);
      const { outcome, rateLimited } = await check(slack, workload.reminders);
      figures.add({
        section: SECTION, name: `${workload.reminders.toLocaleString('en-US')} reminders over ${workload.channels.toLocaleString('en-US')} channels, Slack at 1 post/s per channel, ${workload.postsInFlight} post(s) in flight`, database: kind,
        value: seconds, unit: 's', floor: Math.ceil(workload.reminders / workload.channels), floorIs: 'one post a second in each channel', target: { of: 'ratio', atMost: 1.2 },
        note: `${outcome}, ${reports.length} pass(es), ${rateLimited} answered 429`,
      });
    } finally {
      await slack.stop();
      await drop();
    }
  }
}
