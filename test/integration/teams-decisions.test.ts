import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { button, buttonsOf, TeamsDriver, textOfCall } from '../helpers/teams-driver.js';
import { cardOf, type ConnectorCall } from '../helpers/teams-double.js';

let t: TestBot;
let teams: TeamsDriver;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z', teams: 'unauthenticated' });
  teams = new TeamsDriver(t);
});
afterEach(async () => {
  await t.stop();
});

const command = async (text: string, user = 'owner') => (await teams.run(text, user)).text;
const click = async (user: string, post: ConnectorCall, verb: string, from: ConnectorCall | Record<string, unknown> = post) => (await teams.click(user, post, button(from, verb))).text;

async function firstReminder(): Promise<ConnectorCall> {
  await t.tick('2026-12-02T09:00:00Z');
  const [post] = await t.teamsApi.waitFor((c) => c.kind === 'send' && String(c.body['summary']).startsWith('Renewal reminder'));
  return post!;
}

describe('decisions above the approval threshold', () => {
  beforeEach(async () => {
    await command('renewals settings approvers:{@alice},{@bob} threshold:50000');
    await command('contract add "Big Deal" vendor:Acme end:2027-01-31 notice:30d value:5000 per:month'); // 60,000 a year
  });

  it('needs a second, different approver; the proposer cannot approve', async () => {
    const reminder = await firstReminder();
    const proposed = await teams.click('owner', reminder, button(reminder, 'decide.terminate'));
    expect(proposed.text).toContain('proposed **Terminate**'); // the card, refreshed with the pending decision
    const [pending] = await t.teamsApi.waitFor('update');
    expect(textOfCall(pending!)).toContain('proposed **Terminate**');
    const approve = button(pending!, 'approval.approve');

    expect(await click('owner', reminder, 'approval.approve', pending!)).toContain('a different approver must confirm');
    expect(await click('stranger', reminder, 'approval.approve', pending!)).toContain('Only an approver');
    const approved = await teams.click('alice', reminder, approve);
    expect(approved.text).toMatch(/Terminate\*\* decided by <at>Owner<\/at>, approved by <at>Alice<\/at>/);
    const updates = await t.teamsApi.waitFor('update', 2);
    expect(textOfCall(updates[1]!)).toMatch(/Terminate\*\* decided by <at>Owner<\/at>, approved by <at>Alice<\/at>/);
    expect(textOfCall(updates[1]!)).toContain('**Big Deal** (Acme) is being terminated: notice is to be given by 2027-01-01 (Fri), and it ends on 2027-01-31 (Sun).');
    expect(textOfCall(updates[1]!)).not.toMatch(/days before the deadline|✅|\(Acme\): /);
    // Dates do not wrap at their hyphens in Teams.
    expect(JSON.stringify(cardOf(updates[1]!))).toContain('2027\u201101\u201131 (Sun)');
    expect(textOfCall(updates[1]!)).not.toContain('If no notice is given');
    expect(String(updates[1]!.body['summary'])).toMatch(/^Renewal reminder: Big Deal \(Acme\), notice deadline 2027-01-01 — 🛑 Terminate decided by @?Owner, approved by @?Alice on /);
    expect(await command('renewals within:90d')).toContain('🛑 decided: Terminate');
    const notice = teams.posts('renew').find((c) => String(c.body['summary']).startsWith('Terminate'));
    expect(textOfCall(notice!)).toContain('Transition checklist');
    expect(textOfCall(notice!)).toContain('"fontType":"Monospace"'); // the notice letter, verbatim

    expect(await click('bob', reminder, 'approval.approve', pending!)).toContain('already decided');
    const decisions = await t.bot.db.decision.findMany();
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ status: 'final', choice: 'terminate', approvedBy: '29:alice', messageId: reminder.id });
  });

  it('two approvers confirming at the same instant: exactly one wins', async () => {
    const reminder = await firstReminder();
    await teams.click('owner', reminder, button(reminder, 'decide.renew'));
    const [pending] = await t.teamsApi.waitFor('update');
    const approve = button(pending!, 'approval.approve');
    const answers = await Promise.all([teams.click('alice', reminder, approve), teams.click('bob', reminder, approve)]);
    expect(answers.filter((a) => a.text.includes('already decided'))).toHaveLength(1);
    expect(await t.bot.db.auditEvent.count({ where: { action: 'decision.renew' } })).toBe(1);
  });

  it('a proposal typed before any reminder is posted with Approve / Reject; the second approver may type it too', async () => {
    expect(await command('contract decide "Big Deal" renew')).toContain('another approver');
    const [card] = teams.posts('renew');
    expect(String(card!.body['summary'])).toContain('proposed Renew');
    expect(buttonsOf(card!).map((b) => b.verb)).toContain('approval.approve');
    expect(await command('contract decide "Big Deal" renew', 'alice')).toContain('Renew recorded');
    const [approved] = await t.teamsApi.waitFor('update');
    expect(String(approved!.body['summary'])).toMatch(/Renew decided by @?Owner, approved by @?Alice/);
    expect(await t.bot.db.decision.findFirstOrThrow()).toMatchObject({ status: 'final', approvedBy: '29:alice' });
  });

  it('a rejection keeps the reminders going', async () => {
    const reminder = await firstReminder();
    await teams.click('owner', reminder, button(reminder, 'decide.renegotiate'));
    const [pending] = await t.teamsApi.waitFor('update');
    const rejected = await teams.click('bob', reminder, button(pending!, 'approval.reject'));
    expect(rejected.text).toContain('rejected');
    expect((await t.tick('2026-12-18T09:00:00Z')).posted).toBe(1);
  });
});

describe('decisions below the threshold and snoozing', () => {
  it('renew on a manual contract moves the end forward by the term and plans a new cycle', async () => {
    await command('contract add Payroll vendor:Paycorp end:2027-01-31 notice:30d renewal:manual term:24m');
    expect(await command('contract decide Payroll renew')).toContain('now runs to 2029-01-31');
    expect(await t.bot.db.contract.findFirstOrThrow()).toMatchObject({ start: '2027-02-01', end: '2029-01-31', cycle: 2 });
    expect((await t.tick('2027-02-01T09:00:00Z')).posted).toBe(0);
    expect(await t.bot.db.auditEvent.count({ where: { action: 'decision.renew' } })).toBe(1);
  });

  it('the text twin refuses someone who is neither owner nor approver', async () => {
    await command('contract add Payroll vendor:Paycorp end:2027-01-31');
    expect(await command('contract decide Payroll terminate', 'stranger')).toContain('Only the owner');
    expect(await t.bot.db.decision.count()).toBe(0);
    expect(await command('contract decide Payroll explode')).toContain('renew, renegotiate, terminate');
  });

  it('the text twin updates the posted reminder card in place', async () => {
    await command('contract add Payroll vendor:Paycorp end:2027-01-31 notice:30d');
    const reminder = await firstReminder();
    await command('contract decide Payroll renegotiate');
    const [update] = await t.teamsApi.waitFor('update');
    expect(update!.activityId).toBe(reminder.id);
    expect(textOfCall(update!)).toContain('Renegotiate** decided by <at>Owner</at>');
  });

  it('snooze moves the next reminder a week later, never past the deadline, and marks the card', async () => {
    await command('contract add Snoozy vendor:S end:2027-01-31 notice:30d');
    const reminder = await firstReminder();
    t.clock.set('2026-12-02T10:00:00Z');
    const answer = await teams.click('owner', reminder, button(reminder, 'snooze'));
    // The clicked card is refreshed (for the clicker in the answer, for everyone through the connector); its buttons stay.
    expect(answer.text).toContain('Snoozed by <at>Owner</at>: the next renewal reminder comes on 2026-12-09 (Wed)');
    const [update] = await t.teamsApi.waitFor('update');
    expect(textOfCall(update!)).toContain('Snoozed by <at>Owner</at>: the next renewal reminder comes on 2026-12-09 (Wed)');
    expect(buttonsOf(update!).map((b) => b.verb)).toContain('decide.renew');
    const planned = await t.bot.db.reminder.findMany({ where: { status: 'planned', kind: 'renewal' }, orderBy: { dueAt: 'asc' } });
    expect(planned[0]!.step).toBe('snooze-2026-12-09');
    expect((await t.tick('2026-12-09T09:00:00Z')).posted).toBe(1);
  });
});

describe('end of term', () => {
  it('an auto contract rolls into a new term the day after its end and a new cycle begins', async () => {
    await command('contract add Roller vendor:R end:2026-12-31 term:12m');
    await t.tick('2027-01-01T09:00:00Z');
    const rolled = teams.posts('renew').find((p) => String(p.body['summary']).startsWith('Auto-renewed'));
    expect(String(rolled!.body['summary'])).toContain('2027-01-01 to 2027-12-31');
    expect(await t.bot.db.contract.findFirstOrThrow()).toMatchObject({ start: '2027-01-01', end: '2027-12-31', cycle: 2, status: 'active' });
    expect(await t.bot.db.reminder.count({ where: { cycle: 2, kind: 'renewal', status: 'planned' } })).toBe(6);
  });

  it('after three missed terms it rolls forward once, with one late message', async () => {
    await command('contract add Sleeper vendor:Z end:2026-12-31 term:12m');
    await t.tick('2029-06-01T09:00:00Z');
    const ended = teams.posts('renew').filter((p) => String(p.body['summary']).startsWith('Auto-renewed'));
    expect(ended).toHaveLength(1);
    expect(String(ended[0]!.body['summary'])).toContain('(late)');
    expect(await t.bot.db.contract.findFirstOrThrow()).toMatchObject({ end: '2029-12-31' });
  });

  it('a manual contract without a renew decision expires, after a "deadline passed" warning', async () => {
    await command('contract add Lapse vendor:L end:2027-01-29 notice:14d renewal:manual');
    await t.tick('2027-01-18T09:00:00Z');
    const passed = teams.posts('renew').find((p) => String(p.body['summary']).startsWith('Notice deadline passed'));
    expect(String(passed!.body['summary'])).toContain('expires on 2027-01-29');
    await t.tick('2027-02-01T09:00:00Z');
    expect(teams.posts('renew').find((p) => String(p.body['summary']).startsWith('Expired'))).toBeTruthy();
    expect((await t.bot.db.contract.findFirstOrThrow()).status).toBe('expired');
  });
});
