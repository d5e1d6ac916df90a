import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';

// A known data set, built once (UTC workspace, from Mon 2026-11-23):
//   Globex Support  Globex    1,000 USD a month (IT 60 %, Finance 40 %), ends Fri 2027-01-15, auto
//                   P1 targets 1 h / 8 h: I-1 met both, I-2 answered in 3 h (a breach) → 3 of 4 met (75 %)
//                   a 10-hour outage in November: 98.61 % → credit C-1 of 25 % = 250.00 USD, never claimed → lost
//                   a survey voted 4, 5, 3 → 4.0/5 from 3 people, closed Fri 2027-01-01
//   Globex Cloud    Globex   24,000 USD a year (IT 100 %), ends 2027-02-28, decided: renew
//   Initech CRM     Initech   8,000 EUR a year (Sales 100 %), ends 2027-02-10, auto, no decision
//   Umbrella Print  Umbrella    500 USD a month, ends 2027-12-31, notice 60 d, manual, in #other
let t: TestBot;
let log: string[] = [];
beforeAll(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z' });
  for (const add of [
    'add "Globex Support" vendor:Globex end:2027-01-15 value:1000 per:month departments:IT:60,Finance:40 channel:<#CRENEW|renewals>',
    'add "Globex Cloud" vendor:Globex end:2027-02-28 value:24000 departments:IT:100 channel:<#CRENEW|renewals>',
    'add "Initech CRM" vendor:Initech end:2027-02-10 value:8000 currency:EUR departments:Sales:100 channel:<#CRENEW|renewals>',
    'add "Umbrella Print" vendor:Umbrella end:2027-12-31 notice:60d renewal:manual value:500 per:month channel:<#COTHER|other>',
  ]) await run('/contract', add);
  await run('/sla', 'set "Globex Support" p1 response:1h resolution:8h');
  await run('/sla', 'set "Globex Support" uptime:99.9 expect:90 credits:"99.9:10,99:25"');
  await run('/issue', 'log "Globex Support" p1 Portal down at:2026-11-02T08:00');
  await run('/issue', 'respond I-1 at:2026-11-02T08:30');
  await run('/issue', 'resolve I-1 at:2026-11-02T12:00');
  await run('/issue', 'log "Globex Support" p1 Login broken at:2026-11-16T08:00');
  await run('/issue', 'respond I-2 at:2026-11-16T11:00');
  await run('/issue', 'resolve I-2 at:2026-11-16T14:00');
  await run('/issue', 'outage "Globex Support" start:2026-11-10T00:00 end:2026-11-10T10:00');
  await run('/contract', 'survey "Globex Support"');
  await run('/contract', 'decide "Globex Cloud" renew');
  const survey = await t.bot.db.survey.findFirstOrThrow();
  const value = JSON.stringify({ s: survey.id });
  const ts = survey.messageId!;
  for (const [user, rating] of [['UANN', 4], ['UBEN', 5], ['UCAT', 3]] as const) {
    const before = t.slackApi.callsTo('response_url').length;
    await t.slack.click({ user, actionId: `rd:survey.${rating}`, value, channel: 'CRENEW', messageTs: ts });
    await t.slackApi.waitFor('response_url', before + 1);
  }
  for (const at of ['2026-12-01T09:00:00Z', '2026-12-11T09:00:00Z', '2026-12-31T09:00:00Z', '2027-01-01T09:00:00Z']) await t.tick(at);
  t.clock.set('2027-01-04T10:00:00Z');
  log = t.slackApi.callsTo('chat.postMessage').map((c) => String(c.body['text']));
});
afterAll(async () => {
  await t.stop();
});

async function run(command: string, text: string, user = 'UOWNER'): Promise<string> {
  const before = t.slackApi.callsTo('response_url').length;
  await t.slack.command(command, text, user, 'CTYPED');
  const replies = await t.slackApi.waitFor('response_url', before + 1);
  return textOf(replies[before]!.body);
}

/** The plain-text fallback of the latest private answer. */
const fallback = () => String(t.slackApi.callsTo('response_url').at(-1)!.body['text']);

describe('scorecard and spend on a known data set (Slack)', () => {
  it('the data set played out: the credit was issued and lost, the survey closed', () => {
    expect(log.filter((x) => x.startsWith('Service credit C-1'))).toHaveLength(1);
    expect(log.filter((x) => x.startsWith('Service credit lost: C-1'))).toHaveLength(1);
    expect(t.slackApi.callsTo('chat.update').map((c) => String(c.body['text']))).toContain('Pulse survey closed: Globex Support (Globex) — 4.0/5 from 3 people.');
  });

  it('/contract scorecard: the evidence and a red verdict with its reasons', async () => {
    const card = await run('/contract', 'scorecard "Globex Support"');
    expect(fallback()).toBe(
      'Scorecard of Globex Support (Globex), last 12 months: RED — SLA compliance 75 % (3 of 4 targets met) is 15 points below the 90 % expected; uptime 99.885 % is below its 99.9 % target; '
      + 'a service credit was earned in 1 month; 1 service credit was lost (not claimed in time). Notice deadline 2027-01-15, in 11 days. Survey: 4.0/5 from 3 people, closed 2027-01-01.',
    );
    expect(card).toContain('🔴 *Red*');
    expect(card).toContain('*Response compliance*\\n1 of 2 met (50 %)');
    expect(card).toContain('*Resolution compliance*\\n2 of 2 met (100 %)');
    expect(card).toContain('*Breaches*\\n1 (worst: I-2 P1 response, 3.0× its target)');
    expect(card).toContain('owed 250.00 USD · claimed 0.00 USD · recovered 0.00 USD · lost 250.00 USD');
    expect(card).toContain('Survey: 4.0/5 from 3 people, closed 2027-01-01');
    expect(card).toContain('*Annual cost*\\n12,000.00 USD a year (1,000.00 USD a month)');
    expect(card).toContain('IT 60 % (7,200.00 USD) · Finance 40 % (4,800.00 USD)');
    expect(card).toContain('2027-01-15 (Fri), in 11 days');
    // A shorter period leaves November's evidence out.
    expect(await run('/contract', 'scorecard "Globex Support" period:30d')).toContain('last 30 days: GREEN — uptime 100 % meets its 99.9 % target; the survey average is 4.0/5 from 3 people.');
    expect(await run('/contract', 'scorecard "Globex Support" period:2y')).toContain('must be from 1d up to a year');
    expect(await run('/contract', 'scorecard "Globex Suport"')).toContain('Did you mean *Globex Support*?');
  });

  it('the first renewal reminder of a cycle carries the scorecard; later ones do not', async () => {
    await t.tick('2027-01-11T09:00:00Z'); // Initech CRM, 30 days before its deadline
    const reminders = t.slackApi.callsTo('chat.postMessage').filter((c) => String(c.body['text']).startsWith('Renewal reminder: Initech CRM'));
    expect(reminders).toHaveLength(2);
    expect(textOf(reminders[0]!.body)).toContain('Scorecard, last 12 months');
    expect(textOf(reminders[0]!.body)).toContain('🟠 *Amber*: there is no evidence to judge by');
    // The reminder's own survey line is not repeated by the scorecard it carries.
    expect(textOf(reminders[0]!.body).match(/Survey:/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(textOf(reminders[1]!.body)).not.toContain('Scorecard');
  });

  it('/renewals spend: by vendor, department and channel, what comes up, and what renews unexamined', async () => {
    const byVendor = await run('/renewals', 'spend');
    expect(fallback()).toBe('Spend by vendor: 8,000.00 EUR · 42,000.00 USD a year (4 contracts); up for renewal in 90 days: 8,000.00 EUR · 36,000.00 USD; renewing unexamined: 2 contracts, 8,000.00 EUR · 12,000.00 USD.');
    expect(byVendor).toContain('• *Globex*: 36,000.00 USD (2 contracts)\\n• *Initech*: 8,000.00 EUR (1 contract)\\n• *Umbrella*: 6,000.00 USD (1 contract)');
    expect(byVendor).toContain('next 30 days: 12,000.00 USD (1 contract)');
    expect(byVendor).toContain('next 90 days: 8,000.00 EUR · 36,000.00 USD (3 contracts)');
    expect(byVendor).toContain('next 365 days: 8,000.00 EUR · 42,000.00 USD (4 contracts)');
    expect(byVendor).toContain('*Globex Support* (Globex) renews on 2027-01-15 (Fri), in 11 days — 12,000.00 USD a year');
    expect(byVendor).toContain('*Initech CRM* (Initech) renews on 2027-02-10 (Wed), in 37 days — 8,000.00 EUR a year');
    expect(byVendor).not.toContain('*Globex Cloud* (Globex) renews');
    const byDepartment = await run('/renewals', 'spend by:department');
    expect(byDepartment).toContain('• *IT*: 31,200.00 USD (2 contracts)\\n• *Sales*: 8,000.00 EUR (1 contract)\\n• *(no department)*: 6,000.00 USD (1 contract)\\n• *Finance*: 4,800.00 USD (1 contract)');
    const byChannel = await run('/renewals', 'spend by:channel');
    expect(byChannel).toContain('• *<#CRENEW>*: 8,000.00 EUR · 36,000.00 USD (3 contracts)\\n• *<#COTHER>*: 6,000.00 USD (1 contract)');
    const soon = await run('/renewals', 'spend within:30d');
    expect(soon).toContain('*Annualised spend* (1 active contract, notice deadlines up to 2027-02-03): 12,000.00 USD');
    for (const [typed, problem] of [['within:0d', 'must be between 1 day and 10 years'], ['by:team', 'must be vendor, department or channel'], ['everything', 'Unknown word']]) {
      const reply = await run('/renewals', `spend ${typed}`);
      expect(reply).toContain(problem);
      expect(reply).toContain('Example: `/renewals spend by:department within:12m`');
    }
  });
});
