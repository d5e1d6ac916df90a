import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startConsoleBot, type ConsoleBot } from '../helpers/console-bot.js';
import { hasChromium, SKIP_WITHOUT_CHROMIUM, startChromium, type Headless } from '../helpers/chromium.js';

// A real Chromium against the sandbox (its demo seeded: a few seconds), as a newcomer would use it.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });
if (!hasChromium) console.warn(`console-browser: skipped, ${SKIP_WITHOUT_CHROMIUM}`);

let t: ConsoleBot;
let chromium: Headless;
let page: Page;
/** What the browser reports: CSP violations, failed loads, script errors. */
const problems: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  t = await startConsoleBot({ seed: true, now: '2026-11-23T10:00:00Z' });
  chromium = await startChromium();
  page = await chromium.context.newPage();
  page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
  page.on('pageerror', (e) => void problems.push(e.message));
  page.on('requestfailed', (r) => void problems.push(`${r.url()} failed`));
});
afterAll(async () => {
  await chromium?.close();
  await t?.stop();
});

const post = (text: string) => page.locator('.entry.post', { hasText: text }).last();

/** Clicks something that submits a form, and waits for the page it leads to (post, redirect, get). */
async function submit(click: Promise<void>): Promise<void> {
  const loaded = page.waitForEvent('load');
  await click;
  await loaded;
}

describe.skipIf(!hasChromium)('the console in a real browser', () => {
  it('types a command and shows the reply, privately', async () => {
    await page.goto(`http://localhost:${t.bot.port}/`);
    await expect(page.title()).resolves.toContain('Try it');
    await page.fill('form.composer input[name=text]', '/contract add "Acme Backup" vendor:Acme end:2027-02-28 notice:30d value:9000 owner:@dana');
    await submit(page.click('form.composer button[type=submit]'));
    expect(await page.locator('.entry.command').last().innerText()).toContain('/contract add "Acme Backup"');
    const reply = page.locator('.entry.reply').last();
    expect(await reply.innerText()).toMatch(/only you can see this/i);
    expect(await reply.innerText()).toContain('Added Acme Backup (Acme). Notice deadline: 2027-01-29 (Fri), in 67 days.');
    expect(await reply.innerText()).toContain('Renewal reminders: 2026-11-30 (Mon), 2026-12-30 (Wed), 2027-01-15 (Fri), 2027-01-22 (Fri), 2027-01-28 (Thu), at 09:00 UTC in #renewals.');
  });

  it('opens the new-contract form, explains a bad field in place, then adds the contract', async () => {
    await submit(page.click('.examples button:text-is("/contract add")'));
    const form = page.locator('form[data-form=contract-add]').last();
    await form.locator('input[name=name]').fill('Acme Backup');
    await form.locator('input[name=vendor]').fill('Acme');
    await form.locator('input[name=end]').fill('2027-05-31');
    await submit(form.locator('button[type=submit]').click());
    // The name is taken: the form comes back with the problem under the field, nothing stored.
    const again = page.locator('form[data-form=contract-add]').last();
    expect(await again.locator('.error').first().innerText()).toContain('already exists');
    expect(await again.locator('input[name=vendor]').inputValue()).toBe('Acme');
    await again.locator('input[name=name]').fill('Beta Analytics');
    await again.locator('select[name=tier]').selectOption('1');
    await submit(again.locator('button[type=submit]').click());
    expect(await page.locator('form[data-form=contract-add]').count()).toBe(0);
    expect(await page.locator('.entry.reply').last().innerText()).toContain('Added Beta Analytics (Acme)');
  });

  it('shows the open survey and last month\'s service credit in the panel from the start', async () => {
    expect(await post('Pulse survey: Globex Managed Network').innerText()).toContain('3 people have voted so far.');
    const credit = post('Service credit C-1: Globex Managed Network');
    expect(await credit.innerText()).toContain('2,000.00 USD');
    expect(await credit.innerText()).toContain('Subject: SLA credit request — Globex Managed Network — October 2026');
    expect(await credit.locator('button').allInnerTexts()).toEqual(['Claim sent', 'Credited', 'Waive']);
  });

  it('counts a survey vote on the message in place, and takes a comment through its form', async () => {
    const survey = post('Pulse survey: Globex Managed Network');
    const entry = await survey.getAttribute('data-entry');
    expect(await survey.locator('button').allInnerTexts()).toEqual(['1', '2', '3', '4', '5', 'Comment']);
    await submit(survey.locator('button:text-is("4")').click());
    const updated = page.locator(`.entry.post[data-entry="${entry}"]`);
    expect(await updated.innerText()).toContain('4 people have voted so far.');
    expect(await updated.innerText()).not.toMatch(/average|\/5/);
    expect(await page.locator('.entry.reply').last().innerText()).toContain('Your vote (4) is counted for Globex Managed Network: 4 people have voted.');
    // Cancel replaces the form with a note; nothing is recorded.
    await submit(updated.locator('button:text-is("Comment")').click());
    await submit(page.locator('form[data-form=survey-comment]').last().locator('button:text-is("Cancel")').click());
    expect(await page.locator('form[data-form=survey-comment]').count()).toBe(0);
    expect(await page.locator('.entry.note').last().innerText()).toContain('Comment: cancelled. Nothing was recorded.');
    await submit(updated.locator('button:text-is("Comment")').click());
    const form = page.locator('form[data-form=survey-comment]').last();
    expect(await form.innerText()).toContain('Your comment goes to the owner and approvers of Globex Managed Network, without your name.');
    // Only spaces: the form comes back with the problem under the field.
    await form.locator('textarea[name=field]').fill('   ');
    await submit(form.locator('button.primary').click());
    const again = page.locator('form[data-form=survey-comment]').last();
    expect(await again.locator('.error').innerText()).toBe('Write a comment, or cancel.');
    await again.locator('textarea[name=field]').fill('Change requests take a week.');
    await submit(again.locator('button.primary').click());
    expect(await page.locator('form[data-form=survey-comment]').count()).toBe(0);
    expect(await page.locator('.entry.reply').last().innerText()).toContain('Thank you: your comment on Globex goes to the owner and approvers of Globex Managed Network, without your name.');
  });

  it('claims the service credit from its message, then records what the vendor credited through the amount form', async () => {
    const credit = post('Service credit C-1: Globex Managed Network');
    const entry = await credit.getAttribute('data-entry');
    await submit(credit.locator('button:text-is("Claim sent")').click());
    const updated = page.locator(`.entry.post[data-entry="${entry}"]`);
    expect(await updated.innerText()).toMatch(/Claim sent by @Dana Whitfield on 2026-11-23 10:00 UTC/);
    expect(await updated.locator('button').allInnerTexts()).toEqual(['Credited', 'Waive']);
    await submit(updated.locator('button:text-is("Credited")').click());
    const form = page.locator('form[data-form=credit-amount]').last();
    expect(await form.innerText()).toContain('How much did Globex credit for C-1 (Globex Managed Network, October 2026)? Owed: 2,000.00 USD.');
    expect(await form.locator('input[name=field]').inputValue()).toBe('2000.00');
    // Not an amount: the form comes back with the problem under the field and what was typed; nothing changed.
    await form.locator('input[name=field]').fill('lots');
    await submit(form.locator('button.primary').click());
    const again = page.locator('form[data-form=credit-amount]').last();
    expect(await again.locator('.error').innerText()).toMatch(/^The amount .*like 250 or 1,250\.50\.$/);
    expect(await again.locator('input[name=field]').inputValue()).toBe('lots');
    expect(await updated.locator('button').allInnerTexts()).toEqual(['Credited', 'Waive']);
    await again.locator('input[name=field]').fill('1,800');
    await submit(again.locator('button.primary').click());
    expect(await page.locator('form[data-form=credit-amount]').count()).toBe(0);
    expect(await updated.innerText()).toContain('Credited: 1,800.00 USD (of 2,000.00 USD owed), recorded by @Dana Whitfield');
    expect(await updated.locator('button').count()).toBe(0);
  });

  it('runs the scheduler as of a chosen moment and shows the reminder that falls due, with its buttons', async () => {
    await page.fill('#scheduler input[name=at]', '2026-12-30T09:00');
    await submit(page.click('#scheduler form.run button.primary'));
    expect(await page.locator('.entry.note').last().innerText()).toContain('Scheduler as of 2026-12-30 09:00 UTC');
    const reminder = post('Renewal reminder: Acme Backup');
    expect(await reminder.innerText()).toContain('the notice deadline is 2027-01-29 (Fri), in 30 days');
    expect(await reminder.locator('button').allInnerTexts()).toEqual(['Renew', 'Renegotiate', 'Terminate', 'Snooze 7 days']);
  });

  it('records a decision from its button and updates the message in place', async () => {
    const reminder = post('Renewal reminder: Acme Backup');
    const entry = await reminder.getAttribute('data-entry');
    await submit(reminder.locator('button:text-is("Renew")').click());
    const updated = page.locator(`.entry.post[data-entry="${entry}"]`);
    expect(await updated.innerText()).toMatch(/Renew decided by @Dana Whitfield/);
    expect(await updated.locator('button').count()).toBe(0);
    expect(await page.locator('.entry.reply').last().innerText()).toContain('Renew recorded for Acme Backup');
  });

  it('needs a second approver above the threshold: acting as Sam, the proposal is approved in place', async () => {
    const proposal = post('Salesforce Sales Cloud');
    const entry = await proposal.getAttribute('data-entry');
    await submit(proposal.locator('button:text-is("Approve")').click());
    // Dana proposed it: she cannot approve her own proposal.
    expect(await page.locator('.entry.reply').last().innerText()).toContain('You proposed it');
    await page.selectOption('#act-as', 'UDEMOSAM');
    await submit(page.click('header.top form[action="/console/act-as"] button'));
    expect(await page.locator('header.top select#act-as').inputValue()).toBe('UDEMOSAM');
    await submit(page.locator(`.entry.post[data-entry="${entry}"] button:text-is("Approve")`).click());
    expect(await page.locator(`.entry.post[data-entry="${entry}"]`).innerText()).toMatch(/Renegotiate decided by @Dana Whitfield, approved by @Sam Okafor/);
  });

  it('hands a leaver\'s role over through the Assign successor form', async () => {
    // The pass as of 2026-12-30 above also posted the handover reminder for Lee (leaving on 2026-12-17).
    const handover = page.locator('.entry.post', { has: page.locator('button:text-is("Assign successor: Initech Printer Fleet")') }).last();
    expect(await handover.innerText()).toContain('Lee Carter');
    await submit(handover.locator('button:text-is("Assign successor: Initech Printer Fleet")').click());
    const form = page.locator('form[data-form=assign-successor]').last();
    expect(await form.innerText()).toContain('Who takes over the roles of Lee Carter?');
    await form.locator('select[name=successor]').selectOption({ label: 'Priya Nair' });
    await submit(form.locator('button[type=submit]').click());
    expect(await page.locator('form[data-form=assign-successor]').count()).toBe(0);
    expect(await page.locator('.entry.reply').last().innerText()).toContain('Handed over from @Lee Carter to @Priya Nair');
    expect(await post('Handover on Initech Printer Fleet').innerText()).toContain('@Priya Nair takes over owner from @Lee Carter (assigned by @Sam Okafor)');
  });

  it('shows the survey\'s results once the scheduler closed it, and its comments to an approver without names', async () => {
    // The pass as of 2026-12-30 closed the survey (14 days before Globex's deadline, 2027-01-07).
    const results = post('Pulse survey results: Globex Managed Network');
    expect(await results.innerText()).toContain('Survey: 3.0/5 from 4 people');
    await submit(results.locator('button:text-is("Read comments")').click());
    const comments = await page.locator('.entry.reply').last().innerText();
    expect(comments).toContain('Change requests take a week.');
    expect(comments).toContain('the Leeds VPN drops every few weeks');
    expect(comments).toContain('who wrote them is not shown');
    expect(comments).not.toMatch(/\b(Dana|Sam|Priya|Lee)\b/);
  });

  it('shows the renewal calendar for 12 months, coloured by days left and decision, and links to the contracts', async () => {
    await submit(page.click('header.top nav a:text-is("Renewal calendar")'));
    const timeline = page.locator('svg.timeline');
    expect(await timeline.locator('a').count()).toBe(9);
    expect(await timeline.locator('[data-kind=deadline]').count()).toBeGreaterThanOrEqual(7);
    const classes = await timeline.locator('.event').evaluateAll((els) => els.map((e) => e.getAttribute('class')));
    // Nothing falls due within 30 days of this moment in the demo; every other colour is there.
    for (const state of ['soon', 'later', 'decided']) expect(classes.some((c) => c?.includes(state)), state).toBe(true);
    expect(await page.locator('table.list').innerText()).toContain('decided: Renew');
    // A click anywhere on the row (here the middle of its box, between the label and the markers) opens the contract.
    await submit(timeline.locator('a', { has: page.locator('text.row-label', { hasText: 'Globex Managed Network' }) }).click());
    expect(page.url()).toMatch(/\/contracts\/[0-9a-f-]{36}$/);
  });

  it('shows a contract page: fields, contacts, audit trail and SLA charts with one point per month', async () => {
    expect(await page.locator('h1').innerText()).toBe('Globex Managed Network');
    expect(await page.locator('dl.facts').innerText()).toContain('96,000 USD per year');
    expect(await page.locator('[data-section=contacts]').innerText()).toContain('Maria Lopez');
    expect(await page.locator('[data-section=audit]').innerText()).toContain('Added the contract');
    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBe(2);
    for (let i = 0; i < 2; i += 1) {
      const chart = charts.nth(i);
      const box = await chart.boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(100);
      const months = chart.locator('g.month');
      expect(await months.count()).toBe(12);
      for (let m = 0; m < 12; m += 1) expect(await months.nth(m).locator('circle').count()).toBeGreaterThanOrEqual(1);
      const lines = await chart.locator('path.series').evaluateAll((paths) => paths.map((p) => (p as SVGPathElement).getTotalLength()));
      expect(Math.max(...lines)).toBeGreaterThan(100);
    }
    const uptime = charts.nth(1);
    expect(await uptime.locator('circle.point.uptime').count()).toBe(12);
    expect(await uptime.locator('line.target').count()).toBe(1);
  });

  it('shows the scorecard verdict, the service credits with their totals, and the credit months on the uptime chart', async () => {
    expect(await page.locator('h1').innerText()).toBe('Globex Managed Network');
    const verdict = page.locator('#scorecard');
    // The same rule as /contract scorecard: below the compliance expected, credits in two months, a lukewarm survey.
    expect(await verdict.getAttribute('data-verdict')).toBe('amber');
    expect(await verdict.locator('li').allInnerTexts()).toEqual(['SLA compliance 82 % (41 of 50 targets met) is below the 95 % expected', 'Service credits were earned in 2 months', 'The survey average is 3.0/5 from 4 people (below 3.5)']);
    const credits = page.locator('#credits');
    expect(await credits.locator('[data-credit-terms]').innerText()).toContain('below 99.9 % → 10 %, below 99.5 % → 25 %, below 99 % → 50 %. Claim within 45 days after the month ends.');
    const rows = credits.locator('[data-section=credits] tbody');
    expect(await rows.evaluateAll((bodies) => bodies.map((b) => b.getAttribute('data-credit')))).toEqual(['C-2', 'C-1']);
    const first = await credits.locator('tbody[data-credit=C-1]').innerText();
    for (const text of ['October 2026', '99.462 % (target 99.9 %)', 'below 99.5 % → 25 %', '2,000.00 USD', 'credited', 'Credited: 1,800.00 USD', '2026-12-15 (Tue)', '1,800.00 USD']) expect(first).toContain(text);
    const second = await credits.locator('tbody[data-credit=C-2]').innerText();
    for (const text of ['November 2026', 'below 99.9 % → 10 %', '800.00 USD', 'to claim', '2027-01-14 (Thu), in 52 days']) expect(second).toContain(text);
    const totals = await credits.locator('[data-section=credit-totals] tr[data-currency=USD] td').allInnerTexts();
    expect(totals).toEqual(['USD', '2,800.00 USD', '2,000.00 USD', '1,800.00 USD', '0.00 USD', '800.00 USD']);
    const uptime = page.locator('svg.chart').nth(1);
    expect(await uptime.locator('g.mark').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-mark')))).toEqual(['C-1', 'C-2']);
    expect(await uptime.locator('g.month[data-month="2026-10"] g.mark title').textContent()).toBe('Oct 2026: service credit C-1: 2,000.00 USD (25 %), credited');
  });

  it('shows the closed survey on the contract page: average, distribution and count, and no names', async () => {
    const survey = page.locator('#survey');
    expect(await survey.locator('[data-survey]').getAttribute('data-survey')).toBe('closed');
    const text = await survey.innerText();
    expect(text).toContain('How well does Globex serve us on Globex Managed Network?');
    expect(text).toContain('Survey: 3.0/5 from 4 people');
    expect(text).toContain('3 comments for the owner and approvers, without names');
    const bars = await survey.locator('[data-section=survey-distribution] tr').evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-rating')}: ${tr.lastElementChild!.textContent}`));
    expect(bars).toEqual(['5: 0 (0 %)', '4: 1 (25 %)', '3: 2 (50 %)', '2: 1 (25 %)', '1: 0 (0 %)']);
    expect(text).not.toMatch(/\b(Dana|Sam|Priya|Lee)\b/);
    expect(await page.locator('[data-section=audit]').innerText()).toContain('Started a pulse survey');
  });

  it('ran with no script, inline style or outside request refused by the browser', () => {
    expect(problems).toEqual([]);
  });
});
