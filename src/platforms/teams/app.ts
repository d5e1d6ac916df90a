import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, type ConfigurationBotFrameworkAuthenticationOptions, type TurnContext } from 'botbuilder';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { rememberNames } from '../../store/display-names.js';
import { workspaceId } from '../../store/workspaces.js';
import { peopleOf, tenantOf } from './activity.js';
import { handleExecute } from './actions.js';
import { handleMessage } from './commands.js';
import type { TeamsDeps } from './context.js';
import { TeamsDelivery } from './delivery.js';
import { rememberConversation } from './references.js';
import { rememberTeamChannels, welcome } from './welcome.js';

export type TeamsMode = 'authenticated' | 'unauthenticated' | 'off';

export interface TeamsOptions {
  mode: TeamsMode;
  appId?: string;
  appPassword?: string;
  appTenantId?: string;
  appType?: string;
}

export interface TeamsBot {
  /** Handlers for `POST /api/messages`, in order. */
  routes: (RequestHandler | ErrorRequestHandler)[];
  delivery: TeamsDelivery;
}

/** Our own backoff decides about retries: strip the connector client's retry policy (it would sleep on 429s inside the call). */
async function noClientRetries(context: TurnContext, next: () => Promise<void>): Promise<void> {
  const connector = context.turnState.get(context.adapter.ConnectorClientKey) as { client?: { pipeline?: { removePolicy: (p: { phase: string }) => unknown } } } | undefined;
  connector?.client?.pipeline?.removePolicy({ phase: 'Retry' });
  await next();
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
 * Microsoft Teams through teams-ai (`Application` on botbuilder's `TeamsAdapter`). Every teams-ai
 * and botbuilder type stays in this folder; the rest of Renewal Desk sees a Delivery and HTTP routes.
 */
export function createTeamsBot(options: TeamsOptions, deps: Omit<TeamsDeps, 'appId'>): TeamsBot {
  const appId = options.mode === 'authenticated' ? (options.appId ?? '') : '';
  const full: TeamsDeps = { ...deps, appId };
  const adapter = new TeamsAdapter(authConfig(options));
  adapter.use(noClientRetries);
  adapter.onTurnError = async (context, error) => {
    deps.log(`teams turn failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity('Something went wrong on our side; nothing was changed. Please try again in a minute.').catch(() => undefined);
    }
  };

  const app = new Application({ adapter, botAppId: appId, startTypingTimer: false, removeRecipientMention: false, longRunningMessages: false });
  // teams-ai 1.7.4 starts its typing timer on every message turn whatever `startTypingTimer` says, and
  // keeps one timer for all concurrent turns. Our answers mostly go to the personal chat, where a
  // "typing…" in the channel thread would only mislead: no typing indicator.
  app.startTypingTimer = () => undefined;
  app.turn('beforeTurn', async (context) => {
    await rememberConversation(deps.db, context.activity, deps.log);
    await rememberNames(deps.db, workspaceId('teams', tenantOf(context.activity)), peopleOf(context.activity), deps.clock());
    return true;
  });
  app.conversationUpdate('membersAdded', async (context) => {
    if (!context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id)) return;
    await rememberTeamChannels(context, deps.db, deps.log);
    await welcome(context);
  });
  app.activity(ActivityTypes.Message, (context) => handleMessage(context, full));
  app.adaptiveCards.actionExecute(/.*/, (context) => handleExecute(context, full));
  // Any other invoke (another card action type, an unknown extension): answered, never left as a 501.
  app.activity(ActivityTypes.Invoke, async (context) => {
    const card = context.activity.name === 'adaptiveCard/action';
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: { status: 200, body: card ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'This button is not supported. Update the card with "contract show <name>".' } : {} },
    });
  });

  return { routes: messageRoutes(options.mode, adapter, app, deps.log), delivery: new TeamsDelivery(adapter, appId, deps.db) };
}

function messageRoutes(mode: TeamsMode, adapter: TeamsAdapter, app: Application, log: (line: string) => void): (RequestHandler | ErrorRequestHandler)[] {
  const refuse: RequestHandler = (_req, res) => {
    res.status(401).json({ error: 'Teams is not configured on this Renewal Desk: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (or TEAMS_UNAUTHENTICATED=1 for local testing only).' });
  };
  if (mode === 'off') return [refuse];
  const badJson: ErrorRequestHandler = (_error, _req, res, _next) => void res.status(400).json({ error: 'The body must be a Bot Framework activity (JSON).' });
  const process: RequestHandler = async (req, res) => {
    if (!isActivity(req.body)) {
      res.status(400).json({ error: 'The body must be a Bot Framework activity (type, channelId, serviceUrl, from, recipient and conversation).' });
      return;
    }
    let turnStarted = false;
    // botbuilder answers 500 when it cannot check a token (e.g. Microsoft's signing keys are out of
    // reach): the request was not authenticated, so it gets 401 like any other unverifiable one.
    const answer = {
      status: (code: number) => {
        const refused = mode === 'authenticated' && !turnStarted && code >= 500;
        if (refused) log(`a Teams request could not be authenticated (HTTP ${code} from botbuilder); answered 401`);
        res.status(refused ? 401 : code);
        return answer;
      },
      header: (name: string, value: string) => (res.header(name, value), answer),
      send: (body: unknown) => (res.send(body), answer),
      end: () => (res.end(), answer),
    };
    try {
      await adapter.process(req, answer as unknown as typeof res, async (context) => {
        turnStarted = true;
        await app.run(context);
      });
    } catch (error) {
      log(`teams request refused: ${(error as Error).message}`);
      if (!res.headersSent) res.status(400).json({ error: 'The body must be a Bot Framework activity.' });
    }
  };
  return [express.json({ limit: '1mb' }), badJson, process];
}

/** What every activity from a Bot Framework channel carries; anything less is not from Teams. */
function isActivity(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const a = body as Record<string, unknown>;
  const account = (v: unknown) => !!v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string';
  return typeof a['type'] === 'string' && typeof a['channelId'] === 'string' && typeof a['serviceUrl'] === 'string' && account(a['from']) && account(a['recipient']) && account(a['conversation']);
}
