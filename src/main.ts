import { ConfigError, loadConfig, slackMode, teamsMode } from './config.js';
import { startBot } from './server/bot.js';
import { DatabaseUrlError, maskPassword } from './store/database-url.js';

/** `npm start`: apply pending migrations, then run the bot until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const bot = await startBot({ config });
  const say = (line: string) => console.log(`[renewal-desk] ${line}`);
  const sandbox = bot.console.mode === 'sandbox';
  say(`listening on http://${sandbox ? '127.0.0.1' : 'localhost'}:${bot.port}${sandbox ? ' (this machine only)' : ''} (GET / console, POST /slack/events, POST /api/messages, GET /healthz); database ${maskPassword(config.DATABASE_URL)}; reminders checked on "${config.REMINDER_CRON}"`);
  const mode = slackMode(config);
  if (sandbox) {
    say('No Slack or Teams credentials are set: running as a local sandbox with a demo workspace (README: Console). To connect a chat platform, see README: Connecting Slack, Microsoft Teams.');
  } else if (mode === 'off') {
    say(
      'Slack is not connected. To connect it, create the app from manifests/slack/manifest.yaml and set\n' +
        '  SLACK_BOT_TOKEN=xoxb-…        (OAuth & Permissions → Bot User OAuth Token)\n' +
        '  SLACK_SIGNING_SECRET=…        (Basic Information → Signing Secret)\n' +
        '  or SLACK_APP_TOKEN=xapp-…     (for Socket Mode instead of a public URL)\n' +
        'then restart. Reminders are kept and go out once Slack is connected.',
    );
  } else {
    say(`Slack configured (${mode === 'socket' ? 'Socket Mode' : 'HTTP, POST /slack/events'}).`);
  }
  const teams = teamsMode(config);
  if (sandbox) {
    // Nothing else to say about Teams: the sandbox line above says how to connect a platform.
  } else if (teams === 'authenticated') say(`Teams configured (POST /api/messages, app id ${config.MICROSOFT_APP_ID}, requests authenticated).`);
  else if (teams === 'unauthenticated') say('Teams: UNAUTHENTICATED (TEAMS_UNAUTHENTICATED=1), for local testing only — see the warning above.');
  else {
    say(
      'Teams is not connected (POST /api/messages answers 401). To connect it, register an Azure Bot and set\n' +
        '  MICROSOFT_APP_ID=…            (the bot\'s Microsoft App ID)\n' +
        '  MICROSOFT_APP_PASSWORD=…      (a client secret of that app)\n' +
        '  MICROSOFT_APP_TENANT_ID=…     (single-tenant bots only)\n' +
        'then build the app package with `npm run teams:package` and upload it to Teams (README: Microsoft Teams).',
    );
  }
  if (sandbox) say(`\n\n    Open the console in your browser:  ${bot.console.url}\n`);
  else if (bot.console.mode === 'token') say(`console: ${bot.console.url} (sign in with CONSOLE_TOKEN)`);
  else say('console: off (set CONSOLE_TOKEN to open it beside Slack or Teams; README: Console)');
  const shutdown = async (signal: string) => {
    say(`${signal}: stopping`);
    await bot.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseUrlError) console.error(error.message);
  else {
    // A library's message is not ours to show: it stays behind LOG_LEVEL=debug.
    console.error('Renewal Desk could not start: something went wrong on our side. Run again with LOG_LEVEL=debug for the details.');
    if (process.env['LOG_LEVEL'] === 'debug') console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
});
