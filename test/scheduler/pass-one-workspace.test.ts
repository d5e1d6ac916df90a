import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { runPass } from '../../src/scheduler/pass.js';

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z' });
});
afterEach(async () => {
  await t.stop();
});

async function add(team: string, channel: string): Promise<void> {
  const body = t.slack.commandBody('/contract', 'add "Globex Support" vendor:Globex end:2027-01-31 notice:30d', 'UOWNER', channel).replace('team_id=T1', `team_id=${team}`);
  expect((await t.slack.post(body)).status).toBe(200);
  await t.slackApi.waitFor('response_url');
  t.slackApi.reset();
}

describe('a pass kept to one workspace (the console\'s scheduler control)', () => {
  it('posts only that workspace\'s due reminders; the others stay due for the next full pass', async () => {
    await add('T1', 'CONE');
    await add('T2', 'CTWO');
    const at = new Date('2026-12-02T09:00:00Z');
    const only = await runPass({ db: t.bot.db, delivery: t.bot.delivery, clock: () => new Date(), workspaceId: 'slack:T2' }, at);
    expect(only.posted).toBe(1);
    expect(t.slackApi.callsTo('chat.postMessage').map((c) => c.body['channel'])).toEqual(['CTWO']);
    const rest = await t.tick('2026-12-02T09:00:00Z');
    expect(rest.posted).toBe(1);
    expect(t.slackApi.callsTo('chat.postMessage').map((c) => c.body['channel'])).toEqual(['CTWO', 'CONE']);
  });
});
