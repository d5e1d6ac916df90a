import { App, LogLevel, webApi, type Logger } from '@slack/bolt';
import { keepAliveFetch } from './http-fetch.js';
import type { Application, NextFunction, Request, Response } from 'express';
import { registerActions } from './actions.js';
import { registerCommands } from './commands.js';
import { registerContractForm } from './modal.js';
import { registerSuccessorForm } from './successor-modal.js';
import { registerSmallForms } from './small-form.js';
import { CheckedExpressReceiver, keepRawBody } from './receiver.js';
import type { SlackDeps } from './context.js';
import type { Log } from '../../log.js';

/** The Bolt app, as the server holds it (Bolt's types stay in this folder). */
export type SlackApp = App;

export interface SlackOptions {
  token: string;
  signingSecret?: string;
  appToken?: string;
  slackApiUrl?: string;
  /** Tests only: answer the HTTP request after the handler has finished. */
  processBeforeResponse?: boolean;
}

async function verifyToken(options: SlackOptions, log: Log): Promise<{ botId?: string; botUserId?: string }> {
  const client = new webApi.WebClient(options.token, { ...(options.slackApiUrl && { slackApiUrl: options.slackApiUrl }), retryConfig: { retries: 1, maxTimeout: 1_000 }, timeout: 5_000, logLevel: webApi.LogLevel.ERROR });
  try {
    const result = await client.auth.test();
    if (result.user_id && result.bot_id) return { botUserId: result.user_id, botId: result.bot_id };
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    log(code === 'invalid_auth' || code === 'not_authed'
      ? 'SLACK_BOT_TOKEN was refused by Slack (invalid_auth): copy the Bot User OAuth Token again and restart.'
      : `could not reach Slack to check the token (${(error as Error).message}); carrying on, it is checked again on the first request.`, code === 'invalid_auth' || code === 'not_authed' ? 'error' : 'warn');
  }
  return {};
}

function quietLogger(log: Log): Logger {
  let level = LogLevel.WARN;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...msg: unknown[]) => log(`slack: ${msg.join(' ')}`, 'warn'),
    error: (...msg: unknown[]) => log(`slack error: ${msg.join(' ')}`, 'error'),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}

const MAX_SKEW_SECONDS = 5 * 60;

/**
 * Bolt refuses requests signed more than 5 minutes ago; one "signed" more than 5 minutes in the
 * future is as much a replay risk (Slack's guidance is the absolute difference), so it gets 401 too.
 */
function refuseFutureTimestamps(req: Request, res: Response, next: NextFunction): void {
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  if (Number.isFinite(timestamp) && timestamp - Date.now() / 1000 > MAX_SKEW_SECONDS) {
    res.status(401).send();
    return;
  }
  next();
}

/**
 * The Bolt app. Over HTTP it mounts `POST /slack/events` on the shared express server (signature
 * checks by Bolt: forged or stale requests get 401; then each request is checked against what Slack
 * sends, see receiver.ts); with an app token it uses Socket Mode instead.
 */
export async function createSlackApp(options: SlackOptions, deps: SlackDeps, server: Application): Promise<App> {
  // keepAliveFetch: also what Bolt answers a command's response_url with.
  const clientOptions = { ...(options.slackApiUrl && { slackApiUrl: options.slackApiUrl }), retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 }, fetch: keepAliveFetch };
  const logger = quietLogger(deps.log);
  // Bolt would block start-up on auth.test (retrying for up to half an hour when Slack is unreachable):
  // check the token ourselves, briefly, and hand Bolt the answer.
  const identity = await verifyToken(options, deps.log);
  const common = { token: options.token, clientOptions, logger, deferInitialization: true, tokenVerificationEnabled: false, ...identity };
  if (!options.appToken) server.use('/slack/events', refuseFutureTimestamps, keepRawBody);
  const app = options.appToken
    ? new App({ ...common, appToken: options.appToken, socketMode: true })
    : new App({
        ...common,
        receiver: new CheckedExpressReceiver({
          signingSecret: options.signingSecret ?? '',
          endpoints: '/slack/events',
          app: server,
          logger,
          processBeforeResponse: options.processBeforeResponse ?? false,
        }, deps.log),
      });
  registerCommands(app, deps);
  registerActions(app, deps);
  registerContractForm(app, deps);
  registerSuccessorForm(app, deps);
  registerSmallForms(app, deps);
  app.error(async (error) => deps.log(`slack handler error: ${error.message}`, 'error'));
  await app.init();
  if (options.appToken) await app.start();
  return app;
}
