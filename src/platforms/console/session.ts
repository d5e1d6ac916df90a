import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The console's session: a signed cookie (no server state, so it works across instances) holding a
 * random session id, whether the token was presented, and whom the sandbox acts as. The key comes
 * from CONSOLE_TOKEN (a new token ends every session) or, without one, is random per process.
 */
export const SESSION_COOKIE = 'rd_console';

const payload = z.object({ s: z.string().min(16).max(64), auth: z.boolean(), as: z.string().max(64).optional(), exp: z.number().int() });
export type Session = z.infer<typeof payload>;

export class SessionKeys {
  private readonly key: Buffer;

  constructor(token: string | undefined) {
    this.key = token ? createHash('sha256').update(`renewal-desk console session\0${token}`).digest() : randomBytes(32);
  }

  private mac(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }

  seal(session: Session): string {
    const body = Buffer.from(JSON.stringify(session)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The session of a cookie value; null when it is forged, malformed, signed with another key or expired. */
  open(value: string | undefined, now: Date): Session | null {
    if (!value || value.length > 1000) return null;
    const [body, mac] = value.split('.');
    if (!body || !mac || !equal(mac, this.mac(body))) return null;
    try {
      const parsed = payload.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
      return parsed.success && parsed.data.exp * 1000 > now.getTime() ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** The cross-site request token of a session: only a page of this console, rendered for it, has it. */
  csrfToken(session: Session): string {
    return this.mac(`csrf\0${session.s}`);
  }

  checkCsrf(session: Session, token: unknown): boolean {
    return typeof token === 'string' && equal(token, this.csrfToken(session));
  }
}

export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

/** Constant-time comparison of two strings (a token typed or sent, a MAC). */
export function equal(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a === b;
}

/** Cookies of a request (`Cookie: a=1; b=2`). */
export function cookiesOf(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return cookies;
}
