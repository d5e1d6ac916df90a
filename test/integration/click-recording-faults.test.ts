import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';
import { button, inChannel, TeamsDriver } from '../helpers/teams-driver.js';

const NOT_RECORDED = 'We could not record your click; nothing was changed. Please try again.';

let t: TestBot;
let teams: TeamsDriver;
beforeAll(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z', teams: 'unauthenticated' });
  teams = new TeamsDriver(t);
});
afterAll(async () => {
  await t.stop();
});
afterEach(() => allowClicks());

/** A real database error on the one insert that records a click: a trigger on the bot's own database. */
async function refuseClicks(): Promise<void> {
  if (t.databaseUrl.startsWith('file:')) {
    await t.bot.db.$executeRawUnsafe(`CREATE TRIGGER refuse_clicks BEFORE INSERT ON "ProcessedInteraction" BEGIN SELECT RAISE(ABORT, 'disk I/O error (test)'); END`);
  } else {
    await t.bot.db.$executeRawUnsafe(`CREATE FUNCTION refuse_clicks() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk I/O error (test)'; END $$ LANGUAGE plpgsql`);
    await t.bot.db.$executeRawUnsafe(`CREATE TRIGGER refuse_clicks BEFORE INSERT ON "ProcessedInteraction" FOR EACH ROW EXECUTE FUNCTION refuse_clicks()`);
  }
}

async function allowClicks(): Promise<void> {
  if (t.databaseUrl.startsWith('file:')) {
    await t.bot.db.$executeRawUnsafe('DROP TRIGGER IF EXISTS refuse_clicks');
  } else {
    await t.bot.db.$executeRawUnsafe('DROP TRIGGER IF EXISTS refuse_clicks ON "ProcessedInteraction"');
    await t.bot.db.$executeRawUnsafe('DROP FUNCTION IF EXISTS refuse_clicks()');
  }
}

describe('a click the database cannot record', () => {
  it('Slack: the clicker is told privately, nothing is decided, and the same click works once the database is back', async () => {
    await t.slack.command('/contract', 'add "Slack Fault" vendor:T end:2027-01-31 notice:30d');
    await t.slackApi.waitFor('response_url');
    await t.tick('2026-12-02T09:00:00Z');
    const [post] = await t.slackApi.waitFor('chat.postMessage');
    const blocks = post!.body['blocks'] as { elements?: { action_id: string; value: string }[] }[];
    const value = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'rd:decide.renew')!.value;
    const payload = {
      type: 'block_actions', team: { id: 'T1', domain: 't' }, user: { id: 'UOWNER', username: 'o', team_id: 'T1' }, api_app_id: 'A1', token: 'x',
      container: { type: 'message', message_ts: '1700000002.000100', channel_id: 'CRENEW' }, channel: { id: 'CRENEW', name: 'r' },
      message: { ts: '1700000002.000100', text: 'r' }, response_url: t.slackApi.responseUrl('fault'), trigger_id: 'tr',
      actions: [{ type: 'button', action_id: 'rd:decide.renew', block_id: 'b', value, action_ts: '1764000000.000002', text: { type: 'plain_text', text: 'Renew' } }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    t.slackApi.reset();

    await refuseClicks();
    expect((await t.slack.post(body)).status).toBe(200);
    const [reply] = await t.slackApi.waitFor('response_url');
    expect(reply!.body['response_type']).toBe('ephemeral');
    expect(textOf(reply!.body)).toContain(NOT_RECORDED);
    expect(textOf(reply!.body)).not.toMatch(/disk I\/O|Prisma|RAISE/);
    expect(t.slackApi.callsTo('chat.update')).toEqual([]);
    expect(await t.bot.db.decision.count()).toBe(0);

    await allowClicks();
    expect((await t.slack.post(body)).status).toBe(200);
    await t.slackApi.waitFor('chat.update');
    expect(await t.bot.db.decision.count()).toBe(1);
  });

  it('Teams: the invoke answers privately, nothing is decided, and the same activity works once the database is back', async () => {
    await teams.run('contract add "Teams Fault" vendor:T end:2027-01-31 notice:30d');
    await t.tick('2026-12-02T09:00:00Z');
    const post = teams.posts('renew').find((c) => String(c.body['summary']).includes('Teams Fault'))!;
    const renew = button(post, 'decide.renew');
    const activity = t.teams.activity('invoke', 'owner', inChannel('renew'), { name: 'adaptiveCard/action', replyToId: post.id, value: { action: { type: 'Action.Execute', verb: renew.verb, data: renew.data } } });
    const decisionsBefore = await t.bot.db.decision.count();
    t.teamsApi.reset();

    await refuseClicks();
    const refused = await t.teams.post(activity);
    expect(refused.status).toBe(200);
    const answer = ((await refused.json()) as { value: unknown }).value;
    expect(answer).toBe(NOT_RECORDED);
    expect(t.teamsApi.updates()).toEqual([]);
    expect(await t.bot.db.decision.count()).toBe(decisionsBefore);

    await allowClicks();
    const accepted = await t.teams.post(activity);
    expect(accepted.status).toBe(200);
    expect(JSON.stringify(await accepted.json())).not.toContain('Already done');
    expect(await t.bot.db.decision.count()).toBe(decisionsBefore + 1);
  });
});
