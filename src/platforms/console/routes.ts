import express, { type Application, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { VNode } from 'preact';
import { z } from 'zod';
import { ACTION_IDS } from '../../commands/actions/dispatch.js';
import type { ActionId } from '../../messages/model.js';
import { accessOf, actAs, loopbackHostsOnly, sameSiteOnly, securityHeaders, signIn, signOut, withSession, type AccessOptions } from './access.js';
import type { ConsoleDeps } from './context.js';
import { contractPage } from './contract-page.js';
import { calendarPage, tryItPage } from './pages.js';
import { clickButton, runSchedulerAsOf, submitForm, typeCommand, type ConsoleUser } from './panel.js';
import { isConsoleWorkspace, resolveScope, type ScopeOptions, type ShownScope } from './scope.js';
import { equal, SessionKeys } from './session.js';
import { ICON_SVG, renderPage, type Chrome } from './views/layout.js';
import { ProblemPage, SignInPage } from './views/sign-in.js';
import { CONSOLE_CSS } from './views/styles.js';

export interface ConsoleOptions {
  mode: 'sandbox' | 'token' | 'off';
  /** CONSOLE_TOKEN: required in token mode; in the sandbox, when set, required too. */
  token?: string;
  /** PUBLIC_URL as configured (a proxy's host is accepted as ours). */
  publicUrl?: string;
  workspace?: string;
  user?: string;
  defaultTimezone: string;
}

const NOT_FOUND = 'Not found';

function notFound(res: Response): void {
  res.status(404).type('text/plain').send(NOT_FOUND);
}

function send(res: Response, page: VNode, status = 200): void {
  res.status(status).type('html').send(renderPage(page));
}

// Longer than a command may be, so that the command layer says what the limit is.
const commandForm = z.object({ text: z.string().max(20_000) });
const clickForm = z.object({ entry: z.coerce.number().int().positive(), action: z.enum(ACTION_IDS as [ActionId, ...ActionId[]]), value: z.string().max(2000) });
const entryForm = z.object({ entry: z.coerce.number().int().positive() });
const schedulerForm = z.object({ at: z.string().max(40) });
const actAsForm = z.object({ user: z.string().min(1).max(64) });
const signInForm = z.object({ token: z.string().max(500), next: z.string().max(500).optional() });

/** Where to go after signing in: a path of this site only (never `//elsewhere`). */
function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[^\\\s]*$/.test(next) && !next.startsWith('/console/sign-') ? next : '/';
}

/**
 * The console on the bot's express app: `GET /` (Try it), `GET /renewals` (the calendar),
 * `GET /contracts/:id`, and the forms they post to under `/console/`. Off: a bare 404 for all of it.
 */
export function mountConsole(app: Application, deps: ConsoleDeps, options: ConsoleOptions): void {
  const router = express.Router();
  router.use(securityHeaders);
  if (options.mode === 'off') {
    router.use((_req, res) => notFound(res));
    app.use(router);
    return;
  }
  const access: AccessOptions = { mode: options.mode, token: options.token, publicUrl: options.publicUrl, keys: new SessionKeys(options.token), clock: deps.clock };
  const scopeOptions: ScopeOptions = { mode: options.mode, workspace: options.workspace, user: options.user, defaultTimezone: options.defaultTimezone };
  if (options.mode === 'sandbox') router.use(loopbackHostsOnly(options.publicUrl));
  router.get('/console/assets/console.css', (_req, res) => void res.type('text/css').set('Cache-Control', 'public, max-age=300').send(CONSOLE_CSS));
  router.get('/console/assets/icon.svg', (_req, res) => void res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(ICON_SVG));
  router.use(withSession(access));
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 }));
  const sameSite = sameSiteOnly(access);

  const signInPage = (req: Request, res: Response, status: number, wrong = false) => {
    const session = accessOf(res).session;
    send(res, SignInPage({ csrf: access.keys.csrfToken(session), next: safeNext(typeof req.body?.next === 'string' ? req.body.next : req.originalUrl), wrong }), status);
  };
  router.get('/console/sign-in', (req, res) => (accessOf(res).session.auth ? void res.redirect(303, '/') : signInPage(req, res, 200)));
  router.post('/console/sign-in', sameSite, (req, res) => {
    const form = signInForm.safeParse(req.body);
    if (!options.token || !form.success || !equal(form.data.token, options.token)) return signInPage(req, res, 401, true);
    signIn(res, access, accessOf(res).session);
    res.redirect(303, safeNext(form.data.next));
  });
  // Everything below needs the token (or the sandbox without one).
  router.use((req, res, next) => {
    if (accessOf(res).session.auth) return next();
    if (req.method === 'GET' || req.method === 'HEAD') return signInPage(req, res, 401);
    res.status(401).type('text/plain').send('Unauthorized');
  });

  /** Resolves what the console shows and as whom, then runs `handle`; a problem is said on a page. */
  const withScope = (handle: (req: Request, res: Response, scope: ShownScope, chrome: Chrome) => Promise<void>): RequestHandler => async (req, res) => {
    try {
      const session = accessOf(res).session;
      const scope = await resolveScope(deps, scopeOptions, session);
      if (!scope.ok) return send(res, ProblemPage({ title: 'The console has nothing to show yet', text: scope.problem }), 503);
      const own = isConsoleWorkspace(scope.workspace);
      const chrome: Chrome = {
        current: null,
        workspace: own ? 'Demo workspace (sandbox)' : scope.workspace.id,
        actingAs: scope.user,
        people: own ? scope.people : [],
        csrf: access.keys.csrfToken(session),
        signedIn: options.token !== undefined && !accessOf(res).bearer,
      };
      await handle(req, res, scope, chrome);
    } catch (error) {
      deps.log(`console: ${req.method} ${req.path} failed: ${(error as Error).stack ?? (error as Error).message}`);
      if (!res.headersSent) send(res, ProblemPage({ title: 'Something went wrong', text: 'Something went wrong on our side; nothing was changed. Please try again in a minute.' }), 500);
    }
  };

  router.get('/', withScope(async (_req, res, scope, chrome) => send(res, await tryItPage(deps, scope, { ...chrome, current: 'try' }, options.mode === 'sandbox'))));
  router.get('/renewals', withScope(async (_req, res, scope, chrome) => send(res, await calendarPage(deps, scope, { ...chrome, current: 'calendar' }))));
  router.get('/contracts/:id', withScope(async (req, res, scope, chrome) => {
    const id = String(req.params['id'] ?? '');
    const page = /^[0-9a-f-]{36}$/i.test(id) ? await contractPage(deps, scope, chrome, id) : null;
    if (page) send(res, page);
    else send(res, ProblemPage({ title: 'No such contract', text: 'This contract does not exist in this workspace.' }), 404);
  }));

  /** A form of the panel: checked, carried out as the console user, then back to the panel (post, redirect, get). */
  const panelPost = <T,>(schema: z.ZodType<T>, act: (user: ConsoleUser, form: T, scope: ShownScope, body: Record<string, unknown>) => Promise<void>) => [
    sameSite,
    withScope(async (req, res, scope) => {
      const form = schema.safeParse(req.body);
      if (!scope.consoleUser) {
        res.status(403).type('text/plain').send('This console is read-only: set CONSOLE_USER to act in the workspace.');
        return;
      }
      if (form.success) await act(scope.consoleUser, form.data, scope, (req.body ?? {}) as Record<string, unknown>);
      res.redirect(303, '/#latest');
    }),
  ];
  router.post('/console/command', ...panelPost(commandForm, (user, form) => typeCommand(deps, user, form.text)));
  router.post('/console/click', ...panelPost(clickForm, (user, form) => clickButton(deps, user, form.entry, form.action, form.value)));
  router.post('/console/form', ...panelPost(entryForm, (user, form, _scope, body) => submitForm(deps, user, form.entry, stringsOf(body))));
  router.post('/console/scheduler', ...panelPost(schedulerForm, async (user, form, scope) => {
    if (isConsoleWorkspace(scope.workspace)) await runSchedulerAsOf(deps, user, form.at);
  }));
  router.post('/console/act-as', sameSite, withScope(async (req, res, scope) => {
    const form = actAsForm.safeParse(req.body);
    if (form.success && isConsoleWorkspace(scope.workspace) && scope.people.some((p) => p.id === form.data.user)) actAs(res, access, accessOf(res).session, form.data.user);
    res.redirect(303, '/');
  }));
  router.post('/console/sign-out', sameSite, (_req, res) => {
    signOut(res, access);
    res.redirect(303, options.token ? '/console/sign-in' : '/');
  });
  router.use((_req, res) => notFound(res));
  // A body too large or malformed (and anything else thrown): our words, never a library's page.
  router.use(((error, _req, res, _next) => {
    const status = typeof (error as { status?: unknown }).status === 'number' && (error as { status: number }).status < 500 ? (error as { status: number }).status : 500;
    if (status === 500) deps.log(`console error: ${(error as Error).message}`);
    res.status(status).type('text/plain').send(status === 500 ? 'Something went wrong on our side; nothing was changed.' : 'Bad request: nothing was changed.');
  }) as ErrorRequestHandler);
  app.use(router);
}

/** The string fields of a posted form. */
function stringsOf(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') out[key] = value;
  return out;
}
