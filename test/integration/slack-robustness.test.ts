import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z' });
});
afterAll(async () => {
  await t.stop();
});
beforeEach(() => t.slackApi.reset());

function viewSubmission(values: Record<string, Record<string, unknown>>, metadata = JSON.stringify({ channelId: 'CFORM' })): string {
  const payload = {
    type: 'view_submission',
    team: { id: 'T1', domain: 'test' },
    user: { id: 'UFORM', username: 'uform', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: 'trigger-form',
    view: {
      id: 'V1', type: 'modal', callback_id: 'rd:contract.add', private_metadata: metadata, team_id: 'T1', app_id: 'A1', bot_id: 'B1',
      title: { type: 'plain_text', text: 'New contract' }, blocks: [], hash: 'h',
      state: { values: Object.fromEntries(Object.entries(values).map(([block, v]) => [block, { value: v }])) },
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

describe('the new-contract form', () => {
  it('reports field errors inline and stores nothing', async () => {
    const res = await t.slack.post(viewSubmission({
      name: { type: 'plain_text_input', value: 'Form Co' },
      vendor: { type: 'plain_text_input', value: 'Vendor' },
      end: { type: 'datepicker', selected_date: '2027-04-30' },
      notice: { type: 'plain_text_input', value: '-3' },
      tier: { type: 'static_select', selected_option: { value: '9' } },
    }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors['notice']).toContain('negative');
    expect(body.errors['tier']).toContain('1, 2 or 3');
    expect(await t.bot.db.contract.count()).toBe(0);
  });

  it('creates the contract in the channel the form was opened from and confirms privately', async () => {
    const res = await t.slack.post(viewSubmission({
      name: { type: 'plain_text_input', value: 'Form Co' },
      vendor: { type: 'plain_text_input', value: 'Vendor' },
      end: { type: 'datepicker', selected_date: '2027-04-30' },
      notice: { type: 'plain_text_input', value: '45' },
      renewal: { type: 'static_select', selected_option: { value: 'manual' } },
      owner: { type: 'users_select', selected_user: 'UBOSS' },
    }));
    expect(res.status).toBe(200);
    const [ephemeral] = await t.slackApi.waitFor('chat.postEphemeral');
    expect(ephemeral!.body['channel']).toBe('CFORM');
    expect(ephemeral!.body['user']).toBe('UFORM');
    expect(textOf(ephemeral!.body)).toContain('2027-03-16'); // 2027-04-30 − 45 days
    const contract = await t.bot.db.contract.findFirstOrThrow();
    expect(contract).toMatchObject({ name: 'Form Co', channelId: 'CFORM', ownerId: 'UBOSS', renewal: 'manual', noticeDays: 45, createdBy: 'UFORM' });
  });
});

describe('nothing a user sends crashes the bot or yields 5xx', () => {
  it('survives malformed payloads, forged button values and odd input', async () => {
    const garbage = [
      new URLSearchParams({ payload: '{not json' }).toString(),
      new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', team: { id: 'T1' }, user: { id: 'U1' }, actions: [] }) }).toString(),
      'just some text',
    ];
    for (const body of garbage) {
      const res = await t.slack.post(body);
      expect(res.status, body).toBeLessThan(500);
    }
    await t.slack.click({ user: 'UOWNER', actionId: 'rd:decide.renew', value: '{"c":"nope","y":"x"}', channel: 'C1', messageTs: '1.1' });
    const [reply] = await t.slackApi.waitFor('response_url');
    expect(textOf(reply!.body)).toContain('no longer valid');
    await t.slack.click({ user: 'UOWNER', actionId: 'rd:decide.renew', value: '{"c":"00000000-0000-0000-0000-000000000000","y":1}', channel: 'C1', messageTs: '1.1' });
    const replies = await t.slackApi.waitFor('response_url', 2);
    expect(textOf(replies[1]!.body)).toContain('no longer exists');
    for (const text of ['add "\u0000" vendor:x end:2027-01-01', 'show ' + '"'.repeat(3), 'add x vendor:"" end:2027-01-01', 'edit', 'decide', '"""']) {
      const res = await t.slack.command('/contract', text);
      expect(res.status).toBe(200);
    }
    await t.slackApi.waitFor('response_url', 8);
    expect(t.logs.filter((l) => l.includes('unexpected error'))).toEqual([]);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  });

  it('answers command words that are Object.prototype properties like any unknown word', async () => {
    const cases: [string, string, RegExp][] = [
      ['/contract', 'constructor', /`constructor` is not a \/contract command/],
      ['/issue', '__proto__', /`__proto__` is not an \/issue command/],
      ['/issue', 'constructor I-1 at:2026-11-20T10:00', /`constructor` is not an \/issue command/],
      ['/contract', 'edit Nothing constructor:1', /`constructor:` is not an option here/],
      ['/renewals', 'hasOwnProperty', /Unknown word `hasOwnProperty`/],
    ];
    for (const [command, text, expected] of cases) {
      const before = t.slackApi.callsTo('response_url').length;
      expect((await t.slack.command(command, text)).status).toBe(200);
      const replies = await t.slackApi.waitFor('response_url', before + 1);
      const reply = textOf(replies[before]!.body);
      expect(reply, text).toMatch(expected);
      expect(reply, text).toContain('Example');
    }
    expect(t.logs.filter((l) => l.includes('unexpected error'))).toEqual([]);
  });

  it('handles a click redelivered by Slack (same action) only once', async () => {
    await t.slack.command('/contract', 'add Twice vendor:T end:2027-01-31 notice:30d');
    await t.slackApi.waitFor('response_url');
    await t.tick('2026-12-02T09:00:00Z');
    const [post] = await t.slackApi.waitFor('chat.postMessage');
    const blocks = post!.body['blocks'] as { elements?: { action_id: string; value: string }[] }[];
    const value = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'rd:decide.renew')!.value;
    const payload = {
      type: 'block_actions', team: { id: 'T1', domain: 't' }, user: { id: 'UOWNER', username: 'o', team_id: 'T1' }, api_app_id: 'A1', token: 'x',
      container: { type: 'message', message_ts: '1700000001.000100', channel_id: 'CRENEW' }, channel: { id: 'CRENEW', name: 'r' },
      message: { ts: '1700000001.000100', text: 'r' }, response_url: t.slackApi.responseUrl('retry'), trigger_id: 'tr',
      actions: [{ type: 'button', action_id: 'rd:decide.renew', block_id: 'b', value, action_ts: '1764000000.000001', text: { type: 'plain_text', text: 'Renew' } }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    await t.slack.post(body);
    await t.slack.post(body, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await t.slackApi.waitFor('chat.update');
    expect(await t.bot.db.decision.count()).toBe(1);
    expect(await t.bot.db.auditEvent.count({ where: { action: 'decision.renew' } })).toBe(1);
  });
});
