import type { Request, RequestHandler, Response } from 'express';
import { cookiesOf, equal, newSessionId, SESSION_COOKIE, type Session, type SessionKeys } from './session.js';

export interface AccessOptions {
  /** sandbox: loopback, no token unless CONSOLE_TOKEN is set; token: beside a chat platform, CONSOLE_TOKEN required. */
  mode: 'sandbox' | 'token';
  token?: string;
  /** PUBLIC_URL when set: its host is accepted as ours (a proxy in front), its https makes cookies Secure. */
  publicUrl?: string;
  keys: SessionKeys;
  clock: () => Date;
}

export interface RequestAccess {
  session: Session;
  /** Authenticated by `Authorization: Bearer` (no cookie involved: no cross-site risk). */
  bearer: boolean;
}

const SIGNED_IN_HOURS = 12;
const SANDBOX_DAYS = 30;

/** What the access checks found for this request. */
export function accessOf(res: Response): RequestAccess {
  return res.locals['consoleAccess'] as RequestAccess;
}

/** Headers of every console answer: no inline script, no framing, no sniffing, no referrer to other sites, no caching. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    'Cache-Control': 'no-store',
  });
  next();
};

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostnameOf(host: string | undefined): string | null {
  if (!host) return null;
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The sandbox answers only to loopback names: a web page elsewhere cannot point a name of its own at
 * 127.0.0.1 (DNS rebinding) and read or drive the console, which needs no token.
 */
export function loopbackHostsOnly(publicUrl: string | undefined): RequestHandler {
  const own = publicUrl ? new URL(publicUrl).hostname.toLowerCase() : null;
  return (req, res, next) => {
    const name = hostnameOf(req.get('host'));
    if (name && (LOOPBACK_NAMES.has(name) || name.endsWith('.localhost') || name === own)) return next();
    res.status(403).type('text/plain').send('This console answers on localhost only.');
  };
}

/**
 * Finds (or starts) the request's session. A request with `Authorization: Bearer` is authenticated by
 * it (401 when it is not the token); otherwise the session cookie says whether the token was given.
 */
export function withSession(options: AccessOptions): RequestHandler {
  const needsToken = options.token !== undefined;
  return (req, res, next) => {
    const now = options.clock();
    const authorization = req.get('authorization');
    if (authorization !== undefined) {
      const given = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      if (!needsToken || !given || !equal(given, options.token!)) {
        res.status(401).type('text/plain').send('Unauthorized');
        return;
      }
      res.locals['consoleAccess'] = { session: { s: newSessionId(), auth: true, exp: 0 }, bearer: true } satisfies RequestAccess;
      return next();
    }
    let session = options.keys.open(cookiesOf(req.get('cookie')).get(SESSION_COOKIE), now);
    if (!session) {
      session = { s: newSessionId(), auth: !needsToken, exp: expiry(now, options.mode) };
      setSession(res, options, session);
    }
    res.locals['consoleAccess'] = { session, bearer: false } satisfies RequestAccess;
    next();
  };
}

function expiry(now: Date, mode: AccessOptions['mode']): number {
  const seconds = mode === 'sandbox' ? SANDBOX_DAYS * 86_400 : SIGNED_IN_HOURS * 3600;
  return Math.floor(now.getTime() / 1000) + seconds;
}

export function setSession(res: Response, options: AccessOptions, session: Session): void {
  const secure = options.publicUrl?.startsWith('https:') ? '; Secure' : '';
  res.append('Set-Cookie', `${SESSION_COOKIE}=${options.keys.seal(session)}; Path=/; HttpOnly; SameSite=Strict${secure}`);
}

/** Signs the session in (the right token was typed): a new session id, so an old one cannot be fixed in advance. */
export function signIn(res: Response, options: AccessOptions, session: Session): void {
  setSession(res, options, { s: newSessionId(), auth: true, ...(session.as && { as: session.as }), exp: expiry(options.clock(), options.mode) });
}

export function signOut(res: Response, options: AccessOptions): void {
  setSession(res, options, { s: newSessionId(), auth: !options.token, exp: expiry(options.clock(), options.mode) });
}

/** Whom the sandbox acts as, kept in the session. */
export function actAs(res: Response, options: AccessOptions, session: Session, userId: string): void {
  setSession(res, options, { ...session, as: userId });
}

/**
 * A form post must come from a page of this console: the browser says so (Sec-Fetch-Site, Origin or
 * Referer naming this host), and it carries the session's token. Bearer requests carry no cookie, so
 * a page elsewhere cannot make them; their Origin, when sent, must still be ours.
 */
export function sameSiteOnly(options: AccessOptions): RequestHandler {
  const own = options.publicUrl ? new URL(options.publicUrl).host.toLowerCase() : null;
  return (req, res, next) => {
    const access = accessOf(res);
    const site = req.get('sec-fetch-site');
    const fromUs = fromThisHost(req, own);
    const refused = site === 'cross-site' || site === 'same-site' || fromUs === false || (!access.bearer && (fromUs !== true || !options.keys.checkCsrf(access.session, (req.body as Record<string, unknown> | undefined)?.['_csrf'])));
    if (!refused) return next();
    res.status(403).type('text/plain').send('Refused: this request did not come from a page of this console. Nothing was changed. Reload the console and try again.');
  };
}

/** true: Origin (or Referer) names this host; false: another one; null: the browser sent neither. */
function fromThisHost(req: Request, own: string | null): boolean | null {
  const source = req.get('origin') ?? req.get('referer');
  if (source === undefined) return null;
  try {
    const host = new URL(source).host.toLowerCase();
    return host === (req.get('host') ?? '').toLowerCase() || host === own;
  } catch {
    return false; // "null" (a sandboxed frame, a data: page) or garbage
  }
}
