import { TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Delivery } from '../../messages/delivery.js';
import type { Db } from '../../store/client.js';
import { TeamsDelivery } from './delivery.js';
import type { Log } from '../../log.js';

export type TeamsMode = 'authenticated' | 'unauthenticated' | 'off';

export interface TeamsOptions {
  mode: TeamsMode;
  appId?: string;
  appPassword?: string;
  appTenantId?: string;
  appType?: string;
}

/**
 * What talks to the Bot Framework connector: the adapter (with its credentials) and the proactive
 * delivery on it. The bot process builds its `Application` on the same adapter; `renewal-desk tick`
 * uses only the delivery. Opaque outside this folder.
 */
export interface TeamsConnection {
  readonly mode: Exclude<TeamsMode, 'off'>;
  /** The bot's Microsoft app id ('' when unauthenticated). */
  readonly appId: string;
  readonly adapter: TeamsAdapter;
  readonly delivery: Delivery;
}

function authConfig(options: TeamsOptions): ConfigurationBotFrameworkAuthenticationOptions {
  if (options.mode !== 'authenticated') return {} as ConfigurationBotFrameworkAuthenticationOptions;
  return {
    MicrosoftAppId: options.appId,
    MicrosoftAppPassword: options.appPassword,
    MicrosoftAppTenantId: options.appTenantId,
    MicrosoftAppType: options.appType ?? (options.appTenantId ? 'SingleTenant' : 'MultiTenant'),
  } as ConfigurationBotFrameworkAuthenticationOptions;
}

/**
 * The adapter for these options (authenticated with the app's credentials, or not at all). Answers
 * within a turn go through its connector client, which retries 429s and 5xx on its own; proactive
 * posts do not (see connector-call.ts).
 */
export function createTeamsAdapter(options: TeamsOptions, log: Log): TeamsAdapter {
  const adapter = new TeamsAdapter(authConfig(options));
  adapter.onTurnError = async (context, error) => {
    log(`teams turn failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 'error');
    if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity('Something went wrong on our side; nothing was changed. Please try again in a minute.').catch(() => undefined);
    }
  };
  return adapter;
}

/** Connects to Teams when the options say so (an app id, or explicitly unauthenticated); null when Teams is off. */
export function connectTeams(options: TeamsOptions, db: Db, log: Log): TeamsConnection | null {
  if (options.mode === 'off') return null;
  const appId = options.mode === 'authenticated' ? (options.appId ?? '') : '';
  const adapter = createTeamsAdapter(options, log);
  return { mode: options.mode, appId, adapter, delivery: new TeamsDelivery(adapter, appId, db) };
}
