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

  it('shows the renewal calendar for 12 months, coloured by days left and decision, and links to the contracts', async () => {
    await submit(page.click('header.top nav a:text-is("Renewal calendar")'));
    const timeline = page.locator('svg.timeline');
    expect(await timeline.locator('a').count()).toBe(9);
    expect(await timeline.locator('[data-kind=deadline]').count()).toBeGreaterThanOrEqual(7);
    const classes = await timeline.locator('.event').evaluateAll((els) => els.map((e) => e.getAttribute('class')));
    // Nothing falls due within 30 days of this moment in the demo; every other colour is there.
    for (const state of ['soon', 'later', 'decided']) expect(classes.some((c) => c?.includes(state)), state).toBe(true);
    expect(await page.locator('table.list').innerText()).toContain('decided: Renew');
    await submit(timeline.locator('a text.row-label', { hasText: 'Globex Managed Network' }).click());
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

  it('ran with no script, inline style or outside request refused by the browser', () => {
    expect(problems).toEqual([]);
  });
});
