import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's `chromium` (`.ci/run` installs it); CHROMIUM_PATH names another. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH']?.trim() || '/usr/bin/chromium';
export const SKIP_WITHOUT_CHROMIUM = `needs Chromium at ${CHROMIUM_PATH} (apt-get install chromium, as .ci/run does; or set CHROMIUM_PATH)`;
export const hasChromium = existsSync(CHROMIUM_PATH);

export interface Headless {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** A real headless Chromium with a fresh profile, offline apart from what the test serves on loopback. */
export async function startChromium(): Promise<Headless> {
  const profile = mkdtempSync(join(tmpdir(), 'renewal-desk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
