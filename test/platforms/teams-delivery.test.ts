import { describe, expect, it } from 'vitest';
import { connectorFailure, retryAfterMs } from '../../src/platforms/teams/failures.js';
import { Pacer } from '../../src/platforms/teams/pacing.js';

/** A pacer on a clock the test moves; sleeping moves the clock instead of waiting. */
function fakePacer(options: { maxWaitMs?: number } = {}) {
  let now = 1_000_000;
  const slept: number[] = [];
  const pacer = new Pacer({ now: () => now, sleep: async (ms) => { slept.push(ms); now += ms; }, ...options });
  return { pacer, slept, advance: (ms: number) => (now += ms) };
}

describe('pacing posts per Teams conversation', () => {
  it('lets 7 messages a second into one conversation, then waits for the window', async () => {
    const { pacer, slept } = fakePacer();
    for (let i = 0; i < 7; i += 1) expect(await pacer.acquire('t1', 'c1')).toEqual({ ok: true });
    expect(slept).toEqual([]);
    expect(await pacer.acquire('t1', 'c1')).toEqual({ ok: true });
    expect(slept).toEqual([1000]);
  });

  it('does not hold up other conversations while one is busy', async () => {
    const { pacer, slept } = fakePacer();
    for (let i = 0; i < 7; i += 1) await pacer.acquire('t1', 'busy');
    expect(await pacer.acquire('t1', 'quiet')).toEqual({ ok: true });
    expect(slept).toEqual([]);
  });

  it('hands a long wait back as retry-after instead of waiting in line', async () => {
    const { pacer, slept } = fakePacer({ maxWaitMs: 100 });
    for (let i = 0; i < 7; i += 1) await pacer.acquire('t1', 'c1');
    expect(await pacer.acquire('t1', 'c1')).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(slept).toEqual([]);
  });

  it('keeps the tenant under 50 a second across its conversations', async () => {
    const { pacer, slept } = fakePacer({ maxWaitMs: 0 });
    for (let i = 0; i < 50; i += 1) expect((await pacer.acquire('t1', `c${i}`)).ok).toBe(true);
    expect((await pacer.acquire('t1', 'c-next')).ok).toBe(false);
    expect((await pacer.acquire('t2', 'c-other-tenant')).ok).toBe(true);
    expect(slept).toEqual([]);
  });

  it('after a 429 nothing goes to that conversation until Retry-After has passed', async () => {
    const { pacer, advance } = fakePacer();
    pacer.block('c1', 30_000);
    expect(await pacer.acquire('t1', 'c1')).toEqual({ ok: false, retryAfterMs: 30_000 });
    expect((await pacer.acquire('t1', 'c2')).ok).toBe(true);
    advance(30_000);
    expect((await pacer.acquire('t1', 'c1')).ok).toBe(true);
  });
});

describe('what a connector failure means for the scheduler', () => {
  const error = (statusCode: number | undefined, retryAfter?: string) => Object.assign(new Error('failed'), { statusCode, response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } } });

  it('429: retry after Retry-After (seconds or an HTTP date)', () => {
    expect(connectorFailure(error(429, '30'))).toMatchObject({ ok: false, retryAfterMs: 30_000 });
    expect(retryAfterMs(error(429, new Date(Date.UTC(2026, 0, 1, 0, 1)).toUTCString()), Date.UTC(2026, 0, 1))).toBe(60_000);
    expect(retryAfterMs(error(429))).toBe(1000);
  });

  it('403 and 404 are permanent; 412, 5xx and network errors are retried', () => {
    for (const status of [403, 404]) expect(connectorFailure(error(status))).toMatchObject({ ok: false, permanent: true });
    for (const status of [412, 500, 502, 503, 504]) {
      const result = connectorFailure(error(status));
      expect(result.ok).toBe(false);
      expect(result).not.toHaveProperty('permanent');
      expect(result).not.toHaveProperty('retryAfterMs');
    }
    expect(connectorFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({ ok: false, error: expect.stringContaining('network error') });
  });
});
