import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/server/bot.js';
import { runPass, type PassReport } from '../../src/scheduler/pass.js';
import { passTuning } from '../../src/scheduler/tuning.js';
import { createTestDatabase } from './postgres.js';
import { SlackDouble } from './slack-double.js';
import { SlackClient } from './slack-signer.js';
import { BotConnectorDouble } from './teams-double.js';
import { TeamsClient, type TeamsUser } from './teams-client.js';
import { TestClock } from './test-clock.js';

export const SIGNING_SECRET = 'test-signing-secret';

export { TestClock };

export interface TestBot {
  bot: RunningBot;
  slackApi: SlackDouble;
  slack: SlackClient;
  /** The Bot Framework connector double (every activity's serviceUrl) and a client that posts to /api/messages. */
  teamsApi: BotConnectorDouble;
  teams: TeamsClient;
  clock: TestClock;
  baseUrl: string;
  databaseUrl: string;
  logs: string[];
  tick: (at: string) => Promise<PassReport>;
  stop: () => Promise<void>;
}

/** A Teams user for a test's key: `29:alice`, "Alice", and a stable Entra object id. */
export function teamsUser(key: string): TeamsUser {
  const hex = Buffer.from(key.padEnd(16, '0').slice(0, 16)).toString('hex').slice(0, 32).padEnd(32, '0');
  return { id: `29:${key}`, name: key.charAt(0).toUpperCase() + key.slice(1), aadObjectId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}` };
}

/** A Teams channel of the test team for a key: `19:net@thread.tacv2`. */
export function teamsChannel(key: string): string {
  return `19:${key}@thread.tacv2`;
}

export interface TestBotOptions {
  now?: string;
  env?: Record<string, string>;
  /** Teams: accept unauthenticated activities (TEAMS_UNAUTHENTICATED=1, as for the Agents Playground); default off. */
  teams?: 'unauthenticated' | 'off';
}

/**
 * The real bot (Bolt over HTTP, real signatures; teams-ai on botbuilder; a real SQLite file) against
 * local doubles of the Slack Web API and of the Bot Framework connector (`teamsApi`).
 * With TEST_DATABASE=postgresql (and TEST_POSTGRES_URL) it runs on a fresh PostgreSQL database
 * instead, dropped again by `stop`.
 */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const dir = mkdtempSync(join(tmpdir(), 'renewal-desk-test-'));
  const database = await createTestDatabase(dir);
  const databaseUrl = database.url;
  const slackApi = await new SlackDouble().start();
  const teamsApi = await new BotConnectorDouble().start();
  const clock = new TestClock(new Date(options.now ?? '2026-11-23T10:00:00Z'));
  const logs: string[] = [];
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApi.apiUrl,
    DEFAULT_TIMEZONE: 'UTC',
    ...(options.teams === 'unauthenticated' && { TEAMS_UNAUTHENTICATED: '1' }),
    // Paced like production, but quicker, so that a test posting several reminders to one channel stays fast.
    CHANNEL_POST_INTERVAL_MS: '20',
    ...options.env,
  });
  const bot = await startBot({ config, clock: clock.now, log: (line) => logs.push(line), scheduler: false });
  const tuning = passTuning(config);
  const baseUrl = `http://127.0.0.1:${bot.port}`;
  const slack = new SlackClient({ baseUrl, secret: SIGNING_SECRET, responseUrl: (id) => slackApi.responseUrl(id) });
  const teams = new TeamsClient({ baseUrl, serviceUrl: teamsApi.serviceUrl, user: teamsUser, channelName: (id) => /^19:([\w-]+)@/.exec(id)?.[1] ?? 'channel' }, teamsChannel);
  return {
    bot, slackApi, slack, teamsApi, teams, clock, baseUrl, databaseUrl, logs,
    tick: (at: string) => runPass({ db: bot.db, delivery: bot.delivery, clock: () => new Date(), log: (line) => logs.push(line), ...tuning }, new Date(at)),
    stop: async () => {
      await bot.stop();
      await tuning.close();
      await slackApi.stop();
      await teamsApi.stop();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The text of every Block Kit block and the fallback, for assertions a reader can follow. */
export function textOf(body: Record<string, unknown>): string {
  return JSON.stringify([body['text'], body['blocks']]);
}
