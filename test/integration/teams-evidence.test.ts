import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { button, buttonsOf, inChannel, TeamsDriver, textOfCall } from '../helpers/teams-driver.js';
import { cardOf, type ConnectorCall } from '../helpers/teams-double.js';

// The Teams twins of the service-credit and survey scenarios: the real teams-ai stack against the
// connector double. Globex Support: 1,000 USD a month; a 24-hour outage in November → 250.00 USD.
let t: TestBot;
let teams: TeamsDriver;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z', teams: 'unauthenticated' });
  teams = new TeamsDriver(t);
  await run('contract add "Globex Support" vendor:Globex end:2027-03-31 value:12000 per:year');
});
afterEach(async () => {
  await t.stop();
});

const run = async (text: string, user = 'owner') => (await teams.run(text, user)).text;
const inChat = (user: string) => ({ personal: true as const, conversation: `a:dm-29:${user}` });

/** The private form the bot sent `user` (its newest card with a submit verb). */
async function formFor(user: string, verb: string): Promise<ConnectorCall> {
  const [call] = (await t.teamsApi.waitFor((c) => c.kind === 'send' && c.conversationId === `a:dm-29:${user}` && JSON.stringify(cardOf(c) ?? {}).includes(verb))).slice(-1);
  return call!;
}

describe('service credits (Teams)', () => {
  beforeEach(async () => {
    await run('sla set "Globex Support" uptime:99.9 credits:"99.9:10,99:25,95:100"');
    await run('issue outage "Globex Support" start:2026-11-10T08:00 end:2026-11-11T08:00');
  });

  it('one credit card on the first business day; a stranger\'s Waive refused; claimed, credited through the form; totals', async () => {
    await t.tick('2026-12-01T09:00:00Z');
    await t.tick('2026-12-01T09:30:00Z');
    const cards = teams.posts('renew').filter((p) => String(p.body['summary']).startsWith('Service credit C-1'));
    expect(cards).toHaveLength(1);
    const card = cards[0]!;
    expect(String(card.body['summary'])).toBe('Service credit C-1: Globex Support (Globex) earned 250.00 USD for November 2026 (uptime 96.666 %, target 99.9 %); claim it by 2026-12-30 (in 29 days).');
    expect(textOfCall(card)).toContain('Subject: SLA credit request — Globex Support — November 2026');
    expect(buttonsOf(card).map((b) => b.title)).toEqual(['Claim sent', 'Credited', 'Waive']);

    const refused = await teams.click('stranger', card, button(card, 'credit.waived'));
    expect(refused.message).toContain('Only the owner of Globex Support');
    expect((await t.bot.db.credit.findFirstOrThrow()).status).toBe('due');

    t.clock.set('2026-12-02T10:00:00Z');
    const claimed = await teams.click('owner', card, button(card, 'credit.claimed'));
    expect(claimed.text).toContain('Claim sent by');
    expect(buttonsOf(claimed.card).map((b) => b.title)).toEqual(['Credited', 'Waive']);

    const credited = await teams.click('owner', card, button(card, 'credit.credited'));
    expect(credited.message).toContain('form');
    const form = await formFor('owner', 'form.credit-amount');
    expect(JSON.stringify(cardOf(form))).toContain('"value":"250.00"');
    const submit = button(cardOf(form), 'form.credit-amount');
    const wrong = await t.teams.execute({ user: 'owner', verb: submit.verb, data: { ...submit.data, field: 'lots' }, where: inChat('owner'), replyToId: form.id });
    expect(JSON.stringify(wrong.body.value)).toContain('like 250 or 1,250.50');
    expect((await t.bot.db.credit.findFirstOrThrow()).status).toBe('claimed');
    const done = await t.teams.execute({ user: 'owner', verb: submit.verb, data: { ...submit.data, field: '240' }, where: inChat('owner'), replyToId: form.id });
    expect(JSON.stringify(done.body.value)).toContain('credited 240.00 USD');
    const updated = (await t.teamsApi.waitFor((c) => c.kind === 'update' && c.activityId === card.id && textOfCall(c).includes('Credited: 240.00 USD'))).at(-1)!;
    expect(textOfCall(updated)).toContain('(of 250.00 USD owed)');

    expect(await run('sla credits all')).toContain('owed 250.00 USD · claimed 250.00 USD · recovered 240.00 USD · lost 0.00 USD');
  });

  it('an unclaimed credit: reminders, then lost, said once', async () => {
    for (const at of ['2026-12-01', '2026-12-23', '2026-12-29', '2026-12-31', '2027-01-04']) await t.tick(`${at}T09:00:00Z`);
    const summaries = teams.posts('renew').map((p) => String(p.body['summary']));
    expect(summaries.filter((s) => s.startsWith('Service credit to claim: C-1'))).toHaveLength(2);
    expect(summaries.filter((s) => s.startsWith('Service credit lost: C-1'))).toHaveLength(1);
    expect((await t.bot.db.credit.findFirstOrThrow()).status).toBe('lost');
  });
});

describe('pulse survey (Teams)', () => {
  it('several voters and a re-vote, a comment through the form card, the closed result in place', async () => {
    expect(await run('contract survey "Globex Support"', 'stranger')).toContain('Only the owner of Globex Support');
    expect(await run('contract survey "Globex Support"')).toContain('closes on 2027-03-17 (Wed)');
    const [survey] = teams.posts('renew').filter((p) => String(p.body['summary']).startsWith('Pulse survey'));
    expect(String(survey!.body['summary'])).toBe('Pulse survey: How well does Globex serve us on Globex Support? Vote 1–5 until 2027-03-17; 0 votes so far.');
    expect(buttonsOf(survey).map((b) => b.title)).toEqual(['1', '2', '3', '4', '5', 'Comment']);

    await teams.click('alice', survey!, button(survey, 'survey.5'));
    await teams.click('bob', survey!, button(survey, 'survey.4'));
    const revote = await teams.click('alice', survey!, button(survey, 'survey.2'));
    expect(revote.text).toContain('2 people have voted so far');
    expect(revote.text).not.toContain('3.0/5');

    const asked = await teams.click('carol', survey!, button(survey, 'survey.comment'));
    expect(asked.message).toContain('form');
    const form = await formFor('carol', 'form.survey-comment');
    const submit = button(cardOf(form), 'form.survey-comment');
    const sent = await t.teams.execute({ user: 'carol', verb: submit.verb, data: { ...submit.data, field: 'Great people, slow tickets' }, where: inChat('carol'), replyToId: form.id });
    expect(JSON.stringify(sent.body.value)).toContain('without your name');

    await t.tick('2027-03-17T09:00:00Z');
    const closed = (await t.teamsApi.waitFor((c) => c.kind === 'update' && c.activityId === survey!.id && String(c.body['summary']).startsWith('Pulse survey closed'))).at(-1)!;
    expect(String(closed.body['summary'])).toBe('Pulse survey closed: Globex Support (Globex) — 3.0/5 from 2 people.');
    expect(textOfCall(closed)).not.toContain('Great people');
    const read = button(cardOf(closed), 'survey.comments');
    expect((await teams.click('alice', closed, read)).message).toContain('Only the owner of Globex Support');
    // The comments come as a card in the owner's personal chat, not run together in the click's one-line answer.
    const comments = await teams.click('owner', closed, read);
    expect(comments.message).toBe('I sent “Survey comments on Globex Support (closed)” to your personal chat with Renewal Desk.');
    const [card] = (await t.teamsApi.waitFor((c) => c.kind === 'send' && c.conversationId === 'a:dm-29:owner' && textOfCall(c).includes('Survey comments on Globex Support'))).slice(-1);
    expect(textOfCall(card!)).toContain('• 2026-11-23: Great people, slow tickets');
    expect(textOfCall(card!)).not.toContain('Carol');
  });

  it('a vote from another tenant\'s payload is refused', async () => {
    await run('contract survey "Globex Support"');
    const [survey] = teams.posts('renew').filter((p) => String(p.body['summary']).startsWith('Pulse survey'));
    const b = button(survey, 'survey.3');
    const activity = t.teams.activity('invoke', 'alice', inChannel('renew'), { name: 'adaptiveCard/action', replyToId: survey!.id, value: { action: { type: 'Action.Execute', verb: b.verb, data: b.data }, trigger: 'manual' } });
    (activity['channelData'] as { tenant: { id: string } }).tenant.id = 'tenant-2';
    (activity['conversation'] as { tenantId: string }).tenantId = 'tenant-2';
    const res = await t.teams.post(activity);
    expect(JSON.stringify(await res.json())).toContain('That survey was not found');
    expect(await t.bot.db.surveyVote.count()).toBe(0);
  });
});

describe('scorecard and spend (Teams)', () => {
  it('answers with the verdict and the spend, from the same message model', async () => {
    await run('contract edit "Globex Support" departments:IT:60,Finance:40');
    const card = await teams.run('contract scorecard "Globex Support"');
    expect(card.text).toContain('Scorecard of Globex Support (Globex), last 12 months: AMBER — there is no evidence to judge by');
    expect(card.text).toContain('IT 60 % (7,200.00 USD) · Finance 40 % (4,800.00 USD)');
    const spend = await teams.run('renewals spend by:department');
    expect(spend.text).toContain('Spend by department: 12,000.00 USD a year (1 contract)');
    expect(spend.text).toContain('IT');
    expect((await teams.run('renewals spend within:0d')).text).toContain('must be between 1 day and 10 years');
  });
});
