import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';

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

async function click(user: string, actionId: string, value: string, messageTs: string): Promise<string> {
  const before = t.slackApi.callsTo('response_url').length;
  await t.slack.click({ user, actionId, value, channel: 'CRENEW', messageTs });
  const replies = await t.slackApi.waitFor('response_url', before + 1);
  return textOf(replies[before]!.body);
}

function buttons(body: Record<string, unknown>): Map<string, string> {
  const blocks = body['blocks'] as { elements?: { action_id: string; value: string }[] }[];
  return new Map(blocks.flatMap((b) => b.elements ?? []).map((e) => [e.action_id, e.value]));
}

async function firstReminder(): Promise<{ body: Record<string, unknown>; ts: string }> {
  await t.tick('2026-12-02T09:00:00Z');
  const [post] = await t.slackApi.waitFor('chat.postMessage');
  return { body: post!.body, ts: '1700000001.000100' };
}

describe('decisions above the approval threshold', () => {
  beforeEach(async () => {
    await command('settings approvers:<@UALICE>,<@UBOB> threshold:50000', 'UOWNER', '/renewals');
    await command('add "Big Deal" vendor:Acme end:2027-01-31 notice:30d value:5000 per:month'); // 60,000 a year
  });

  it('needs a second, different approver; the proposer cannot approve', async () => {
    const { body, ts } = await firstReminder();
    const proposed = await click('UOWNER', 'rd:decide.terminate', buttons(body).get('rd:decide.terminate')!, ts);
    expect(proposed).toContain('another approver');
    const [pending] = await t.slackApi.waitFor('chat.update');
    expect(textOf(pending!.body)).toContain('proposed *Terminate*');
    const approve = buttons(pending!.body).get('rd:approval.approve')!;
    expect(approve).toBeTruthy();

    expect(await click('UOWNER', 'rd:approval.approve', approve, ts)).toContain('a different approver must confirm');
    expect(await click('USTRANGER', 'rd:approval.approve', approve, ts)).toContain('Only an approver');
    const approved = await click('UALICE', 'rd:approval.approve', approve, ts);
    expect(approved).toContain('Terminate recorded');
    const updates = await t.slackApi.waitFor('chat.update', 2);
    expect(textOf(updates[1]!.body)).toMatch(/Terminate\*? decided by <@UOWNER>, approved by <@UALICE>/);
    // The card now says what the decision means, not what would happen without one.
    expect(textOf(updates[1]!.body)).toContain('*Big Deal* (Acme) is being terminated: notice is to be given by 2027-01-01 (Fri), and it ends on 2027-01-31 (Sun).');
    // Neither the ladder step it was posted as, nor a tick: a terminated contract is no success.
    expect(textOf(updates[1]!.body)).not.toMatch(/days before the deadline|✅/);
    expect(textOf(updates[1]!.body)).not.toContain('If no notice is given');
    // The plain-text fallback of the updated message says who decided what, too.
    expect(String(pending!.body['text'])).toContain('proposed Terminate');
    expect(String(updates[1]!.body['text'])).toMatch(/^Renewal reminder: Big Deal \(Acme\), notice deadline 2027-01-01 — 🛑 Terminate decided by <@UOWNER>, approved by <@UALICE> on /);
    expect(await command('within:90d', 'UOWNER', '/renewals')).toContain('🛑 decided: Terminate');
    // The termination notice goes to the channel with the transition checklist.
    const notice = t.slackApi.callsTo('chat.postMessage').find((c) => String(c.body['text']).startsWith('Terminate'));
    expect(textOf(notice!.body)).toContain('Transition checklist');

    // A second approver clicking afterwards is told it was already decided.
    expect(await click('UBOB', 'rd:approval.approve', approve, ts)).toContain('already decided');
    const decisions = await t.bot.db.decision.findMany();
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ status: 'final', choice: 'terminate', approvedBy: 'UALICE' });
  });

  it('two approvers confirming at the same instant: exactly one wins', async () => {
    const { body, ts } = await firstReminder();
    await click('UOWNER', 'rd:decide.renew', buttons(body).get('rd:decide.renew')!, ts);
    const [pending] = await t.slackApi.waitFor('chat.update');
    const approve = buttons(pending!.body).get('rd:approval.approve')!;
    const before = t.slackApi.callsTo('response_url').length;
    await Promise.all([
      t.slack.click({ user: 'UALICE', actionId: 'rd:approval.approve', value: approve, channel: 'CRENEW', messageTs: ts }),
      t.slack.click({ user: 'UBOB', actionId: 'rd:approval.approve', value: approve, channel: 'CRENEW', messageTs: ts }),
    ]);
    const answers = (await t.slackApi.waitFor('response_url', before + 2)).slice(before).map((c) => textOf(c.body));
    expect(answers.filter((a) => a.includes('already decided'))).toHaveLength(1);
    expect(await t.bot.db.auditEvent.count({ where: { action: 'decision.renew' } })).toBe(1);
  });

  it('a proposal typed before any reminder is posted with Approve / Reject; the second approver may type it too', async () => {
    expect(await command('decide "Big Deal" renew')).toContain('another approver');
    const [card] = await t.slackApi.waitFor('chat.postMessage');
    expect(card!.body['channel']).toBe('CRENEW');
    expect(String(card!.body['text'])).toContain('proposed Renew');
    expect(buttons(card!.body).has('rd:approval.approve')).toBe(true);
    expect(await command('decide "Big Deal" terminate', 'UALICE')).toContain('already decided');
    expect(await command('decide "Big Deal" renew', 'UALICE')).toContain('Renew recorded');
    const [approved] = await t.slackApi.waitFor('chat.update');
    expect(approved!.body['ts']).toBe('1700000001.000100'); // the proposal card, in place
    expect(String(approved!.body['text'])).toContain('Renew decided by <@UOWNER>, approved by <@UALICE>');
    expect(await t.bot.db.decision.findFirstOrThrow()).toMatchObject({ status: 'final', approvedBy: 'UALICE' });
  });

  it('a rejection keeps the reminders going', async () => {
    const { body, ts } = await firstReminder();
    await click('UOWNER', 'rd:decide.renegotiate', buttons(body).get('rd:decide.renegotiate')!, ts);
    const [pending] = await t.slackApi.waitFor('chat.update');
    expect(await click('UBOB', 'rd:approval.reject', buttons(pending!.body).get('rd:approval.reject')!, ts)).toContain('rejected');
    expect((await t.tick('2026-12-18T09:00:00Z')).posted).toBe(1);
  });
});

describe('decisions below the threshold and snoozing', () => {
  it('renew on a manual contract moves the end forward by the term and plans a new cycle', async () => {
    await command('add Payroll vendor:Paycorp end:2027-01-31 notice:30d renewal:manual term:24m');
    expect(await command('decide Payroll renew')).toContain('now runs to 2029-01-31');
    const contract = await t.bot.db.contract.findFirstOrThrow();
    expect(contract).toMatchObject({ start: '2027-02-01', end: '2029-01-31', cycle: 2 });
    expect((await t.tick('2027-02-01T09:00:00Z')).posted).toBe(0); // nothing expires
    expect(await t.bot.db.auditEvent.count({ where: { action: 'decision.renew' } })).toBe(1);
  });

  it('the text twin refuses someone who is neither owner nor approver', async () => {
    await command('add Payroll vendor:Paycorp end:2027-01-31');
    expect(await command('decide Payroll terminate', 'USTRANGER')).toContain('Only the owner');
    expect(await t.bot.db.decision.count()).toBe(0);
    expect(await command('decide Payroll explode')).toContain('renew, renegotiate, terminate');
  });

  it('snooze moves the next reminder a week later, never past the deadline', async () => {
    await command('add Snoozy vendor:S end:2027-01-31 notice:30d'); // deadline 2027-01-01
    const { body, ts } = await firstReminder(); // 2026-12-02
    t.clock.set('2026-12-02T10:00:00Z');
    expect(await click('UOWNER', 'rd:snooze', buttons(body).get('rd:snooze')!, ts)).toContain('2026-12-09');
    // The reminder in the channel says so, for everyone; its buttons stay.
    const [update] = await t.slackApi.waitFor('chat.update');
    expect(update!.body['ts']).toBe(ts);
    expect(textOf(update!.body)).toContain('Snoozed by <@UOWNER>: the next renewal reminder comes on 2026-12-09 (Wed)');
    expect(buttons(update!.body).has('rd:decide.renew')).toBe(true);
    const planned = await t.bot.db.reminder.findMany({ where: { status: 'planned', kind: 'renewal' }, orderBy: { dueAt: 'asc' } });
    expect(planned[0]!.step).toBe('snooze-2026-12-09');
    expect((await t.tick('2026-12-09T09:00:00Z')).posted).toBe(1);
  });
});

describe('end of term', () => {
  it('an auto contract rolls into a new term the day after its end and a new cycle begins', async () => {
    await command('add Roller vendor:R end:2026-12-31 term:12m'); // notice 0: the deadline is the end
    await t.tick('2027-01-01T09:00:00Z');
    const posts = t.slackApi.callsTo('chat.postMessage');
    const rolled = posts.find((p) => String(p.body['text']).startsWith('Auto-renewed'));
    expect(String(rolled!.body['text'])).toContain('2027-01-01 to 2027-12-31');
    const contract = await t.bot.db.contract.findFirstOrThrow();
    expect(contract).toMatchObject({ start: '2027-01-01', end: '2027-12-31', cycle: 2, status: 'active' });
    expect(await t.bot.db.reminder.count({ where: { cycle: 2, kind: 'renewal', status: 'planned' } })).toBe(6);
  });

  it('after three missed terms it rolls forward once, with one late message', async () => {
    await command('add Sleeper vendor:Z end:2026-12-31 term:12m');
    await t.tick('2029-06-01T09:00:00Z');
    const ended = t.slackApi.callsTo('chat.postMessage').filter((p) => String(p.body['text']).startsWith('Auto-renewed'));
    expect(ended).toHaveLength(1);
    expect(String(ended[0]!.body['text'])).toContain('(late)');
    expect(await t.bot.db.contract.findFirstOrThrow()).toMatchObject({ end: '2029-12-31' });
  });

  it('a manual contract without a renew decision expires, after a "deadline passed" warning', async () => {
    await command('add Lapse vendor:L end:2027-01-29 notice:14d renewal:manual'); // deadline Fri 2027-01-15
    await t.tick('2027-01-18T09:00:00Z'); // the day after (Sat) moves to Monday
    const passed = t.slackApi.callsTo('chat.postMessage').find((p) => String(p.body['text']).startsWith('Notice deadline passed'));
    expect(String(passed!.body['text'])).toContain('expires on 2027-01-29');
    await t.tick('2027-02-01T09:00:00Z'); // end Fri 29th → Saturday → Monday 1 Feb
    const expired = t.slackApi.callsTo('chat.postMessage').find((p) => String(p.body['text']).startsWith('Expired'));
    expect(expired).toBeTruthy();
    expect((await t.bot.db.contract.findFirstOrThrow()).status).toBe('expired');
  });
});
