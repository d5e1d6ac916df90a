import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z' });
});
afterAll(async () => {
  await t.stop();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const payload = (value: unknown) => form({ payload: JSON.stringify(value) });
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_BODY = { 'content-type': 'application/json' };

const button = { type: 'button', action_id: 'rd:decide.renew', block_id: 'b', value: '{"c":"x","y":1}', action_ts: '1764000000.000001', text: { type: 'plain_text', text: 'Renew' } };
const blockActions = {
  type: 'block_actions', team: { id: 'T1', domain: 't' }, user: { id: 'UOWNER', username: 'o', team_id: 'T1' }, api_app_id: 'A1', token: 'x',
  container: { type: 'message', message_ts: '1.1', channel_id: 'CRENEW' }, channel: { id: 'CRENEW', name: 'r' }, message: { ts: '1.1', text: 'r' },
  response_url: 'http://127.0.0.1:9/response/never', trigger_id: 'tr', actions: [button],
};
const { user: _user, ...withoutUser } = blockActions;
const { team: _team, ...withoutTeam } = blockActions;
const viewSubmission = { type: 'view_submission', team: { id: 'T1', domain: 't' }, user: { id: 'UFORM', username: 'u', team_id: 'T1' }, api_app_id: 'A1', token: 'x', trigger_id: 'tr' };

function commandFields(text: string): Record<string, string> {
  return {
    token: 'legacy', team_id: 'T1', team_domain: 'test', channel_id: 'CRENEW', channel_name: 'renewals', user_id: 'UOWNER', user_name: 'owner',
    command: '/contract', text, api_app_id: 'A1', response_url: t.slackApi.responseUrl('json-cmd'), trigger_id: 'tr',
  };
}

/** Signed requests Slack never sends: each is refused before any handler, with 400 (or 200 and nothing done). */
function malformed(): [string, string, Record<string, string>, 200 | 400][] {
  const addJson = JSON.stringify(commandFields('add "Json Co" vendor:J end:2027-06-30'));
  const { team_id: _t, ...commandWithoutTeam } = commandFields('list');
  return [
    ['payload=null', form({ payload: 'null' }), FORM, 400],
    ['payload=[]', form({ payload: '[]' }), FORM, 400],
    ['payload="text"', form({ payload: '"text"' }), FORM, 400],
    ['payload=42', form({ payload: '42' }), FORM, 400],
    ['block_actions without user', payload(withoutUser), FORM, 400],
    ['block_actions without team', payload(withoutTeam), FORM, 400],
    ['block_actions with team null', payload({ ...blockActions, team: null }), FORM, 400],
    ['block_actions with actions not a list', payload({ ...blockActions, actions: 'renew' }), FORM, 400],
    ['block_actions with an action without action_id', payload({ ...blockActions, actions: [{ type: 'button' }] }), FORM, 400],
    ['view_submission without view', payload(viewSubmission), FORM, 400],
    ['view_submission without state', payload({ ...viewSubmission, view: { id: 'V1', callback_id: 'rd:contract.add', private_metadata: '{}' } }), FORM, 400],
    ['a slash command sent as JSON', addJson, JSON_BODY, 400],
    ['a slash command sent as text/plain', form(commandFields('add "Text Co" vendor:T end:2027-06-30')), { 'content-type': 'text/plain' }, 400],
    ['a slash command without content type', form(commandFields('add "Bare Co" vendor:T end:2027-06-30')), { 'content-type': '' }, 400],
    ['a slash command without team_id', form(commandWithoutTeam), FORM, 400],
    ['a slash command with two command fields', `${form(commandFields('list'))}&command=%2Fsla`, FORM, 400],
    ['a form that is neither a command nor an interaction', 'just some text', FORM, 400],
    ['an interaction sent as JSON', JSON.stringify(blockActions), JSON_BODY, 400],
    ['an Events API body sent as a form', form({ type: 'event_callback', team_id: 'T1' }), FORM, 400],
    ['JSON null', 'null', JSON_BODY, 400],
    ['an event_callback without event', JSON.stringify({ type: 'event_callback', team_id: 'T1' }), JSON_BODY, 400],
    ['a shortcut (not handled by the bot)', payload({ type: 'shortcut', team: { id: 'T1' }, user: { id: 'U1' }, callback_id: 'x', trigger_id: 'tr' }), FORM, 200],
  ];
}

async function counts() {
  const db = t.bot.db;
  return { contracts: await db.contract.count(), workspaces: await db.workspace.count(), clicks: await db.processedInteraction.count() };
}

describe('signed requests Slack never sends', () => {
  it('are refused with 400 (or 200 and nothing done), store nothing, call no Web API, and the bot answers a good request afterwards', async () => {
    const before = await counts();
    t.slackApi.reset();
    for (const [name, body, headers, status] of malformed()) {
      const res = await t.slack.post(body, headers);
      expect(res.status, name).toBe(status);
    }
    // A good command, with a charset parameter on its content type (a proxy may add one).
    const good = await t.slack.post(t.slack.commandBody('/contract', 'add "After Co" vendor:A end:2027-06-30'), { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });
    expect(good.status).toBe(200);
    const [reply] = await t.slackApi.waitFor('response_url');
    expect(textOf(reply!.body)).toContain('After Co');
    // Only the good command's answer reached the Web API; only its contract (and workspace) were stored.
    expect(t.slackApi.calls.map((c) => c.method)).toEqual(['response_url']);
    const after = await counts();
    expect(after).toMatchObject({ contracts: before.contracts + 1, clicks: before.clicks, workspaces: 1 });
    expect(await t.bot.db.contract.findMany({ select: { name: true } })).toEqual([{ name: 'After Co' }]);
    expect(t.logs.filter((l) => /handler error|unexpected error/.test(l))).toEqual([]);
  });

  it('still refuses a forged request with 401, whatever its shape', async () => {
    const res = await t.slack.post(form({ payload: 'null' }), { 'x-slack-signature': 'v0=forged' });
    expect(res.status).toBe(401);
  });
});
