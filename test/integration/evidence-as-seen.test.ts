import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../helpers/driver.js';
import { sharedBot } from '../helpers/shared-bot.js';
import { button } from '../helpers/teams-driver.js';
import { cardOf } from '../helpers/teams-double.js';

// What a user noticed on service credits, surveys, scorecards and spend when these messages were
// looked at in a real Teams client (Microsoft 365 Agents Playground) and in Slack: texts that read
// badly, numbers that disagree, a voter never told what they voted.
// Initech CRM: 1,500 USD a month, notice deadline 2027-03-01 (end 2027-03-31, 30 days' notice).
const bot = sharedBot({ now: '2026-02-27T10:00:00Z' });
const INITECH = 'contract add "Initech CRM" vendor:Initech end:2027-03-31 start:2025-04-01 notice:30d value:1500 per:month';

describe.each(PLATFORMS)('%s', (platform) => {
  const d = bot.driver(platform);
  const run = async (text: string, user = 'owner') => (await d.run(text, user)).text;
  /** Starts a survey of Initech CRM and casts these votes on its message. */
  const surveyWithVotes = async (votes: readonly (readonly [string, number])[]) => {
    await run('contract survey "Initech CRM"');
    const survey = d.posts('renew').find((p) => p.fallback.startsWith('Pulse survey'))!;
    for (const [user, rating] of votes) await d.click(user, survey, `survey.${rating}`);
  };

  it('the credit message says an issue behind it is not resolved yet, not "resolved still open"', async () => {
    await run(INITECH);
    await run('sla set "Initech CRM" credits:"99.5:5,98:15" claim:45d');
    await run('issue outage "Initech CRM" start:2026-02-03T09:00 end:2026-02-03T13:30');
    await run('issue log "Initech CRM" p1 Portal down at:2026-02-03T09:05');
    await bot.t.tick('2026-03-02T09:00:00Z');
    const credit = d.posts('renew').find((p) => p.fallback.startsWith('Service credit C-1'))!;
    expect(credit.text).toContain('I-1 P1 Portal down: opened 2026-02-03 09:05, not resolved yet');
    expect(credit.text).not.toContain('resolved still open');
  });

  it('the monthly report of a month with outages but no issues logged does not read as if nothing happened', async () => {
    await run(INITECH);
    await run('issue outage "Initech CRM" start:2026-02-03T09:00 end:2026-02-03T13:30');
    await bot.t.tick('2026-03-02T09:00:00Z');
    const report = d.posts('renew').find((p) => p.fallback.startsWith('Monthly SLA report'))!;
    expect(report.text).toContain('Initech CRM: no vendor issues logged in this period; outages took uptime to 99.330 %');
  });

  it('a voter is told what they voted, and the survey everyone sees shows only the count', async () => {
    await run(INITECH);
    await run('contract survey "Initech CRM"');
    const survey = d.posts('renew').find((p) => p.fallback.startsWith('Pulse survey'))!;
    expect((await d.click('alice', survey, 'survey.4')).text).toContain('Your vote (4) is counted for Initech CRM: 1 person has voted.');
    expect((await d.click('bob', survey, 'survey.5')).text).toContain('Your vote (5) is counted');
    const revote = (await d.click('alice', survey, 'survey.2')).text;
    expect(revote).toContain('Your vote is now 2 (was 4) for Initech CRM: 2 people have voted.');
    const seen = d.updates().filter((u) => u.id === survey.id).at(-1)!;
    expect(seen.text).toContain('2 people have voted so far');
    expect(seen.text).not.toContain('Your vote');
  });

  it('the first reminder of a cycle shows the survey once and one uptime, however its lines round', async () => {
    bot.t.clock.set('2026-11-30T10:00:00Z');
    await run(INITECH);
    // 300 minutes down in the 365 days before 2026-12-01: 99.94292 % (rounded 99.943, rounded down 99.942).
    await run('issue outage "Initech CRM" start:2026-06-10T00:00 end:2026-06-10T05:00');
    await surveyWithVotes([]);
    expect(await run('contract scorecard "Initech CRM"')).toContain('Survey: open until 2027-02-15, nobody has voted yet');
    const survey = d.posts('renew').find((p) => p.fallback.startsWith('Pulse survey'))!;
    await d.click('alice', survey, 'survey.4');
    await d.click('bob', survey, 'survey.2');
    await bot.t.tick('2026-12-01T09:00:00Z');
    const reminder = d.posts('renew').find((p) => p.fallback.startsWith('Renewal reminder'))!;
    expect(reminder.text).toContain('Scorecard, last 12 months');
    expect(reminder.text.split('Survey: open until 2027-02-15, 2 people have voted so far')).toHaveLength(2);
    expect(reminder.text).toContain('uptime 99.942 %');
    expect(reminder.text).toContain('99.942 % (no target set)');
    expect(reminder.text).not.toContain('99.943');
  });

  it('the renewal reminder due at the instant the survey closes shows its result, whichever the pass posts first', async () => {
    // Deadline Mon 2027-03-01: the 14-day reminder and the survey's close are both due Mon 2027-02-15 09:00.
    bot.t.clock.set('2027-02-01T10:00:00Z');
    await run(INITECH);
    await surveyWithVotes([['alice', 4], ['bob', 3], ['carol', 4]]);
    bot.t.clock.set('2027-02-15T09:00:00Z');
    expect(await run('contract survey "Initech CRM" comments')).toContain('Survey comments on Initech CRM (closed)');
    await bot.t.tick('2027-02-15T09:00:00Z');
    const reminder = d.posts('renew').find((p) => p.fallback.startsWith('Renewal reminder'))!;
    expect(reminder.fallback).toContain('in 14 days');
    expect(reminder.text).toContain('Survey: 3.7/5 from 3 people, closed 2027-02-15');
    expect(reminder.text).not.toContain('open until');
    expect(await run('contract scorecard "Initech CRM"')).toContain('Survey: 3.7/5 from 3 people, closed 2027-02-15');
  });

  it('a scorecard with a survey of two votes says so, instead of "no survey"', async () => {
    await run(INITECH);
    await surveyWithVotes([['alice', 4], ['bob', 3]]);
    await run('contract decide "Initech CRM" renew'); // closes the survey
    const card = await d.run('contract scorecard "Initech CRM"');
    expect(card.text).toContain('there is no evidence to judge by: no SLA targets measured, no uptime target, a survey of only 2 votes (3 needed)');
    expect(card.text).toContain('Survey: 3.5/5 from 2 people');
  });

  it('spend says "none" for a window with nothing up for renewal', async () => {
    bot.t.clock.set('2026-03-10T10:00:00Z');
    await run(INITECH);
    const spend = await run('renewals spend');
    expect(spend).toContain('next 30 days: none');
    expect(spend).toContain('next 90 days: none');
    expect(spend).toContain('next 365 days: 18,000.00 USD (1 contract)');
    expect(spend).not.toContain('no values recorded');
    const values = await run('contract add "Unpriced" vendor:Acme end:2026-03-20');
    expect(values).toContain('Added');
    expect(await run('renewals spend')).toContain('next 30 days: no values recorded (1 contract)');
  });
});

describe('teams', () => {
  const teams = bot.teams;
  const run = async (text: string, user = 'owner') => (await teams.run(text, user)).text;

  it('keeps each number with its unit, so a card never wraps "98.586" away from "%" or an amount from its currency', async () => {
    await run(INITECH);
    await run('sla set "Initech CRM" credits:"99.5:5,98:15" claim:45d');
    await run('issue outage "Initech CRM" start:2026-02-03T09:00 end:2026-02-03T13:30');
    await run('issue outage "Initech CRM" start:2026-02-17T22:00 end:2026-02-18T03:00');
    await bot.t.tick('2026-03-02T09:00:00Z');
    const credit = teams.posts('renew').find((p) => String(p.body['summary']).startsWith('Service credit C-1'))!;
    const raw = JSON.stringify(cardOf(credit)!['body']);
    expect(raw).toContain('**98.586\u00a0%**');
    expect(raw).toContain('270\u00a0min');
    expect(raw).toContain('a credit of 75.00\u00a0USD'); // the claim text, in monospace
    expect(String(credit.body['summary'])).toContain('uptime 98.586 %'); // notifications stay plain
  });

  it('says where the form went when a click opens one in the personal chat', async () => {
    await run(INITECH);
    await run('sla set "Initech CRM" credits:"99.5:5,98:15"');
    await run('issue outage "Initech CRM" start:2026-02-03T09:00 end:2026-02-03T13:30');
    await bot.t.tick('2026-03-02T09:00:00Z');
    const credit = teams.posts('renew').find((p) => String(p.body['summary']).startsWith('Service credit C-1'))!;
    const clicked = await teams.click('owner', credit, button(credit, 'credit.credited'));
    expect(clicked.message).toBe('I sent you a form in your personal chat with Renewal Desk: “Amount credited”.');
  });
});
