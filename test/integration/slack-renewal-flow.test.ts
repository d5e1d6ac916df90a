import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';
import { signSlackRequest } from '../helpers/slack-signer.js';

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z' });
});
afterEach(async () => {
  await t.stop();
});

async function addGlobex(extra = ''): Promise<string> {
  const res = await t.slack.command('/contract', `add "Globex Support" vendor:Globex end:2027-01-31 notice:30d value:12000 ${extra}`);
  expect(res.status).toBe(200);
  const [reply] = await t.slackApi.waitFor('response_url');
  t.slackApi.reset();
  return textOf(reply!.body);
}

function buttonValue(body: Record<string, unknown>, actionId: string): string {
  const blocks = body['blocks'] as { type: string; elements?: { action_id: string; value: string }[] }[];
  const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId);
  if (!button) throw new Error(`no ${actionId} button in ${JSON.stringify(blocks)}`);
  return button.value;
}

describe('a renewal, end to end through Slack', () => {
  it('adds a contract, reminds once at the due time, refuses strangers and records the owner decision in place', async () => {
    const reply = await addGlobex();
    expect(reply).toContain('2027-01-01'); // deadline = end − 30 days
    expect(reply).toContain('2026-12-02'); // the 30-day reminder (60- and 90-day ones are already past)
    expect(reply).toContain('2026-12-31'); // the 1-day reminder

    expect((await t.tick('2026-12-02T08:59:00Z')).posted).toBe(0);
    expect((await t.tick('2026-12-02T09:00:00Z')).posted).toBe(1);
    expect((await t.tick('2026-12-02T09:05:00Z')).posted).toBe(0);
    const posts = t.slackApi.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    const reminder = posts[0]!.body;
    expect(reminder['channel']).toBe('CRENEW');
    expect(String(reminder['text'])).toMatch(/Globex Support.*2027-01-01/);
    expect(textOf(reminder)).toContain('<@UOWNER>');
    expect(textOf(reminder)).toContain('Snooze 7 days');
    const value = buttonValue(reminder, 'rd:decide.renew');
    const messageTs = '1700000001.000100';

    await t.slack.click({ user: 'USTRANGER', actionId: 'rd:decide.renew', value, channel: 'CRENEW', messageTs });
    const [refusal] = await t.slackApi.waitFor('response_url');
    expect(textOf(refusal!.body)).toContain('Only the owner');
    expect(refusal!.body['response_type']).toBe('ephemeral');
    expect(t.slackApi.callsTo('chat.update')).toHaveLength(0);

    await t.slack.click({ user: 'UOWNER', actionId: 'rd:decide.renew', value, channel: 'CRENEW', messageTs });
    const [update] = await t.slackApi.waitFor('chat.update');
    expect(update!.body['ts']).toBe(messageTs);
    expect(textOf(update!.body)).toMatch(/Renew\*? decided by <@UOWNER>/);
    expect(JSON.stringify(update!.body['blocks'])).not.toContain('"type":"actions"');

    for (const at of ['2026-12-18T09:00:00Z', '2026-12-25T09:00:00Z', '2026-12-31T09:00:00Z', '2027-01-02T09:00:00Z']) {
      await t.tick(at);
    }
    expect(t.slackApi.callsTo('chat.postMessage')).toHaveLength(1);
    const audit = await t.bot.db.auditEvent.findMany({ where: { action: 'decision.renew' } });
    expect(audit).toHaveLength(1);
  });

  it('posts a due reminder once when two passes run at the same time', async () => {
    await addGlobex();
    const reports = await Promise.all([t.tick('2026-12-02T09:00:00Z'), t.tick('2026-12-02T09:00:00Z')]);
    expect(reports[0]!.posted + reports[1]!.posted).toBe(1);
    expect(t.slackApi.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('retries a reminder whose post failed with HTTP 500 on the next pass', async () => {
    await addGlobex();
    t.slackApi.fail('chat.postMessage', { status: 500 }, { times: 3 });
    const first = await t.tick('2026-12-02T09:00:00Z');
    expect(first.posted).toBe(0);
    expect(first.failed).toBe(1);
    const second = await t.tick('2026-12-02T09:01:00Z');
    expect(second.posted).toBe(1);
    const ok = t.slackApi.callsTo('chat.postMessage').slice(-1)[0]!;
    expect(String(ok.body['text'])).toContain('Globex Support');
    expect(await t.bot.db.reminder.count({ where: { status: 'sent' } })).toBe(1);
  });

  it('after downtime posts only the latest missed reminder, marked late', async () => {
    await addGlobex();
    const report = await t.tick('2026-12-28T09:00:00Z'); // the 30-, 14- and 7-day steps were all missed
    expect(report.posted).toBe(1);
    expect(report.late).toBe(1);
    const [post] = t.slackApi.callsTo('chat.postMessage');
    expect(String(post!.body['text'])).toContain('(late)');
    expect(textOf(post!.body)).toContain('7 days before the deadline');
  });

  it('refuses forged, stale and future-dated requests with 401 and stores nothing', async () => {
    const body = t.slack.commandBody('/contract', 'add Forged vendor:X end:2027-01-31');
    const forged = await fetch(`${t.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest('wrong-secret', body) },
      body,
    });
    expect(forged.status).toBe(401);
    const stale = await fetch(`${t.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest('test-signing-secret', body, Math.floor(Date.now() / 1000) - 6 * 60) },
      body,
    });
    expect(stale.status).toBe(401);
    const future = await fetch(`${t.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest('test-signing-secret', body, Math.floor(Date.now() / 1000) + 6 * 60) },
      body,
    });
    expect(future.status).toBe(401);
    expect(await t.bot.db.contract.count()).toBe(0);
  });
});
