// npm run screenshots: the three console views as docs/console-*.png, from a fresh sandbox (the demo
// seeded, a fixed moment), driven in headless Chromium like the browser tests: a contract added, the
// scheduler run as of its first reminder, Renew clicked, the demo's service credit claimed and a
// survey vote; then the calendar and a contract page.
import type { Page } from 'playwright-core';
import { startConsoleBot } from '../test/helpers/console-bot.js';
import { hasChromium, SKIP_WITHOUT_CHROMIUM, startChromium } from '../test/helpers/chromium.js';

async function submit(page: Page, click: Promise<void>): Promise<void> {
  const loaded = page.waitForEvent('load');
  await click;
  await loaded;
}

async function main(): Promise<void> {
  if (!hasChromium) throw new Error(SKIP_WITHOUT_CHROMIUM);
  const t = await startConsoleBot({ seed: true, now: '2026-11-23T10:00:00Z' });
  const browser = await startChromium();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1360, height: 1000 });
    await page.goto(`http://localhost:${t.bot.port}/`);
    await page.fill('form.composer input[name=text]', '/contract add "Acme Backup" vendor:Acme end:2027-02-28 notice:30d value:9000');
    await submit(page, page.click('form.composer button[type=submit]'));
    await page.fill('#scheduler input[name=at]', '2026-11-30T09:00');
    await submit(page, page.click('#scheduler form.run button.primary'));
    await submit(page, page.locator('.entry.post', { hasText: 'Renewal reminder: Acme Backup' }).last().locator('button:text-is("Renew")').click());
    await submit(page, page.locator('.entry.post', { hasText: 'Service credit C-1: Globex Managed Network' }).last().locator('button:text-is("Claim sent")').click());
    await submit(page, page.locator('.entry.post', { hasText: 'Pulse survey: Globex Managed Network' }).last().locator('button:text-is("4")').click());
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'docs/console-try-it.png', fullPage: true });
    await submit(page, page.click('header.top nav a:text-is("Renewal calendar")'));
    await page.screenshot({ path: 'docs/console-calendar.png', fullPage: true });
    await submit(page, page.locator('svg.timeline a text.row-label', { hasText: 'Globex Managed Network' }).click());
    await page.screenshot({ path: 'docs/console-contract.png', fullPage: true });
    console.log('wrote docs/console-try-it.png, docs/console-calendar.png, docs/console-contract.png');
  } finally {
    await browser.close();
    await t.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
