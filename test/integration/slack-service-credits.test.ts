import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';
import type { SlackCall } from '../helpers/slack-double.js';

// Globex Support: 12,000 USD a year (1,000 a month), credits below 99.9 / 99 / 95 % uptime.
// November 2026 (UTC, 43,200 minutes) has a 24-hour outage: 96.67 % → 25 % → 250.00 USD.
let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z' });
  await run('/contract', 'add "Globex Support" vendor:Globex end:2027-06-30 value:12000 per:year channel:<#CRENEW|renewals>');
  await run('/sla', 'set "Globex Support" uptime:99.9 credits:"99.9:10,99:25,95:100" claim:30d');
  await run('/issue', 'outage "Globex Support" start:2026-11-10T08:00 end:2026-11-11T08:00');
  await run('/issue', 'outage "Globex Support" start:2026-11-12T01:00 end:2026-11-12T05:00 maintenance');
  await run('/issue', 'log "Globex Support" p1 Portal down at:2026-11-10T08:05');
  await run('/issue', 'resolve I-1 at:2026-11-11T08:10');
  await run('/issue', 'log "Globex Support" p3 Invoice typo at:2026-11-15T10:00');
  t.slackApi.reset();
});
afterEach(async () => {
  await t.stop();
});

async function run(command: string, text: string, user = 'UOWNER', team?: string): Promise<string> {
  const before = t.slackApi.callsTo('response_url').length;
  const body = t.slack.commandBody(command, text, user, 'COTHER');
  await t.slack.post(team ? body.replace('team_id=T1', `team_id=${team}`) : body);
  const replies = await t.slackApi.waitFor('response_url', before + 1);
  return textOf(replies[before]!.body);
}

const posts = (prefix: string) => t.slackApi.callsTo('chat.postMessage').filter((c) => String(c.body['text']).startsWith(prefix));
/** Where the credit message was posted (its ts, as the ledger recorded it). */
const creditTs = async () => (await t.bot.db.reminder.findFirstOrThrow({ where: { kind: 'credit' } })).messageId!;
const buttonOf = (call: SlackCall, actionId: string) => {
  const blocks = call.body['blocks'] as { elements?: { action_id: string; value: string }[] }[];
  return blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)!;
};

async function click(user: string, call: SlackCall, actionId: string): Promise<string> {
  const button = buttonOf(call, actionId);
  const messageTs = await creditTs();
  const before = t.slackApi.callsTo('response_url').length;
  await t.slack.click({ user, actionId, value: button.value, channel: 'CRENEW', messageTs });
  const views = t.slackApi.callsTo('views.open').length;
  const answer = await Promise.race([
    t.slackApi.waitFor('response_url', before + 1).then((all) => textOf(all[before]!.body)),
    t.slackApi.waitFor('views.open', views + 1).then(() => 'form opened'),
  ]);
  return answer;
}

describe('service credits (Slack)', () => {
  it('a month with a long outage: one credit message on the first business day, claimed, credited with an amount, totals', async () => {
    expect((await t.tick('2026-12-01T08:59:00Z')).posted).toBe(0);
    await t.tick('2026-12-01T09:00:00Z'); // Tue 1 Dec, 09:00 UTC
    const [message] = posts('Service credit C-1');
    expect(posts('Service credit')).toHaveLength(1);
    expect(message!.body['channel']).toBe('CRENEW');
    expect(String(message!.body['text'])).toBe('Service credit C-1: Globex Support (Globex) earned 250.00 USD for November 2026 (uptime 96.666 %, target 99.9 %); claim it by 2026-12-30 (in 29 days).');
    const text = textOf(message!.body);
    expect(text).toContain('below 99 % → 25 %');
    expect(text).toContain("the month's fee of 1,000.00 USD = *250.00 USD*");
    expect(text).toContain('2026-12-30 (Wed), in 29 days');
    expect(text).toContain('Subject: SLA credit request — Globex Support — November 2026');
    expect(text).toContain('O-1 outage: 2026-11-10 08:00 → 2026-11-11 08:00, 1440 min');
    expect(text).toContain('I-1 P1 Portal down: opened 2026-11-10 08:05, resolved 2026-11-11 08:10, 1445 min');
    expect(text).not.toContain('O-2'); // maintenance
    expect(text).not.toContain('Invoice typo');
    expect(text).toContain('(below 99 %: 25 % of the monthly fee) we request a credit of 250.00 USD.');
    for (const id of ['rd:credit.claimed', 'rd:credit.credited', 'rd:credit.waived']) expect(text).toContain(id);
    // The monthly report of the same morning names it.
    expect(textOf(posts('Monthly SLA report')[0]!.body)).toContain('service credit C-1: 250.00 USD');
    // Exactly once: later passes (and the monthly report) add no second credit.
    await t.tick('2026-12-01T09:05:00Z');
    await t.tick('2026-12-02T09:00:00Z');
    expect(posts('Service credit')).toHaveLength(1);
    expect(await t.bot.db.credit.count()).toBe(1);

    // A stranger's Waive is refused privately; nothing changes.
    expect(await click('USTRANGER', message!, 'rd:credit.waived')).toContain('Only the owner of *Globex Support* (<@UOWNER>)');
    expect(t.slackApi.callsTo('chat.update')).toHaveLength(0);
    expect((await t.bot.db.credit.findFirstOrThrow()).status).toBe('due');

    // The owner sends the claim: the message says so in place.
    t.clock.set('2026-12-02T10:00:00Z');
    expect(await click('UOWNER', message!, 'rd:credit.claimed')).toContain('C-1 (Globex Support, November 2026): claim sent.');
    const [claimed] = await t.slackApi.waitFor('chat.update');
    expect(claimed!.body['ts']).toBe(await creditTs());
    expect(textOf(claimed!.body)).toContain('Claim sent by <@UOWNER> on 2026-12-02 10:00 UTC');
    expect(textOf(claimed!.body)).not.toContain('rd:credit.claimed');

    // Credited asks the amount in a form; the vendor credited 240.
    t.clock.set('2026-12-15T10:00:00Z');
    expect(await click('UOWNER', message!, 'rd:credit.credited')).toBe('form opened');
    const [opened] = t.slackApi.callsTo('views.open');
    const view = opened!.body['view'] as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"250.00"');
    const before = t.slackApi.callsTo('chat.update').length;
    await t.slack.submitView({ user: 'UOWNER', callbackId: view.callback_id, privateMetadata: view.private_metadata, values: { field: 'abc' } });
    expect(t.slackApi.callsTo('chat.update')).toHaveLength(before);
    await t.slack.submitView({ user: 'UOWNER', callbackId: view.callback_id, privateMetadata: view.private_metadata, values: { field: '240' } });
    const updates = await t.slackApi.waitFor('chat.update', before + 1);
    expect(textOf(updates.at(-1)!.body)).toContain('Credited: 240.00 USD (of 250.00 USD owed), recorded by <@UOWNER> on 2026-12-15 10:00 UTC');
    const credit = await t.bot.db.credit.findFirstOrThrow();
    expect(credit.status).toBe('credited');
    expect(credit.recovered).toBe(240);

    const listed = await run('/sla', 'credits all');
    expect(listed).toContain('C-1* Globex Support, November 2026: 250.00 USD');
    expect(listed).toContain('owed 250.00 USD · claimed 250.00 USD · recovered 240.00 USD · lost 0.00 USD');
    const open = await run('/sla', 'credits "Globex Support"');
    expect(open).toContain('None open.');
    expect(open).toContain('recovered 240.00 USD');
    // Totals on /sla (the months of the period) and the tiers on /contract show.
    expect(await run('/sla', '"Globex Support" month:2026-11')).toContain('*Service credits* (months in this period; `/sla credits \\"Globex Support\\"`)\\nowed 250.00 USD · claimed 250.00 USD · recovered 240.00 USD · lost 0.00 USD');
    expect(await run('/sla', '"Globex Support" month:2026-10')).toContain('*Service credits:* none earned in this period');
    expect(await run('/contract', 'show "Globex Support"')).toContain('Service credits: below 99.9 % → 10 %, below 99 % → 25 %, below 95 % → 100 % of the monthly fee; claim within 30 days');
    // Nothing more to claim: no reminders, no "lost".
    await t.tick('2026-12-31T09:00:00Z');
    expect(posts('Service credit')).toHaveLength(1);
    // The renewal reminder's SLA line carries the credits of its 12 months (90 days before 2027-06-30: Thu 2027-04-01).
    await t.tick('2027-04-01T09:00:00Z');
    const reminder = posts('Renewal reminder: Globex Support').at(-1)!;
    expect(textOf(reminder.body)).toContain('Service credits: owed 250.00 USD · claimed 250.00 USD · recovered 240.00 USD · lost 0.00 USD.');
  });

  it('an unclaimed credit: reminders 7 days and 1 day before the deadline, then lost, said once', async () => {
    await t.tick('2026-12-01T09:00:00Z');
    const [message] = posts('Service credit C-1');
    await t.tick('2026-12-22T09:00:00Z');
    expect(posts('Service credit to claim')).toHaveLength(0);
    await t.tick('2026-12-23T09:00:00Z'); // Wed, 7 days before Wed 30 Dec
    await t.tick('2026-12-29T09:00:00Z'); // Tue, 1 day before
    const reminders = posts('Service credit to claim');
    expect(reminders.map((c) => String(c.body['text']))).toEqual([
      'Service credit to claim: C-1, Globex Support (Globex), November 2026 — 250.00 USD; claim deadline 2026-12-30, in 7 days.',
      'Service credit to claim: C-1, Globex Support (Globex), November 2026 — 250.00 USD; claim deadline 2026-12-30, tomorrow.',
    ]);
    await t.tick('2026-12-30T09:00:00Z');
    await t.tick('2026-12-31T09:00:00Z'); // the day after the deadline
    await t.tick('2027-01-04T09:00:00Z');
    const lost = posts('Service credit lost');
    expect(lost).toHaveLength(1);
    expect(String(lost[0]!.body['text'])).toBe('Service credit lost: C-1, Globex Support (Globex), November 2026 — 250.00 USD was not claimed by 2026-12-30.');
    // The credit message itself now says it is lost, without buttons.
    const ts = await creditTs();
    const updated = t.slackApi.callsTo('chat.update').find((c) => c.body['ts'] === ts);
    expect(textOf(updated!.body)).toContain('Lost: not claimed by 2026-12-30 (Wed)');
    expect(textOf(updated!.body)).not.toContain('rd:credit.claimed');
    void message;
    expect((await t.bot.db.credit.findFirstOrThrow()).status).toBe('lost');
    expect(await run('/sla', 'credits all')).toContain('owed 250.00 USD · claimed 0.00 USD · recovered 0.00 USD · lost 250.00 USD');
    expect(await run('/sla', 'credit C-1 claimed')).toContain('C-1 is lost already; it cannot become claimed. Nothing was changed.');
  });

  it('after downtime: the credit message goes out late, stale claim reminders are skipped, and lost is said once', async () => {
    await t.tick('2026-12-31T09:00:00Z');
    const texts = t.slackApi.callsTo('chat.postMessage').map((c) => String(c.body['text']));
    expect(texts.filter((x) => x.startsWith('Service credit (late) C-1'))).toHaveLength(1);
    expect(texts.filter((x) => x.startsWith('Service credit to claim'))).toHaveLength(0);
    expect(texts.filter((x) => x.startsWith('Service credit lost'))).toHaveLength(1);
    const late = posts('Service credit (late)')[0]!;
    expect(textOf(late.body)).toContain('late: was due 2026-12-01');
  });

  it('the text twin: owner or approver only, amounts, states, and ids of other workspaces', async () => {
    await t.tick('2026-12-01T09:00:00Z');
    expect(await run('/sla', 'credit C-1 claimed', 'USTRANGER')).toContain('Only the owner of *Globex Support* (<@UOWNER>) can record what happened to service credit C-1');
    expect(await run('/sla', 'credit C-1 rejected')).toContain('C-1 was never claimed');
    expect(await run('/sla', 'credit C-1 claimed amount:10')).toContain('`amount:` is what the vendor credited');
    expect(await run('/sla', 'credit C-1 paid')).toContain('claimed, credited, rejected or waived');
    expect(await run('/sla', 'credit C-9 claimed')).toContain('Credit C-9 was not found');
    // The same id typed in another workspace is not found there.
    expect(await run('/sla', 'credit C-1 waived', 'UOWNER', 'T2')).toContain('Credit C-1 was not found');
    expect((await t.bot.db.credit.findFirstOrThrow()).status).toBe('due');
    expect(await run('/sla', 'credit C-1 claimed')).toContain('claim sent');
    expect(await run('/sla', 'credit C-1 claimed')).toContain('C-1 is already claimed');
    expect(await run('/sla', 'credit C-1 credited amount:0')).toContain('must be more than 0');
    expect(await run('/sla', 'credit c1 credited amount:199.99')).toContain('credited 199.99 USD');
    expect((await t.bot.db.credit.findFirstOrThrow()).recovered).toBe(199.99);
    // The card is updated in place each time.
    expect(textOf(t.slackApi.callsTo('chat.update').at(-1)!.body)).toContain('Credited: 199.99 USD (of 250.00 USD owed)');
  });

  it('refuses bad tiers and claim windows with an example, storing nothing', async () => {
    for (const [typed, problem] of [
      ['credits:"99:25,99.9:10"', 'is not descending'],
      ['credits:"99.9:110"', 'from 0 to 100 %'],
      ['credits:"99.9:-5"', 'from 0 to 100 %'],
      ['claim:0d', 'a claim window of 0 leaves no time to claim'],
      ['credits:"99.9:10" claim:soon', 'must be a number of days like 30d'],
    ]) {
      const reply = await run('/sla', `set "Globex Support" ${typed}`);
      expect(reply).toContain(problem);
      expect(reply).toContain('Example: `/sla set \\"Globex Support\\" credits:\\"99.9:10,99:25,95:100\\" claim:30d`');
    }
    const policy = await t.bot.db.slaPolicy.findFirstOrThrow();
    expect(JSON.parse(policy.creditTiers!)).toEqual([{ below: 99.9, percent: 10 }, { below: 99, percent: 25 }, { below: 95, percent: 100 }]);
    expect(policy.claimDays).toBe(30);
    expect(await run('/sla', 'set "Globex Support" credits:none')).toContain('no service credits');
    await t.tick('2026-12-01T09:00:00Z');
    expect(await t.bot.db.credit.count()).toBe(0);
  });
});
