import { describe, expect, it } from 'vitest';
import { cookiesOf, SessionKeys } from '../../src/platforms/console/session.js';

const now = new Date('2026-11-23T10:00:00Z');
const session = { s: 'a-session-id-of-some-length', auth: true, exp: Math.floor(now.getTime() / 1000) + 3600 };

describe('console sessions', () => {
  it('opens what it sealed; refuses a changed, expired or foreign cookie', () => {
    const keys = new SessionKeys('the-console-token-0123456789');
    const sealed = keys.seal(session);
    expect(keys.open(sealed, now)).toEqual(session);
    const [body, mac] = sealed.split('.');
    const forged = Buffer.from(JSON.stringify({ ...session, s: 'another-session-id-of-length' })).toString('base64url');
    expect(keys.open(`${forged}.${mac}`, now)).toBeNull();
    expect(keys.open(`${body}.${mac}x`, now)).toBeNull();
    expect(keys.open(sealed, new Date(now.getTime() + 2 * 3600_000))).toBeNull();
    expect(new SessionKeys('another-console-token-0123456').open(sealed, now)).toBeNull();
    expect(keys.open('garbage', now)).toBeNull();
    expect(keys.open(undefined, now)).toBeNull();
  });

  it('keys from one CONSOLE_TOKEN agree across processes; without one each process has its own', () => {
    expect(new SessionKeys('the-console-token-0123456789').open(new SessionKeys('the-console-token-0123456789').seal(session), now)).toEqual(session);
    expect(new SessionKeys(undefined).open(new SessionKeys(undefined).seal(session), now)).toBeNull();
  });

  it('binds the cross-site token to the session', () => {
    const keys = new SessionKeys('the-console-token-0123456789');
    const token = keys.csrfToken(session);
    expect(keys.checkCsrf(session, token)).toBe(true);
    expect(keys.checkCsrf({ ...session, s: 'another-session-id-of-length' }, token)).toBe(false);
    expect(keys.checkCsrf(session, undefined)).toBe(false);
    expect(keys.checkCsrf(session, `${token}x`)).toBe(false);
  });

  it('reads cookies', () => {
    expect(cookiesOf('a=1; rd_console=x.y; b=')).toEqual(new Map([['a', '1'], ['rd_console', 'x.y'], ['b', '']]));
    expect(cookiesOf(undefined).size).toBe(0);
  });
});
