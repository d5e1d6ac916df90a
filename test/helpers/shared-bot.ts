import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startTestBot, type TestBot, type TestBotOptions } from './bot-harness.js';
import type { Driver, Platform } from './driver.js';
import { emptyTables } from './reset-tables.js';
import { SlackDriver } from './slack-driver.js';
import { TeamsDriver } from './teams-driver.js';

export interface SharedBot {
  /** The running bot (available once the file's tests run). */
  readonly t: TestBot;
  readonly slack: SlackDriver;
  readonly teams: TeamsDriver;
  /** The driver of a platform, for scenarios written once for both (`describe.each(PLATFORMS)`). */
  driver(platform: Platform): Driver;
  /** An empty database, doubles as new, the clock back at `now`, no logs. */
  reset(): Promise<void>;
}

export interface SharedBotOptions extends Omit<TestBotOptions, 'teams'> {
  now: string;
  /** `each` (default): reset before every test; `manual`: the file calls `reset()` where its tests start afresh. */
  reset?: 'each' | 'manual';
}

/**
 * One bot for a whole test file (Slack, and Teams unauthenticated), started in `beforeAll` and
 * stopped in `afterAll`, instead of a bot per test; between tests the database is emptied (every
 * table, SQLite or PostgreSQL) and the doubles forget everything, which is what a fresh bot gave.
 * Call at the top level of a file.
 */
export function sharedBot(options: SharedBotOptions): SharedBot {
  let bot: TestBot | null = null;
  const get = (): TestBot => {
    if (!bot) throw new Error('the shared bot runs only inside tests and hooks (it starts in beforeAll)');
    return bot;
  };
  const { reset = 'each', ...botOptions } = options;
  const slack = new SlackDriver(get);
  const teams = new TeamsDriver(get);
  const shared: SharedBot = {
    get t() {
      return get();
    },
    slack,
    teams,
    driver: (platform) => (platform === 'slack' ? slack : teams),
    reset: async () => {
      const t = get();
      await emptyTables(t.bot.db, t.databaseUrl);
      t.slackApi.resetAll();
      t.teamsApi.resetAll();
      t.clock.set(options.now);
      t.logs.length = 0;
    },
  };
  beforeAll(async () => {
    bot = await startTestBot({ ...botOptions, teams: 'unauthenticated' });
  });
  afterAll(async () => {
    await bot?.stop();
    bot = null;
  });
  if (reset === 'each') beforeEach(() => shared.reset());
  return shared;
}
