import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/server/bot.js';
import { TestClock } from './bot-harness.js';
import { createTestDatabase } from './postgres.js';

export interface ConsoleBot {
  bot: RunningBot;
  baseUrl: string;
  clock: TestClock;
  logs: string[];
  databaseUrl: string;
  stop: () => Promise<void>;
}

/**
 * The real bot as `npm start` runs it, for the console: with no chat credentials (the sandbox) unless
 * `env` sets some. The demo is seeded only when asked (`seed`), as it takes a few seconds.
 */
export async function startConsoleBot(options: { now?: string; env?: Record<string, string>; seed?: boolean } = {}): Promise<ConsoleBot> {
  const dir = mkdtempSync(join(tmpdir(), 'renewal-desk-console-'));
  const database = await createTestDatabase(dir);
  const clock = new TestClock(new Date(options.now ?? '2026-11-23T10:00:00Z'));
  const logs: string[] = [];
  const config = loadConfig({ PORT: '0', DATABASE_URL: database.url, DEFAULT_TIMEZONE: 'UTC', ...options.env });
  const bot = await startBot({ config, clock: clock.now, log: (line) => logs.push(line), scheduler: false, seedDemo: options.seed ?? false });
  return {
    bot, clock, logs, databaseUrl: database.url,
    baseUrl: `http://127.0.0.1:${bot.port}`,
    stop: async () => {
      await bot.stop();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser's side of the console over plain HTTP: keeps the session cookie and the page's form token. */
export class ConsoleClient {
  cookie = '';
  csrf = '';

  constructor(private readonly baseUrl: string, private readonly headers: Record<string, string> = {}) {}

  private remember(res: Response): void {
    const set = res.headers.getSetCookie().find((c) => c.startsWith('rd_console='));
    if (set) this.cookie = set.split(';')[0]!;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; res: Response }> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { ...this.headers, ...(this.cookie && { cookie: this.cookie }), ...headers }, redirect: 'manual' });
    this.remember(res);
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrf = token;
    return { status: res.status, text, res };
  }

  /** A form post as a page of the console sends it (same Origin, the page's token), unless `headers` say otherwise. */
  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; text: string; location: string | null }> {
    const body = new URLSearchParams({ _csrf: this.csrf, ...fields }).toString();
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.baseUrl, ...this.headers, ...(this.cookie && { cookie: this.cookie }), ...headers },
      body,
      redirect: 'manual',
    });
    this.remember(res);
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }
}
