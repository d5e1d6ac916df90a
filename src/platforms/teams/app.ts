import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes } from 'botbuilder';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { rememberNames } from '../../store/display-names.js';
import { workspaceId } from '../../store/workspaces.js';
import { peopleOf, tenantOf } from './activity.js';
import { handleExecute } from './actions.js';
import { handleMessage } from './commands.js';
import type { TeamsDeps } from './context.js';
import type { TeamsConnection, TeamsMode } from './connection.js';
import { adoptPickedIdentity } from './people.js';
import { rememberConversation } from './references.js';
import { rememberTeamChannels, welcome } from './welcome.js';
import type { Log } from '../../log.js';
import { teamsNotConfigured } from './not-configured.js';

export type { TeamsMode, TeamsOptions } from './connection.js';

export interface TeamsBot {
  /** Handlers for `POST /api/messages`, in order. */
  routes: (RequestHandler | ErrorRequestHandler)[];
}

/**
 * Microsoft Teams through teams-ai (`Application` on botbuilder's `TeamsAdapter`), on the adapter of
 * `connectTeams` (whose delivery the scheduler posts with); without a connection, `/api/messages`
 * refuses every request. Every teams-ai and botbuilder type stays in this folder; the rest of Renewal
 * Desk sees a Delivery and HTTP routes.
 */
export function createTeamsBot(connection: TeamsConnection | null, deps: Omit<TeamsDeps, 'appId'>): TeamsBot {
  if (!connection) return { routes: [teamsNotConfigured] };
  const { adapter, appId } = connection;
  const full: TeamsDeps = { ...deps, appId };

  const app = new Application({ adapter, botAppId: appId, startTypingTimer: false, removeRecipientMention: false, longRunningMessages: false });
  // teams-ai 1.7.4 starts its typing timer on every message turn whatever `startTypingTimer` says, and
  // keeps one timer for all concurrent turns. Our answers mostly go to the personal chat, where a
  // "typing…" in the channel thread would only mislead: no typing indicator.
  app.startTypingTimer = () => undefined;
  app.turn('beforeTurn', async (context) => {
    await rememberConversation(deps.db, context.activity, deps.log);
    const workspace = workspaceId('teams', tenantOf(context.activity));
    await rememberNames(deps.db, workspace, peopleOf(context.activity), deps.clock());
    await adoptPickedIdentity(deps.db, workspace, context.activity);
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

  return { routes: messageRoutes(connection.mode, { adapter, app }, deps.log) };
}

function messageRoutes(mode: TeamsMode, bot: { adapter: TeamsAdapter; app: Application } | null, log: Log): (RequestHandler | ErrorRequestHandler)[] {
  if (mode === 'off' || !bot) return [teamsNotConfigured];
  const { adapter, app } = bot;
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
        if (refused) log(`a Teams request could not be authenticated (HTTP ${code} from botbuilder); answered 401`, 'warn');
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
      log(`teams request refused: ${(error as Error).message}`, 'warn');
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
