// A long bad spell: for three simulated hours the Slack double fails half of all posts (429 with
// Retry-After, 500, 503, connection resets), with passes every few simulated minutes (the injected
// clock; only the pacing and the Retry-After take real time). Then Slack heals. Every reminder is
// posted exactly once, none is given up, and none waits longer than the backoff cap after the heal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { DUE_AT, deliveryFigures, seedDueReminders } from '../helpers/due-reminders.js';
import { testDatabaseKind } from '../helpers/postgres.js';

const REMINDERS = 300;
const CHANNELS = 30;
const PASS_EVERY_MINUTES = 3;
const BAD_SPELL_MINUTES = 180;
const BACKOFF_CAP_MINUTES = 60;
const SEED = 15;

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z', env: { CHANNEL_POST_INTERVAL_MS: '20' } });
  await seedDueReminders(t.bot.db, REMINDERS, CHANNELS);
  await t.tick('2026-12-01T12:00:00Z'); // plans (and skips: nothing to report) this month's reports
  t.slackApi.reset();
});
afterEach(async () => {
  await t.stop();
});

const minutesAfterDue = (m: number) => new Date(new Date(DUE_AT).getTime() + m * 60_000).toISOString();
const unsent = () => t.bot.db.reminder.count({ where: { kind: 'renewal', status: { in: ['planned', 'failed', 'sending'] } } });

describe(`a long bad spell (${testDatabaseKind()})`, () => {
  it(`half of all posts fail for ${BAD_SPELL_MINUTES} simulated minutes: ${REMINDERS} reminders over ${CHANNELS} channels, each posted once`, async () => {
    t.slackApi.failRandomly('chat.postMessage', {
      share: 0.5,
      seed: SEED,
      failures: [{ status: 429, retryAfter: 1 }, { status: 500 }, { status: 503 }, { reset: true }],
    });
    const totals = { posted: 0, failed: 0, deferred: 0, skipped: 0 };
    let passes = 0;
    let minute = 0;
    let lastPosting = 0;
    const pass = async () => {
      const report = await t.tick(minutesAfterDue(minute));
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += report[key];
      if (report.posted > 0) lastPosting = minute;
      passes += 1;
    };
    for (; minute <= BAD_SPELL_MINUTES; minute += PASS_EVERY_MINUTES) await pass();
    const tried = t.slackApi.callsTo('chat.postMessage').length;
    const refused = tried - t.slackApi.posted().length;
    const waitingAtHeal = await unsent();

    t.slackApi.failRandomly('chat.postMessage', null);
    const healedAt = minute - PASS_EVERY_MINUTES;
    while ((await unsent()) > 0 && minute <= healedAt + 2 * BACKOFF_CAP_MINUTES) {
      await pass();
      minute += PASS_EVERY_MINUTES;
    }
    const lastPass = minute - PASS_EVERY_MINUTES;

    const figures = deliveryFigures(t.slackApi.posted(), REMINDERS);
    const distinct = REMINDERS - figures.lost.length;
    console.info(
      `long bad spell (${testDatabaseKind()}, seed ${SEED}): ${REMINDERS} reminders, ${CHANNELS} channels; ${passes} passes over ${lastPass} simulated minutes; ` +
        `in the spell ${tried} posts tried, ${refused} refused (${Math.round((100 * refused) / Math.max(tried, 1))} %), ${waitingAtHeal} still waiting when it ended; ` +
        `posted ${t.slackApi.posted().length}, distinct ${distinct}, lost ${figures.lost.length}, duplicated ${figures.duplicates}; ` +
        `last post at +${lastPosting} min (the heal at +${healedAt}); pass totals ${JSON.stringify(totals)}`,
    );
    expect(refused / tried).toBeGreaterThan(0.4);
    expect(figures.lost).toEqual([]);
    expect(figures.duplicated).toEqual([]);
    expect(t.slackApi.posted()).toHaveLength(REMINDERS);
    expect(await t.bot.db.reminder.count({ where: { kind: 'renewal', status: 'sent' } })).toBe(REMINDERS);
    expect(await t.bot.db.reminder.count({ where: { status: 'dead' } })).toBe(0);
    // Backoff is capped: once Slack answers again, the last reminder waits at most the cap (and a pass).
    expect(lastPass - healedAt).toBeLessThanOrEqual(BACKOFF_CAP_MINUTES + PASS_EVERY_MINUTES);
  }, 600_000);
});
