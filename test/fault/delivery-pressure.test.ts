// Slack under pressure, through the real bot and the Slack Web API double: a channel answering 429
// with Retry-After, one answering 500, one that does not exist. Every reminder arrives once, the
// healthy channels are not held up, and a channel that cannot work is reported once, not retried.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';
import { DUE_AT, WORKSPACE_CHANNEL, channelName, contractName, deliveryFigures, seedDueReminders } from '../helpers/due-reminders.js';
import { testDatabaseKind } from '../helpers/postgres.js';

const CHANNELS = 8;
const PER_CHANNEL = 5;
const REMINDERS = CHANNELS * PER_CHANNEL;
const INTERVAL_MS = 200;
const [LIMITED, FAILING, MISSING] = [channelName(0), channelName(1), channelName(2)];

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z', env: { CHANNEL_POST_INTERVAL_MS: String(INTERVAL_MS) } });
  await seedDueReminders(t.bot.db, REMINDERS, CHANNELS);
  // Plan (and skip: nothing to report) the seeded channels' monthly reports before the timed pass.
  await t.tick('2026-12-01T12:00:00Z');
  t.slackApi.reset();
});
afterEach(async () => {
  await t.stop();
});

const inChannel = (channel: string) => t.slackApi.posted().filter((p) => p.body['channel'] === channel);
const minutesAfterDue = (m: number) => new Date(new Date(DUE_AT).getTime() + m * 60_000).toISOString();

describe(`delivery under pressure (${testDatabaseKind()})`, () => {
  it('429 with Retry-After in one channel and 500 in another: each reminder arrives once, the other channels are not delayed', async () => {
    t.slackApi.limitPostsPerChannel(INTERVAL_MS, { toleranceMs: 20 });
    t.slackApi.fail('chat.postMessage', { status: 429, retryAfter: 1 }, { channel: LIMITED, times: 2 });
    t.slackApi.fail('chat.postMessage', { status: 500 }, { channel: FAILING, times: 3 });

    const started = Date.now();
    const first = await t.tick(DUE_AT);
    // Healthy channels: five posts each, paced 200 ms apart, done in about 0.8 s — as if nothing failed.
    const healthy = Array.from({ length: CHANNELS }, (_, i) => channelName(i)).filter((c) => c !== LIMITED && c !== FAILING);
    for (const channel of healthy) {
      const posts = inChannel(channel);
      expect(posts, channel).toHaveLength(PER_CHANNEL);
      const gaps = posts.slice(1).map((p, i) => p.at - posts[i]!.at);
      expect(Math.min(...gaps), `${channel} is paced`).toBeGreaterThanOrEqual(INTERVAL_MS - 20);
      expect(posts.at(-1)!.at - started, `${channel} is not held up by the others`).toBeLessThan(PER_CHANNEL * INTERVAL_MS + 2000);
    }
    // The rate-limited channel waited for its Retry-After (twice) and then delivered everything.
    const limited = inChannel(LIMITED);
    expect(limited).toHaveLength(PER_CHANNEL);
    expect(limited[0]!.at - started).toBeGreaterThanOrEqual(1900);
    // The failing channel: one reminder failed (tried twice), the rest waits for a later pass.
    expect(inChannel(FAILING)).toHaveLength(0);
    expect(first).toMatchObject({ posted: REMINDERS - PER_CHANNEL, failed: 1, deferred: PER_CHANNEL - 1 });

    // The next pass (cron's next minute) delivers the failing channel once it answers again.
    const second = await t.tick(minutesAfterDue(1));
    expect(second).toMatchObject({ posted: PER_CHANNEL, failed: 0, deferred: 0 });
    expect(await t.tick(minutesAfterDue(2))).toMatchObject({ posted: 0, failed: 0 });

    const figures = deliveryFigures(t.slackApi.posted(), REMINDERS);
    expect(figures.lost).toEqual([]);
    expect(figures.duplicated).toEqual([]);
    expect(await t.bot.db.reminder.count({ where: { kind: 'renewal', status: 'sent' } })).toBe(REMINDERS);
  });

  it('a channel that does not exist: recorded, reported once to the workspace channel, not retried', async () => {
    t.slackApi.fail('chat.postMessage', { error: 'channel_not_found' }, { channel: MISSING, times: 1000 });
    const first = await t.tick(DUE_AT);
    expect(first).toMatchObject({ posted: REMINDERS - PER_CHANNEL + 1, failed: PER_CHANNEL }); // + 1: the report
    // One post was tried in the missing channel; its other reminders failed the same way without a call.
    expect(t.slackApi.callsTo('chat.postMessage').filter((c) => c.body['channel'] === MISSING)).toHaveLength(1);
    const dead = await t.bot.db.reminder.findMany({ where: { status: 'dead' } });
    expect(dead).toHaveLength(PER_CHANNEL);
    expect(dead.every((r) => r.lastError === 'channel_not_found' && r.channelId === MISSING)).toBe(true);

    const reports = inChannel(WORKSPACE_CHANNEL);
    expect(reports).toHaveLength(1);
    const report = textOf(reports[0]!.body);
    expect(report).toContain(`<#${MISSING}>`);
    expect(report).toContain('channel_not_found');
    expect(report).toContain(`${PER_CHANNEL} reminders`);
    expect(report).toContain(contractName(2));

    // Later passes neither retry the reminders nor report again.
    t.slackApi.reset();
    t.slackApi.fail('chat.postMessage', { error: 'channel_not_found' }, { channel: MISSING, times: 1000 });
    for (const m of [1, 10, 60]) expect(await t.tick(minutesAfterDue(m))).toMatchObject({ posted: 0, failed: 0 });
    expect(t.slackApi.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('Slack down (every post fails): a pass stops after ten failures in a row and nothing is lost', async () => {
    t.slackApi.fail('chat.postMessage', { status: 503 }, { times: 10_000 });
    const first = await t.tick(DUE_AT);
    expect(first.posted).toBe(0);
    expect(first.failed).toBeLessThanOrEqual(10);
    expect(first.failed + first.deferred).toBe(REMINDERS);
    t.slackApi.reset();
    // Slack is back: the following passes deliver everything (failed rows back off 0, 1, 2… minutes).
    for (let m = 1; m <= 10 && deliveryFigures(t.slackApi.posted(), REMINDERS).lost.length > 0; m += 1) await t.tick(minutesAfterDue(m));
    const figures = deliveryFigures(t.slackApi.posted(), REMINDERS);
    expect(figures.lost).toEqual([]);
    expect(figures.duplicated).toEqual([]);
  });
});
