import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';
import { isValidTimeZone } from './domain/zoned-time.js';
import { clockFromSetting, systemClock, TEST_CLOCK_EXAMPLE, type Clock } from './clock.js';
import { databaseUrlProblem, DEFAULT_DATABASE_URL, describeProblem } from './store/database-url.js';

const optional = z.string().trim().optional().transform((s) => (s ? s : undefined));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Empty counts as unset, as for the other variables; the form is checked here, the database itself before migrations. */
  DATABASE_URL: optional.transform((url) => url ?? DEFAULT_DATABASE_URL).superRefine((url, ctx) => {
    const problem = databaseUrlProblem(url);
    if (problem) ctx.addIssue({ code: 'custom', message: describeProblem(url, problem) });
  }),
  DEFAULT_TIMEZONE: z.string().trim().default('UTC').refine(isValidTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin' }),
  /** node-cron expression for scheduler passes (every minute by default). */
  REMINDER_CRON: z.string().trim().default('* * * * *').refine((e) => isValidCron(e), { error: 'must be a cron expression such as */5 * * * *' }),
  /** A reminder claimed by a process that then died is taken over after this many seconds. */
  REMINDER_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Reminders prepared at once in a pass (database work), across channels. */
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Posts in flight at once per process; also the most reminders a crash can duplicate. */
  DELIVERY_POSTS_IN_FLIGHT: z.coerce.number().int().min(1).max(64).default(1),
  /** Least time between two posts to one channel (Slack: about one message per second per channel). */
  CHANNEL_POST_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: optional.pipe(z.url({ error: 'must be a URL such as https://slack.com/api/' }).optional()),
  MICROSOFT_APP_ID: optional,
  MICROSOFT_APP_PASSWORD: optional,
  MICROSOFT_APP_TENANT_ID: optional,
  MICROSOFT_APP_TYPE: optional,
  TEAMS_UNAUTHENTICATED: optional,
  /** Which log lines are written: debug, info (the default), warn or error (src/log.ts). */
  /** Where people reach this server (calendar feed links); default http://localhost:<PORT>. */
  PUBLIC_URL: optional.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://renewals.example.com' }).optional()).transform((url) => url?.replace(/\/+$/, '')),
  /** Opens the console (GET /) when a chat platform is configured; every console request then needs it. */
  CONSOLE_TOKEN: optional.pipe(z.string().min(16, { error: 'must be at least 16 characters, such as the output of `openssl rand -base64 24`' }).optional()),
  /** The workspace the console shows ("slack:T0123ABC", "teams:<tenant id>"); default: the only one. */
  CONSOLE_WORKSPACE: optional,
  /** Who the console acts as in that workspace (a chat user id such as U0123ABC); without it the console is read-only. */
  CONSOLE_USER: optional,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  NODE_ENV: optional,
  /** Tests and demos only: the process's clock starts at this instant and runs on. Refused in production. */
  RENEWAL_DESK_NOW: optional,
});

export type Config = z.infer<typeof schema>;

/** Reads the environment; a bad value stops the start with a message that says which and why. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    // A message that starts with `NAME=` names its variable already.
    const problems = parsed.error.issues.map((i) => (i.message.startsWith(`${i.path.join('.')}=`) ? i.message : `${i.path.join('.')}: ${i.message}`));
    if (problems.length === 1) throw new ConfigError(`Renewal Desk cannot start: ${problems[0]}`);
    throw new ConfigError(`Renewal Desk cannot start: fix these environment variables (see .env.example):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  const config = parsed.data;
  if (config.RENEWAL_DESK_NOW !== undefined) {
    if (config.NODE_ENV === 'production') {
      throw new ConfigError('Renewal Desk cannot start: RENEWAL_DESK_NOW moves the clock and is for tests only; unset it when NODE_ENV=production.');
    }
    if (!clockFromSetting(config.RENEWAL_DESK_NOW, config.DEFAULT_TIMEZONE)) {
      throw new ConfigError(`Renewal Desk cannot start: RENEWAL_DESK_NOW=${config.RENEWAL_DESK_NOW.slice(0, 40)} is not an instant; use ISO 8601 such as ${TEST_CLOCK_EXAMPLE}.`);
    }
  }
  // The web-api client needs a trailing slash on its base URL.
  if (config.SLACK_API_URL && !config.SLACK_API_URL.endsWith('/')) config.SLACK_API_URL += '/';
  return config;
}

export class ConfigError extends Error {}

export function slackMode(config: Config): 'http' | 'socket' | 'off' {
  if (!config.SLACK_BOT_TOKEN) return 'off';
  if (config.SLACK_APP_TOKEN) return 'socket';
  return config.SLACK_SIGNING_SECRET ? 'http' : 'off';
}

/** A chat platform is configured: any Slack or Teams credential, or TEAMS_UNAUTHENTICATED. */
export function chatConfigured(config: Config): boolean {
  return Boolean(config.SLACK_BOT_TOKEN || config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN || config.MICROSOFT_APP_ID || config.MICROSOFT_APP_PASSWORD) || teamsMode(config) !== 'off';
}

/**
 * The console (README: Console): `sandbox` with no chat platform configured (loopback only, a demo
 * workspace, no token unless CONSOLE_TOKEN is set); `token` beside a chat platform when CONSOLE_TOKEN
 * is set; otherwise `off` (404).
 */
export function consoleMode(config: Config): 'sandbox' | 'token' | 'off' {
  if (!chatConfigured(config)) return 'sandbox';
  return config.CONSOLE_TOKEN ? 'token' : 'off';
}

/** The address people reach the server at: PUBLIC_URL, else http://localhost:<the port listened on>. */
export function publicUrlOf(config: Config, port: number): string {
  return config.PUBLIC_URL ?? `http://localhost:${port}`;
}

/**
 * Teams: authenticated as the Bot Framework requires with an app id; unauthenticated only when
 * explicitly asked for (local tools) and no app id is set; otherwise `/api/messages` refuses traffic.
 */
export function teamsMode(config: Config): 'authenticated' | 'unauthenticated' | 'off' {
  if (config.MICROSOFT_APP_ID) return 'authenticated';
  return isTrue(config.TEAMS_UNAUTHENTICATED) ? 'unauthenticated' : 'off';
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

/** The process's clock: the system clock, or (outside production) one that starts at RENEWAL_DESK_NOW. */
export function clockOf(config: Config): Clock {
  return (config.RENEWAL_DESK_NOW && clockFromSetting(config.RENEWAL_DESK_NOW, config.DEFAULT_TIMEZONE)) || systemClock;
}

/** The lines `npm start` prints when Teams takes unauthenticated traffic. */
export const TEAMS_UNAUTHENTICATED_WARNING = [
  '!!! TEAMS_UNAUTHENTICATED=1: POST /api/messages accepts Bot Framework requests WITHOUT authentication.',
  '!!! Anyone who can reach this port can act as any Teams user of any tenant. Use it only for local',
  '!!! testing (Microsoft 365 Agents Playground, Bot Framework Emulator); set MICROSOFT_APP_ID for real use.',
];
