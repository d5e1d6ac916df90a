import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/server/bot.js';
import { runPass, type PassReport } from '../../src/scheduler/pass.js';
import { SlackDouble } from './slack-double.js';
import { SlackClient } from './slack-signer.js';

export const SIGNING_SECRET = 'test-signing-secret';

/** A settable clock: the bot reads "now" from here, tests move it. */
export class TestClock {
  constructor(public current: Date) {}
  now = (): Date => new Date(this.current.getTime());
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export interface TestBot {
  bot: RunningBot;
  slackApi: SlackDouble;
  slack: SlackClient;
  clock: TestClock;
  baseUrl: string;
  databaseUrl: string;
  logs: string[];
  tick: (at: string) => Promise<PassReport>;
  stop: () => Promise<void>;
}

/** The real bot (Bolt over HTTP, real signatures, a real SQLite file) against a local Slack double. */
export async function startTestBot(options: { now?: string; env?: Record<string, string> } = {}): Promise<TestBot> {
  const dir = mkdtempSync(join(tmpdir(), 'renewal-desk-test-'));
  const databaseUrl = `file:${join(dir, 'test.db')}`;
  const slackApi = await new SlackDouble().start();
  const clock = new TestClock(new Date(options.now ?? '2026-11-23T10:00:00Z'));
  const logs: string[] = [];
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApi.apiUrl,
    DEFAULT_TIMEZONE: 'UTC',
    ...options.env,
  });
  const bot = await startBot({ config, clock: clock.now, log: (line) => logs.push(line), scheduler: false });
  const baseUrl = `http://127.0.0.1:${bot.port}`;
  const slack = new SlackClient({ baseUrl, secret: SIGNING_SECRET, responseUrl: (id) => slackApi.responseUrl(id) });
  return {
    bot, slackApi, slack, clock, baseUrl, databaseUrl, logs,
    tick: (at: string) => runPass({ db: bot.db, delivery: bot.delivery, clock: () => new Date() }, new Date(at)),
    stop: async () => {
      await bot.stop();
      await slackApi.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The text of every Block Kit block and the fallback, for assertions a reader can follow. */
export function textOf(body: Record<string, unknown>): string {
  return JSON.stringify([body['text'], body['blocks']]);
}
