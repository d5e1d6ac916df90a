import type { Server } from 'node:http';
import express from 'express';
import { clockOf, ConfigError, consoleMode, publicUrlOf, slackMode, teamsMode, TEAMS_UNAUTHENTICATED_WARNING, type Config } from '../config.js';
import type { DeliveryRouter } from '../messages/delivery.js';
import { startScheduler } from '../scheduler/cron.js';
import { passTuning } from '../scheduler/tuning.js';
import { isPostgresqlUrl, openDatabase, type Db } from '../store/client.js';
import { applyMigrations } from '../store/migrations.js';
import { createSlackApp, type SlackApp } from '../platforms/slack/app.js';
import { teamsNotConfigured } from '../platforms/teams/not-configured.js';
import { platformDeliveries } from './platform-deliveries.js';
import { leveledLog, type Log } from '../log.js';
import { calendarFeedRoute } from './calendar-feed.js';
import { mountConsole } from '../platforms/console/routes.js';
import { seedDemo } from '../platforms/console/seed.js';
import { noWorkspaceYet } from '../store/workspaces.js';

export interface BotOptions {
  config: Config;
  clock?: () => Date;
  log?: Log;
  /** Tests drive passes themselves. */
  scheduler?: boolean;
  /** Tests only: Bolt answers after the handler finished. */
  processBeforeResponse?: boolean;
  /** The sandbox seeds its demo workspace into an empty database (default); tests may start it empty. */
  seedDemo?: boolean;
}

export interface RunningBot {
  db: Db;
  port: number;
  /** The address listened on: 127.0.0.1 for the sandbox, every interface ('::') otherwise. */
  host: string;
  delivery: DeliveryRouter;
  slack: SlackApp | null;
  /** The console: `sandbox` (loopback only, no chat platform), `token` (CONSOLE_TOKEN beside one) or `off`; its URL. */
  console: { mode: 'sandbox' | 'token' | 'off'; url: string };
  stop: () => Promise<void>;
}

/** Migrates, connects, mounts every platform on one HTTP server and starts the scheduler. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config } = options;
  const log = options.log ?? leveledLog(config.LOG_LEVEL, (line) => console.log(`[renewal-desk] ${line}`));
  const clock = options.clock ?? clockOf(config);
  if (!options.clock && config.RENEWAL_DESK_NOW) log(`clock moved: RENEWAL_DESK_NOW=${config.RENEWAL_DESK_NOW}, now ${clock().toISOString()} (tests and demos only)`);
  const migrated = await applyMigrations(config.DATABASE_URL);
  if (migrated.applied.length > 0) log(`database migrated: ${migrated.applied.join(', ')}`);
  const db = openDatabase(config.DATABASE_URL);
  const { delivery, teams: teamsConnection } = await platformDeliveries(config, db, log, clock);
  const consoleAt = consoleMode(config);
  // Known once the server listens (PORT=0 picks a port): links handed out before that are not needed.
  let listening = config.PORT;
  const publicUrl = () => publicUrlOf(config, listening);
  const consoleDeps = { db, delivery, clock, log, publicUrl };
  if (consoleAt === 'sandbox' && options.seedDemo !== false && (await noWorkspaceYet(db))) {
    const seeded = await seedDemo(consoleDeps, config.DEFAULT_TIMEZONE);
    log(`demo workspace seeded (${seeded.steps} commands${seeded.refused ? `, ${seeded.refused} refused: see above` : ''})`);
  }
  const server = express();
  // Behind a proxy, Express would otherwise name it in error pages and headers.
  server.disable('x-powered-by');
  server.get('/healthz', async (_req, res) => {
    try {
      await db.$queryRawUnsafe('SELECT 1');
      res.json({ ok: true, slack: slackMode(config), teams: teamsMode(config), database: isPostgresqlUrl(config.DATABASE_URL) ? 'postgresql' : 'file' });
    } catch {
      res.status(503).json({ ok: false });
    }
  });

  let slack: SlackApp | null = null;
  const mode = slackMode(config);
  if (mode !== 'off') {
    const deps = { db, delivery, clock, defaultTimezone: config.DEFAULT_TIMEZONE, log, publicUrl };
    slack = await createSlackApp(
      { token: config.SLACK_BOT_TOKEN!, signingSecret: config.SLACK_SIGNING_SECRET, appToken: config.SLACK_APP_TOKEN, slackApiUrl: config.SLACK_API_URL, processBeforeResponse: options.processBeforeResponse },
      deps,
      server,
    );
  } else {
    server.post('/slack/events', (_req, res) => void res.status(503).json({ error: 'Slack is not configured on this Renewal Desk' }));
  }

  const teams = teamsMode(config);
  // botbuilder and teams-ai (80 MB of memory) are loaded only when Teams is configured.
  const teamsRoutes = teamsConnection
    ? (await import('../platforms/teams/app.js')).createTeamsBot(teamsConnection, { db, delivery, clock, defaultTimezone: config.DEFAULT_TIMEZONE, log, publicUrl }).routes
    : [teamsNotConfigured];
  server.post('/api/messages', ...teamsRoutes);
  if (teams === 'unauthenticated') TEAMS_UNAUTHENTICATED_WARNING.forEach((line) => log(line, 'warn'));
  if (config.TEAMS_UNAUTHENTICATED && config.MICROSOFT_APP_ID) log('TEAMS_UNAUTHENTICATED is ignored: MICROSOFT_APP_ID is set, so Teams requests are authenticated.', 'warn');

  server.get('/calendar/:file', calendarFeedRoute({ db, clock, log }));
  // Last: the console answers everything no platform route took (a bare 404 when it is off).
  mountConsole(server, consoleDeps, {
    mode: consoleAt, token: config.CONSOLE_TOKEN, publicUrl: config.PUBLIC_URL, workspace: config.CONSOLE_WORKSPACE, user: config.CONSOLE_USER, defaultTimezone: config.DEFAULT_TIMEZONE,
  });

  // The sandbox (no chat platform, a console without a token) is reachable from this machine only.
  const host = consoleAt === 'sandbox' ? LOOPBACK : undefined;
  // Express 5 hands a failed listen (port taken, no permission) to this callback: start-up stops there.
  const http = await new Promise<Server>((resolve, reject) => {
    const done = (error?: Error) => (error ? reject(listenProblem(config.PORT, error)) : resolve(s));
    const s = host ? server.listen(config.PORT, host, done) : server.listen(config.PORT, done);
  }).catch(async (error: unknown) => {
    await db.$disconnect();
    throw error;
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const boundTo = typeof address === 'object' && address ? address.address : '';
  listening = port;
  const tuning = passTuning(config);
  const scheduler = options.scheduler === false ? null : startScheduler({ db, delivery, clock, log, ...tuning }, config.REMINDER_CRON);

  return {
    db,
    port,
    host: boundTo,
    delivery,
    slack,
    console: { mode: consoleAt, url: `${publicUrl()}/` },
    stop: async () => {
      await scheduler?.stop();
      await tuning.close();
      if (slack && config.SLACK_APP_TOKEN) await slack.stop();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections?.();
      await db.$disconnect();
    },
  };
}

/** Where the sandbox listens: IPv4 loopback. */
export const LOOPBACK = '127.0.0.1';

/** Why the port cannot be listened on, in our words, naming PORT and a correct example. */
function listenProblem(port: number, error: Error): ConfigError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'EADDRINUSE' ? `port ${port} is already in use by another process: stop that process or choose another port`
    : code === 'EACCES' ? `port ${port} needs privileges this process does not have: choose a port above 1023`
    : `port ${port} cannot be listened on (${code ?? 'unknown reason'})`;
  return new ConfigError(`PORT: ${why}, such as PORT=3978 (PORT=0 picks a free one).`);
}
