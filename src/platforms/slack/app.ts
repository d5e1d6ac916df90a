import { App, ExpressReceiver, LogLevel, type Logger } from '@slack/bolt';
import type { Application } from 'express';
import { registerActions } from './actions.js';
import { registerCommands } from './commands.js';
import { registerContractForm } from './modal.js';
import { registerSuccessorForm } from './successor-modal.js';
import type { SlackDeps } from './context.js';

export interface SlackOptions {
  token: string;
  signingSecret?: string;
  appToken?: string;
  slackApiUrl?: string;
  /** Tests only: answer the HTTP request after the handler has finished. */
  processBeforeResponse?: boolean;
}

function quietLogger(log: (line: string) => void): Logger {
  let level = LogLevel.WARN;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...msg: unknown[]) => log(`slack: ${msg.join(' ')}`),
    error: (...msg: unknown[]) => log(`slack error: ${msg.join(' ')}`),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * The Bolt app. Over HTTP it mounts `POST /slack/events` on the shared express server (signature
 * checks by Bolt: forged or stale requests get 401); with an app token it uses Socket Mode instead.
 */
export async function createSlackApp(options: SlackOptions, deps: SlackDeps, server: Application): Promise<App> {
  const clientOptions = options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {};
  const logger = quietLogger(deps.log);
  const app = options.appToken
    ? new App({ token: options.token, appToken: options.appToken, socketMode: true, clientOptions, logger, deferInitialization: true })
    : new App({
        token: options.token,
        clientOptions,
        logger,
        deferInitialization: true,
        receiver: new ExpressReceiver({
          signingSecret: options.signingSecret ?? '',
          endpoints: '/slack/events',
          app: server,
          logger,
          processBeforeResponse: options.processBeforeResponse ?? false,
        }),
      });
  registerCommands(app, deps);
  registerActions(app, deps);
  registerContractForm(app, deps);
  registerSuccessorForm(app, deps);
  app.error(async (error) => deps.log(`slack handler error: ${error.message}`));
  await app.init();
  if (options.appToken) await app.start();
  return app;
}
