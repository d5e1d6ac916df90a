import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/days.js';
import { deadlineOf } from '../../src/domain/contract-terms.js';
import { sharedBot } from '../helpers/shared-bot.js';
import { slackLimitProblems } from '../helpers/slack-limits.js';
import type { SlackCall } from '../helpers/slack-double.js';
import type { Driver } from '../helpers/driver.js';
import { cardOf } from '../helpers/teams-double.js';

// The evidence messages at a realistic large size, as Slack receives them (the real Bolt app against
// the Web API double): nothing over Slack's Block Kit limits, nothing cut short, every fallback there;
// and the largest of them as Teams receives them. November 2026 has 30 outages of Globex Support, one a day.
const bot = sharedBot({ now: '2026-11-10T10:00:00Z' });
const d = bot.slack;
const run = async (text: string, user = 'owner', driver: Driver = d) => (await driver.run(text, user)).text;
const problems = (call: Pick<SlackCall, 'body'>) => slackLimitProblems(call.body);
const updates = () => bot.t.slackApi.callsTo('chat.update');

/** A long summary, as people write them when the portal is down. */
const summary = (i: number) => `Customer portal returns HTTP 503 for every user in region ${i}; the vendor's status page says "degraded" while nothing works`;

async function globexWithThirtyOutages(driver: Driver = d): Promise<void> {
  bot.t.clock.set('2026-11-30T20:00:00Z'); // the outages are back-dated, never in the future
  const say = (text: string) => run(text, 'owner', driver);
  await say('contract add "Globex Support" vendor:"Globex Corporation" end:2027-06-30 value:120000 per:year departments:IT:40,Finance:20,Sales:15,Support:10,Marketing:5,Legal:5,HR:5');
  await say('sla set "Globex Support" uptime:99.95 credits:"99.95:5,99.9:10,99.5:15,99:25,98:40,97:60,95:100" claim:30d');
  await say('sla set "Globex Support" p1 response:15min resolution:2h');
  await say('contract contact "Globex Support" add vendor "Jane Roe-Fitzgerald" role:account-manager email:jane.roe-fitzgerald@globex-corporation.example');
  await say('contract contact "Globex Support" add vendor "Service Desk" role:vendor-support email:service-desk@globex-corporation.example');
  for (let day = 1; day <= 30; day += 1) {
    const date = `2026-11-${String(day).padStart(2, '0')}`;
    await say(`issue outage "Globex Support" start:${date}T08:00 end:${date}T08:45`);
    if (day % 3 === 0) await say(`issue log "Globex Support" p1 ${summary(day)} at:${date}T08:05`);
  }
}

/** What Teams refuses in a bot's card: a message over about 28 KB; and what the renderer would drop (past 80 elements, the buttons). */
function teamsCardProblems(card: Record<string, unknown>, buttons: boolean): string[] {
  const problems: string[] = [];
  const size = Buffer.byteLength(JSON.stringify(card));
  if (size > 26_000) problems.push(`a card of ${size} bytes`);
  const body = card['body'] as { type: string }[];
  if (buttons && body.at(-1)?.type !== 'ActionSet') problems.push(`no buttons at the end (${body.length} elements)`);
  if (JSON.stringify(body).includes('…"')) problems.push('a text cut short');
  return problems;
}

describe('Slack limits at size', () => {
  it('a service credit with 30 outages and 10 issues behind it: posted, reminded, claimed and credited within the limits, claim text whole', async () => {
    await globexWithThirtyOutages();
    bot.t.clock.set('2026-12-01T09:30:00Z');
    // The first pass also posts the (late) SLA breaches of the month's issues; the next ones the rest.
    for (const minute of ['00', '05', '10']) await bot.t.tick(`2026-12-01T09:${minute}:00Z`);
    const card = d.posts('renew').find((p) => p.fallback.startsWith('Service credit C-1'))!;
    expect(problems(card)).toEqual([]);
    // The claim text the user copies names every incident.
    for (let day = 1; day <= 30; day += 1) expect(card.text).toContain(`outage: 2026-11-${String(day).padStart(2, '0')} 08:00 →`);
    expect(card.text).toContain('Please confirm the credit in writing');
    expect(card.buttons.map((b) => b.action)).toEqual(['credit.claimed', 'credit.credited', 'credit.waived']);
    expect(problems(d.posts('renew').find((p) => p.fallback.startsWith('Monthly SLA report'))!)).toEqual([]);

    bot.t.clock.set('2026-12-23T09:30:00Z');
    await bot.t.tick('2026-12-23T09:00:00Z'); // 7 days before the claim deadline, 2026-12-30
    const reminder = d.posts('renew').find((p) => p.fallback.startsWith('Service credit to claim: C-1'))!;
    expect(problems(reminder)).toEqual([]);
    expect(reminder.text).toContain('Please confirm the credit in writing');

    await d.click('owner', card, 'credit.claimed');
    expect(problems(updates().at(-1)!)).toEqual([]);
    await run('sla credit C-1 credited amount:1200');
    const credited = updates().at(-1)!;
    expect(JSON.stringify(credited.body)).toContain('Credited: 1,200.00 USD');
    expect(problems(credited)).toEqual([]);
    expect(problems((await d.run('sla credits all')).call)).toEqual([]);
  });

  it('a survey of 40 people, open and closed, and 20 long comments read by the owner', async () => {
    await run('contract add "Globex Support" vendor:"Globex Corporation" end:2027-06-30 value:120000 per:year');
    await run('contract survey "Globex Support"');
    const survey = d.posts('renew').find((p) => p.fallback.startsWith('Pulse survey'))!;
    expect(problems(survey)).toEqual([]);
    await d.click('voter0', survey, 'survey.3');
    expect(problems(updates().at(-1)!)).toEqual([]);
    const { db } = bot.t.bot;
    const { id } = await db.survey.findFirstOrThrow();
    const at = new Date('2026-11-10T11:00:00Z');
    await db.surveyVote.createMany({ data: Array.from({ length: 39 }, (_, i) => ({ surveyId: id, userId: `UVOTER${i + 1}`, rating: 1 + (i % 5), at })) });
    const comment = (i: number) => `${i}: ${'The service desk answers quickly, but fixes take weeks and nobody owns the follow-up. '.repeat(12)}`.slice(0, 1000);
    await db.surveyComment.createMany({ data: Array.from({ length: 20 }, (_, i) => ({ surveyId: id, userId: `UVOTER${i}`, text: comment(i), at })) });
    await run('contract decide "Globex Support" renegotiate'); // closes the survey
    const closed = updates().filter((u) => String(u.body['text']).startsWith('Pulse survey closed')).at(-1)!;
    expect(String(closed.body['text'])).toBe('Pulse survey closed: Globex Support (Globex Corporation) — 3.0/5 from 40 people.');
    expect(problems(closed)).toEqual([]);
    // 20,000 characters of comments: three pages, each within the limits, every comment whole on one of them.
    const first = await d.run('contract survey "Globex Support" comments');
    expect(first.text).toContain('page 1 of 3');
    expect(first.text).toContain('next: `/contract survey \\"Globex Support\\" comments page:2`');
    const pages = [first, await d.run('contract survey "Globex Support" comments page:2'), await d.run('contract survey "Globex Support" comments page:3')];
    for (const page of pages) expect(problems(page.call)).toEqual([]);
    const all = pages.map((p) => p.text).join('');
    for (let i = 0; i < 20; i += 1) expect(all).toContain(comment(i).replace(/\s+$/, ''));
    expect((await d.run('contract survey "Globex Support" comments page:x')).text).toContain('must be a page number such as 2');
  });

  it('a scorecard with seven departments, ten breaches and credits in two currencies', async () => {
    await globexWithThirtyOutages();
    await bot.t.tick('2026-12-01T09:00:00Z');
    const card = await d.run('contract scorecard "Globex Support"');
    expect(card.text).toContain('Red');
    expect(problems(card.call)).toEqual([]);
  });

  it('spend over 500 contracts, by vendor, department and channel', async () => {
    await run('contract add "Seed" vendor:Seed end:2027-06-30');
    const { db } = bot.t.bot;
    const departments = ['IT:50,Finance:30,Sales:20', 'Operations:70,Facilities:30', null, 'Customer Success:40,Professional Services:35,Research and Development:25'];
    await db.contract.createMany({
      data: Array.from({ length: 520 }, (_, i) => ({
        workspaceId: d.workspaceId, name: `Managed service agreement ${i}`, nameKey: `managed service agreement ${i}`, vendor: `Vendor with a long legal name ${i % 120} GmbH & Co. KG`,
        end: addDays('2026-11-20', (i * 3) % 400), noticeDays: [0, 30, 60][i % 3]!, deadline: deadlineOf({ end: addDays('2026-11-20', (i * 3) % 400), noticeDays: [0, 30, 60][i % 3]! }), renewal: i % 4 === 0 ? 'manual' : 'auto', value: 1000 + i * 37.5,
        currency: ['USD', 'EUR', 'GBP', 'CHF'][i % 4]!, per: i % 2 ? 'month' : 'year', ownerId: 'UOWNER', channelId: `C${i % 60}CHANNEL`, departments: departments[i % 4] ?? null, createdBy: 'UOWNER',
      })),
    });
    for (const by of ['vendor', 'department', 'channel']) {
      const spend = await d.run(`renewals spend by:${by}`);
      expect(spend.text).toContain('Renewing unexamined');
      expect(problems(spend.call)).toEqual([]);
    }
  });
});

describe('Teams at the same size', () => {
  it('the credit card with 30 outages and the comments, each one card within what Teams takes, buttons kept', async () => {
    await globexWithThirtyOutages(bot.teams);
    bot.t.clock.set('2026-12-01T09:30:00Z');
    for (const minute of ['00', '05', '10']) await bot.t.tick(`2026-12-01T09:${minute}:00Z`);
    const credit = bot.teams.posts('renew').find((p) => String(p.body['summary']).startsWith('Service credit C-1'))!;
    expect(teamsCardProblems(cardOf(credit)!, true)).toEqual([]);
    expect(credit.text).toContain('O-30 outage: 2026-11-30 08:00');

    await run('contract survey "Globex Support"', 'owner', bot.teams);
    const { db } = bot.t.bot;
    const { id } = await db.survey.findFirstOrThrow();
    const text = (i: number) => `${i}: ${'Fixes take weeks and nobody owns the follow-up. '.repeat(25)}`.slice(0, 1000);
    await db.surveyComment.createMany({ data: Array.from({ length: 20 }, (_, i) => ({ surveyId: id, userId: `29:voter${i}`, text: text(i), at: new Date('2026-12-01T10:00:00Z') })) });
    const comments = await bot.teams.run('contract survey "Globex Support" comments');
    expect(teamsCardProblems(comments.card!, false)).toEqual([]);
    expect(comments.text).toContain('page 1 of 3');
  });
});
