// A reminder whose posts keep failing is retried (backoff capped at an hour) for as long as it
// applies; once a later step of its kind is due or sent, or its moment has passed, it is given up:
// recorded `dead` with the reason and its last error, and the channel is reported to the workspace
// channel once. The real bot against the Slack Web API double, on a real database.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seriesKey } from '../../src/store/ledger-keys.js';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';
import { testDatabaseKind } from '../helpers/postgres.js';

const WORKSPACE = 'slack:T1';
const HOME = 'CWORKSPACE';
const CHANNEL = 'CFLAKY';
// Globex ends 2027-01-31 with 30 days' notice: its deadline is 2027-01-01.
const D14 = '2026-12-18T09:00:00Z';
const D7 = '2026-12-25T09:00:00Z';
const D1 = '2026-12-31T09:00:00Z';

let t: TestBot;
let contractId: string;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z' });
  const db = t.bot.db;
  await db.workspace.create({ data: { id: WORKSPACE, platform: 'slack', timezone: 'UTC', defaultChannel: HOME, createdAt: new Date('2026-11-01T00:00:00Z') } });
  contractId = randomUUID();
  await db.contract.create({ data: { id: contractId, workspaceId: WORKSPACE, name: 'Globex Support', nameKey: 'globex support', vendor: 'Globex', end: '2027-01-31', noticeDays: 30, deadline: '2027-01-01', ownerId: 'UOWNER', channelId: CHANNEL, createdBy: 'UOWNER' } });
});
afterEach(async () => {
  await t.stop();
});

async function plan(...steps: [string, string][]): Promise<void> {
  await t.bot.db.reminder.createMany({
    data: steps.map(([step, dueAt]) => ({ workspaceId: WORKSPACE, ...seriesKey({ of: 'contract', contractId, cycle: 1 }), contractId, kind: 'renewal', step, dueAt: new Date(dueAt) })),
  });
}

const row = (step: string) => t.bot.db.reminder.findFirstOrThrow({ where: { contractId, step } });
const postsIn = (channel: string) => t.slackApi.posted().filter((p) => p.body['channel'] === channel);
const after = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

describe(`giving up a reminder whose posts keep failing (${testDatabaseKind()})`, () => {
  it('is not given up for failing: after hundreds of failed attempts it is still retried, at most an hour apart', async () => {
    await plan(['d14', D14]);
    await t.bot.db.reminder.updateMany({ where: { contractId }, data: { status: 'failed', attempts: 400, lastError: 'HTTP 500' } });
    t.slackApi.fail('chat.postMessage', { status: 500 }, { channel: CHANNEL, times: 2 });
    const first = await t.tick(D14);
    expect(first).toMatchObject({ posted: 0, failed: 1, givenUp: 0 });
    const failing = await row('d14');
    expect(failing).toMatchObject({ status: 'failed', attempts: 401, lastError: 'HTTP 500' });
    expect(failing.nextAttemptAt!.toISOString()).toBe(after(D14, 60));

    expect(await t.tick(after(D14, 30))).toMatchObject({ posted: 0, failed: 0 }); // still backing off
    expect(await t.tick(after(D14, 60))).toMatchObject({ posted: 1, failed: 0 });
    expect(postsIn(CHANNEL)).toHaveLength(1);
    expect(await row('d14')).toMatchObject({ status: 'sent' });
  });

  it('superseded by a later step due at the same time: given up with the reason, the later one posted, the channel reported once', async () => {
    await plan(['d14', D14], ['d7', D7]);
    t.slackApi.fail('chat.postMessage', { status: 500 }, { channel: CHANNEL, times: 2 });
    expect(await t.tick(D14)).toMatchObject({ posted: 0, failed: 1 });

    const week = await t.tick(D7);
    expect(week).toMatchObject({ posted: 2, givenUp: 1 }); // d7, and the report
    expect(await row('d14')).toMatchObject({ status: 'dead', reason: 'superseded by a later reminder', lastError: 'HTTP 500', channelId: CHANNEL });
    expect(await row('d7')).toMatchObject({ status: 'sent' });
    expect(postsIn(CHANNEL)).toHaveLength(1);
    const reports = postsIn(HOME);
    expect(reports).toHaveLength(1);
    const report = textOf(reports[0]!.body);
    expect(report).toContain(`<#${CHANNEL}>`);
    expect(report).toContain('Globex Support');
    expect(report).toContain('due 2026-12-18');
    expect(report).toContain('superseded by a later reminder');
    expect(report).not.toContain('HTTP 500');

    for (const m of [1, 60, 24 * 60]) expect(await t.tick(after(D7, m))).toMatchObject({ posted: 0, givenUp: 0 });
    expect(postsIn(HOME)).toHaveLength(1);
  });

  it('superseded while it waited in backoff (the later step already sent): given up when it comes due again', async () => {
    await plan(['d14', D14], ['d7', D7]);
    t.slackApi.fail('chat.postMessage', { status: 503 }, { channel: CHANNEL, times: 2 });
    await t.tick(D14);
    // Still backing off when the next step falls due (as after a long bad spell: up to an hour).
    await t.bot.db.reminder.updateMany({ where: { contractId, step: 'd14' }, data: { nextAttemptAt: new Date(after(D7, 30)) } });
    expect(await t.tick(D7)).toMatchObject({ posted: 1, givenUp: 0 });
    expect(await row('d7')).toMatchObject({ status: 'sent' });

    expect(await t.tick(after(D7, 30))).toMatchObject({ posted: 1, givenUp: 1 }); // the report
    expect(await row('d14')).toMatchObject({ status: 'dead', reason: 'superseded by a later reminder', lastError: 'HTTP 503' });
    expect(postsIn(CHANNEL)).toHaveLength(1);
    expect(postsIn(HOME)).toHaveLength(1);
  });

  it('its moment has passed (after the deadline): given up with that reason and reported', async () => {
    await plan(['d1', D1]);
    t.slackApi.fail('chat.postMessage', { status: 429, retryAfter: 1 }, { channel: CHANNEL, times: 3 });
    expect(await t.tick(D1)).toMatchObject({ posted: 0, deferred: 1 });
    expect(await row('d1')).toMatchObject({ status: 'failed', attempts: 0 }); // rate limited: not an attempt

    const nextDay = await t.tick('2027-01-02T09:00:00Z');
    expect(nextDay).toMatchObject({ givenUp: 1 });
    expect(await row('d1')).toMatchObject({ status: 'dead', reason: 'deadline already passed', lastError: 'rate limited' });
    const reports = postsIn(HOME);
    expect(reports).toHaveLength(1);
    expect(textOf(reports[0]!.body)).toContain('deadline already passed');
  });

  it('a reminder that never failed and is superseded after downtime is skipped silently, as before', async () => {
    await plan(['d14', D14], ['d7', D7]);
    expect(await t.tick(D7)).toMatchObject({ posted: 1, givenUp: 0 });
    expect(await row('d14')).toMatchObject({ status: 'skipped', reason: 'superseded by a later reminder' });
    expect(postsIn(HOME)).toHaveLength(0);
  });

  it('an error that will not heal is recorded as permanent', async () => {
    await plan(['d14', D14]);
    t.slackApi.fail('chat.postMessage', { error: 'not_in_channel' }, { channel: CHANNEL });
    await t.tick(D14);
    expect(await row('d14')).toMatchObject({ status: 'dead', reason: 'permanent error', lastError: 'not_in_channel' });
    expect(postsIn(HOME)).toHaveLength(1);
    expect(textOf(postsIn(HOME)[0]!.body)).toContain('not_in_channel');
  });
});
