import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';
import type { SlackCall } from '../helpers/slack-double.js';

// Globex Support ends (and has its deadline) on Wed 2027-03-31; tier 2. The survey opens 60 days
// before, Sat 30 Jan → Fri 2027-01-29, and closes 14 days before, Wed 2027-03-17.
let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z' });
  await run('/contract', 'add "Globex Support" vendor:Globex end:2027-03-31 channel:<#CRENEW|renewals>');
  t.slackApi.reset();
});
afterEach(async () => {
  await t.stop();
});

async function run(command: string, text: string, user = 'UOWNER'): Promise<string> {
  const before = t.slackApi.callsTo('response_url').length;
  await t.slack.command(command, text, user, 'COTHER');
  const replies = await t.slackApi.waitFor('response_url', before + 1);
  return textOf(replies[before]!.body);
}

const surveyPosts = () => t.slackApi.callsTo('chat.postMessage').filter((c) => String(c.body['text']).startsWith('Pulse survey'));
const valueOf = (call: SlackCall, actionId: string) => {
  const blocks = call.body['blocks'] as { elements?: { action_id: string; value: string }[] }[];
  return blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)?.value;
};
const surveyTs = async () => {
  const survey = await t.bot.db.survey.findFirstOrThrow();
  if (survey.messageId) return survey.messageId;
  return (await t.bot.db.reminder.findFirstOrThrow({ where: { id: survey.reminderId! } })).messageId!;
};

async function vote(user: string, post: SlackCall, rating: number | 'comment' | 'comments', team?: string): Promise<string> {
  const actionId = `rd:survey.${rating}`;
  const before = t.slackApi.callsTo('response_url').length;
  const views = t.slackApi.callsTo('views.open').length;
  await t.slack.click({ user, actionId, value: valueOf(post, rating === 'comments' ? actionId : 'rd:survey.1')!, channel: 'CRENEW', messageTs: await surveyTs(), team });
  return Promise.race([
    t.slackApi.waitFor('response_url', before + 1).then((all) => textOf(all[before]!.body)),
    t.slackApi.waitFor('views.open', views + 1).then(() => 'form opened'),
  ]);
}

describe('pulse survey (Slack)', () => {
  it('several voters and a re-vote: the count while open, the results in place once it closes, on later reminders too', async () => {
    await t.tick('2027-01-28T09:00:00Z');
    expect(surveyPosts()).toHaveLength(0);
    await t.tick('2027-01-29T09:00:00Z');
    const [post] = surveyPosts();
    expect(post!.body['channel']).toBe('CRENEW');
    expect(String(post!.body['text'])).toBe('Pulse survey: How well does Globex serve us on Globex Support? Vote 1–5 until 2027-03-17; 0 votes so far.');
    expect(textOf(post!.body)).toContain('Open until *2027-03-17 (Wed)*');
    for (const id of ['rd:survey.1', 'rd:survey.2', 'rd:survey.3', 'rd:survey.4', 'rd:survey.5', 'rd:survey.comment']) expect(textOf(post!.body)).toContain(id);
    await t.tick('2027-01-29T09:10:00Z');
    expect(surveyPosts()).toHaveLength(1);

    t.clock.set('2027-02-01T10:00:00Z');
    expect(await vote('UANN', post!, 5)).toContain('Your vote (5) is counted for Globex Support: 1 person has voted.');
    expect(await vote('UBEN', post!, 4)).toContain('2 people have voted');
    expect(await vote('UCAT', post!, 4)).toContain('3 people have voted');
    expect(await vote('UANN', post!, 3)).toContain('Your vote is now 3 (was 5) for Globex Support: 3 people have voted.');
    const open = t.slackApi.callsTo('chat.update').at(-1)!;
    expect(open.body['ts']).toBe(await surveyTs());
    expect(textOf(open.body)).toContain('3 people have voted so far.');
    expect(textOf(open.body)).not.toMatch(/\d\.\d\/5/); // no average while open
    expect(await t.bot.db.surveyVote.count()).toBe(3);

    // A comment, through the form; it never shows in the channel, and its writer is never named.
    expect(await vote('UDAN', post!, 'comment')).toBe('form opened');
    const view = t.slackApi.callsTo('views.open').at(-1)!.body['view'] as { callback_id: string; private_metadata: string };
    const replies = t.slackApi.callsTo('chat.postEphemeral').length;
    await t.slack.submitView({ user: 'UDAN', callbackId: view.callback_id, privateMetadata: view.private_metadata, values: { field: 'Support is slow on Fridays <!channel>' } });
    const [thanks] = (await t.slackApi.waitFor('chat.postEphemeral', replies + 1)).slice(replies);
    expect(textOf(thanks!.body)).toContain('goes to the owner and approvers of Globex Support, without your name');

    await t.tick('2027-03-17T09:00:00Z');
    const closed = t.slackApi.callsTo('chat.update').at(-1)!;
    expect(closed.body['ts']).toBe(await surveyTs());
    expect(String(closed.body['text'])).toBe('Pulse survey closed: Globex Support (Globex) — 3.7/5 from 3 people.');
    const results = textOf(closed.body);
    expect(results).toContain('4 ★★★★☆  ██████████ 2 (67 %)');
    expect(results).toContain('3 ★★★☆☆  █████ 1 (33 %)');
    expect(results).toContain('1 comment for the owner and approvers');
    expect(results).not.toContain('Support is slow');
    expect(results).not.toContain('UDAN');
    expect(results).not.toContain('rd:survey.5');
    expect(surveyPosts()).toHaveLength(1); // updated in place, not posted again

    t.clock.set('2027-03-18T10:00:00Z');
    expect(await vote('UEVE', post!, 5)).toContain('has closed; votes and comments are no longer counted');
    expect(await t.bot.db.surveyVote.count()).toBe(3);

    expect(await run('/contract', 'survey "Globex Support" comments', 'UANN')).toContain('Only the owner of *Globex Support* (<@UOWNER>) can read the survey comments');
    const comments = await run('/contract', 'survey "Globex Support" comments');
    expect(comments).toContain('Support is slow on Fridays ‹!channel›');
    expect(comments).not.toContain('UDAN');

    await t.tick('2027-03-24T09:00:00Z'); // 7 days before the deadline
    const reminder = t.slackApi.callsTo('chat.postMessage').filter((c) => String(c.body['text']).startsWith('Renewal reminder')).at(-1)!;
    expect(textOf(reminder.body)).toContain('Survey: 3.7/5 from 3 people, closed 2027-03-17');
  });

  it('/contract survey starts one now (owner or approver); the decision closes it with the results', async () => {
    expect(await run('/contract', 'survey "Globex Support"', 'USTRANGER')).toContain('Only the owner of *Globex Support* (<@UOWNER>) can start a survey');
    expect(await t.bot.db.survey.count()).toBe(0);
    expect(await run('/contract', 'survey "Globex Support"')).toContain('Survey of Globex Support started in <#CRENEW>; it closes on 2027-03-17 (Wed)');
    const [post] = surveyPosts();
    expect(await run('/contract', 'survey "Globex Support"')).toContain('already open until 2027-03-17 (Wed)');
    expect(surveyPosts()).toHaveLength(1);
    await vote('UANN', post!, 4);
    await vote('UBEN', post!, 5);
    // The scheduled survey of 29 January is skipped: one is open.
    await t.tick('2027-01-29T09:00:00Z');
    expect(surveyPosts()).toHaveLength(1);
    t.clock.set('2027-02-02T10:00:00Z');
    await run('/contract', 'decide "Globex Support" renew');
    const closed = t.slackApi.callsTo('chat.update').find((c) => String(c.body['text']).startsWith('Pulse survey closed'));
    expect(String(closed!.body['text'])).toBe('Pulse survey closed: Globex Support (Globex) — 4.5/5 from 2 people.');
    expect(textOf(closed!.body)).toContain('closed at the renewal decision');
    expect((await t.bot.db.survey.findFirstOrThrow()).closedBy).toBe('decision');
    // Its scheduled close finds it closed: nothing more is posted or updated.
    const updates = t.slackApi.callsTo('chat.update').length;
    await t.tick('2027-03-17T09:00:00Z');
    expect(t.slackApi.callsTo('chat.update')).toHaveLength(updates);
  });

  it('refuses an archived contract, another workspace\'s payload, and stores one vote under concurrent clicks', async () => {
    await run('/contract', 'survey "Globex Support"');
    const [post] = surveyPosts();
    // The same survey's button sent from another workspace: not found there, nothing recorded.
    expect(await vote('UANN', post!, 5, 'T2')).toContain('That survey was not found.');
    expect(await t.bot.db.surveyVote.count()).toBe(0);
    // One person clicking 2 and 5 at the same instant, and the same click delivered twice: one vote.
    const value = valueOf(post!, 'rd:survey.1')!;
    const ts = await surveyTs();
    await Promise.all([
      t.slack.click({ user: 'UANN', actionId: 'rd:survey.2', value, channel: 'CRENEW', messageTs: ts }),
      t.slack.click({ user: 'UANN', actionId: 'rd:survey.5', value, channel: 'CRENEW', messageTs: ts }),
    ]);
    await t.slackApi.waitFor('response_url', 4);
    expect(await t.bot.db.surveyVote.count()).toBe(1);

    await t.bot.db.contract.updateMany({ data: { status: 'archived' } });
    expect(await run('/contract', 'survey "Globex Support"')).toContain('is archived: there is no renewal to survey for');
    expect(await vote('UBEN', post!, 3)).toContain('is archived; its survey takes no more votes');
  });

  it('the survey: setting moves or switches off the scheduled survey; bad values are refused with an example', async () => {
    expect(await run('/renewals', 'settings survey:10d')).toContain('must be a number of days before the deadline from 15d to 365d');
    expect(await run('/renewals', 'settings survey:soon')).toContain('Example: /renewals settings');
    expect(await run('/renewals', 'settings')).toContain('Pulse survey: 60 days before each notice deadline');
    expect(await run('/renewals', 'settings survey:30d')).toContain('Pulse survey: 30 days before each notice deadline');
    const planned = await t.bot.db.reminder.findFirstOrThrow({ where: { kind: 'survey', status: 'planned' } });
    expect(planned.dueAt.toISOString()).toBe('2027-03-01T09:00:00.000Z');
    expect(await run('/renewals', 'settings survey:off')).toContain('Pulse survey: off');
    expect(await t.bot.db.reminder.count({ where: { kind: 'survey', status: 'planned' } })).toBe(0);
    await t.tick('2027-03-01T09:00:00Z');
    expect(surveyPosts()).toHaveLength(0);
  });
});
