import { teamsMode, type Config } from '../config.js';
import { DeliveryRouter } from '../messages/delivery.js';
import type { TeamsConnection, TeamsOptions } from '../platforms/teams/connection.js';
import type { Db } from '../store/client.js';
import type { Log } from '../log.js';
import { CONSOLE_PLATFORM, ConsoleDelivery } from '../platforms/console/delivery.js';

export interface PlatformDeliveries {
  /** Posts to every platform configured; a workspace of any other platform gets a `notConnected` result. */
  delivery: DeliveryRouter;
  /** The Teams connection behind the router's Teams delivery (the bot mounts its app on it); null when Teams is off. */
  teams: TeamsConnection | null;
}

/** How Teams is configured: authenticated with an app id, unauthenticated when asked for (and no app id), or off. */
export function teamsOptions(config: Config): TeamsOptions {
  return {
    mode: teamsMode(config),
    appId: config.MICROSOFT_APP_ID,
    appPassword: config.MICROSOFT_APP_PASSWORD,
    appTenantId: config.MICROSOFT_APP_TENANT_ID,
    appType: config.MICROSOFT_APP_TYPE,
  };
}

/**
 * The deliveries of every platform the configuration connects: Slack with a bot token (posting needs
 * nothing else; receiving commands also needs a signing secret or an app token), Teams with an app id
 * or TEAMS_UNAUTHENTICATED. The bot process and `renewal-desk tick` both post through this, with the
 * same variables.
 */
export async function platformDeliveries(config: Config, db: Db, log: Log, clock: () => Date = () => new Date()): Promise<PlatformDeliveries> {
  const delivery = new DeliveryRouter();
  // The console's own workspaces (the sandbox's demo): their posts are stored for the console to show.
  delivery.register(CONSOLE_PLATFORM, new ConsoleDelivery(db, clock));
  // Each platform's libraries are loaded only when it is configured (botbuilder and teams-ai take a
  // second): a `tick` pays only for what it posts to.
  if (config.SLACK_BOT_TOKEN) {
    const { SlackDelivery } = await import('../platforms/slack/delivery.js');
    delivery.register('slack', new SlackDelivery(config.SLACK_BOT_TOKEN, config.SLACK_API_URL, config.CHANNEL_POST_INTERVAL_MS));
  }
  const options = teamsOptions(config);
  const teams = options.mode === 'off' ? null : (await import('../platforms/teams/connection.js')).connectTeams(options, db, log);
  if (teams) delivery.register('teams', teams.delivery);
  return { delivery, teams };
}
