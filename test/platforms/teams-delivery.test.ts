import { describe, expect, it } from 'vitest';
import { connectorFailure, retryAfterMs } from '../../src/platforms/teams/failures.js';

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
