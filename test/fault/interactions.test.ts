// Interactions that arrive more than once or at the same instant (Slack retries, two approvers, two
// instances of the bot behind a load balancer): one decision, recorded once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';
import { testDatabaseKind } from '../helpers/postgres.js';

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z' });
});
afterEach(async () => {
  await t.stop();
});

async function command(text: string, user = 'UOWNER', name = '/contract'): Promise<string> {
  const before = t.slackApi.callsTo('response_url').length;
  await t.slack.command(name, text, user);
  const replies = await t.slackApi.waitFor('response_url', before + 1);
  return textOf(replies[before]!.body);
}

/** Adds a contract and runs the pass that posts its first reminder; returns the reminder's buttons. */
async function postedReminder(): Promise<{ buttons: Map<string, string>; ts: string }> {
  await command('add "Globex Support" vendor:Globex end:2027-01-31 notice:30d value:12000');
  expect((await t.tick('2026-12-02T09:00:00Z')).posted).toBe(1);
  const [post] = await t.slackApi.waitFor('chat.postMessage');
  const blocks = post!.body['blocks'] as { elements?: { action_id: string; value: string }[] }[];
  return { buttons: new Map(blocks.flatMap((b) => b.elements ?? []).map((e) => [e.action_id, e.value])), ts: '1700000001.000100' };
}

/** Lets the bot finish what it does after acknowledging (it answers Slack first). */
async function settled(): Promise<void> {
  await new Promise((r) => setTimeout(r, 500));
}

describe(`interactions delivered twice or at once (${testDatabaseKind()})`, () => {
  it('Slack retries a click while the first delivery is still being handled: the decision is recorded once', async () => {
    const { buttons, ts } = await postedReminder();
    const payload = {
      type: 'block_actions', team: { id: 'T1', domain: 't' }, user: { id: 'UOWNER', username: 'o', team_id: 'T1' }, api_app_id: 'A1', token: 'x',
      container: { type: 'message', message_ts: ts, channel_id: 'CRENEW' }, channel: { id: 'CRENEW', name: 'r' },
      message: { ts, text: 'r' }, response_url: t.slackApi.responseUrl('retried'), trigger_id: 'tr',
      actions: [{ type: 'button', action_id: 'rd:decide.renew', block_id: 'b', value: buttons.get('rd:decide.renew')!, action_ts: '1764670000.000001', text: { type: 'plain_text', text: 'Renew' } }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    // The original and two retries, all in flight at once (Slack retries when an answer is slow).
    const answers = await Promise.all([
      t.slack.post(body),
      t.slack.post(body, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }),
      t.slack.post(body, { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await t.slackApi.waitFor('chat.update');
    await settled();
    expect(await t.bot.db.decision.count()).toBe(1);
    expect(await t.bot.db.auditEvent.count({ where: { action: 'decision.renew' } })).toBe(1);
    expect(t.slackApi.callsTo('chat.update')).toHaveLength(1);
  });

  it('two approvers click different decisions at the same instant: one wins, the other is told it was already decided', async () => {
    await command('settings approvers:<@UALICE>,<@UBOB>', 'UOWNER', '/renewals');
    const { buttons, ts } = await postedReminder();
    const before = t.slackApi.callsTo('response_url').length;
    await Promise.all([
      t.slack.click({ user: 'UALICE', actionId: 'rd:decide.renew', value: buttons.get('rd:decide.renew')!, channel: 'CRENEW', messageTs: ts }),
      t.slack.click({ user: 'UBOB', actionId: 'rd:decide.terminate', value: buttons.get('rd:decide.terminate')!, channel: 'CRENEW', messageTs: ts }),
    ]);
    const answers = (await t.slackApi.waitFor('response_url', before + 2)).slice(before).map((c) => textOf(c.body));
    expect(answers.filter((a) => a.includes('already decided'))).toHaveLength(1);
    await settled();
    const decisions = await t.bot.db.decision.findMany();
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.status).toBe('final');
    expect(await t.bot.db.auditEvent.count({ where: { action: { startsWith: 'decision.' } } })).toBe(1);
    // The message shows the winner's decision, updated once.
    const updates = t.slackApi.callsTo('chat.update');
    expect(updates).toHaveLength(1);
    expect(textOf(updates[0]!.body)).toContain(decisions[0]!.choice === 'renew' ? 'Renew' : 'Terminate');
  });
});
