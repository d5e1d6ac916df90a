// What a delivery result means for its reminder: one table, from what the platform answered (through
// the Slack and Teams failure mappings) to what the pass does with the ledger row.
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { DeliveryResult } from '../../src/messages/delivery.js';
import { notConnected } from '../../src/messages/delivery.js';
import { failure as slackFailure } from '../../src/platforms/slack/delivery.js';
import { connectorFailure } from '../../src/platforms/teams/failures.js';
import { BACKOFF_CAP_MS, retryDelayMs } from '../../src/scheduler/backoff.js';
import { classify, type Verdict } from '../../src/scheduler/classify.js';

const LIMITS = { maxChannelWaitMs: 10_000, rateLimitRetries: 2, transientRetryMs: 250, backoffCapMs: BACKOFF_CAP_MS };
const MINUTE = 60_000;

const slack = {
  rateLimited: (seconds: number) => slackFailure({ code: webApi.ErrorCode.RateLimitedError, retryAfter: seconds }),
  http: (statusCode: number) => slackFailure({ code: webApi.ErrorCode.HTTPError, statusCode }),
  platform: (error: string) => slackFailure({ code: webApi.ErrorCode.PlatformError, data: { error } }),
  request: (message: string) => slackFailure({ code: webApi.ErrorCode.RequestError, message }),
};
const teams = (statusCode: number | undefined, retryAfter?: string, code?: string) =>
  connectorFailure(Object.assign(new Error('failed'), { statusCode, code, response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } } }));

const posted: DeliveryResult = { ok: true, messageId: '1.2' };
const retryNow = (pauseMs: number, rateLimited: boolean): Verdict => ({ action: 'retry-now', pauseMs, rateLimited });
const later = (retryInMs: number): Verdict => ({ action: 'retry-later', retryInMs });
const release = (retryInMs: number): Verdict => ({ action: 'release', retryInMs });
const dead: Verdict = { action: 'dead' };

// [what happened, result, tries earlier in this pass, failed attempts with this one, verdict]
const TABLE: [string, DeliveryResult, number, number, Verdict][] = [
  ['posted', posted, 0, 1, { action: 'posted' }],
  ['platform not connected here', notConnected('teams'), 0, 1, { action: 'not-connected' }],
  ['Slack 429, Retry-After 1 s, first try', slack.rateLimited(1), 0, 1, retryNow(1000, true)],
  ['Slack 429, second try', slack.rateLimited(1), 1, 1, retryNow(1000, true)],
  ['Slack 429, third try: given back for a later pass', slack.rateLimited(1), 2, 1, release(1000)],
  ['Slack 429, Retry-After 120 s: longer than a pass waits', slack.rateLimited(120), 0, 1, release(120_000)],
  ['Slack HTTP 500, first try', slack.http(500), 0, 1, retryNow(250, false)],
  ['Slack HTTP 503, second try in the pass', slack.http(503), 1, 1, later(0)],
  ['Slack HTTP 502 after 2 failed attempts', slack.http(502), 1, 2, later(1 * MINUTE)],
  ['Slack HTTP 500 after 5 failed attempts', slack.http(500), 1, 5, later(8 * MINUTE)],
  ['Slack HTTP 500 after 8 failed attempts: at the cap', slack.http(500), 1, 8, later(60 * MINUTE)],
  ['Slack HTTP 500 after 1,000 failed attempts: still retried', slack.http(500), 1, 1000, later(60 * MINUTE)],
  ['Slack connection reset', slack.request('A request error occurred: socket hang up'), 1, 3, later(2 * MINUTE)],
  ['Slack timeout', slack.request('A request error occurred: The operation was aborted due to timeout'), 0, 1, retryNow(250, false)],
  ['Slack internal_error (platform)', slack.platform('internal_error'), 1, 4, later(4 * MINUTE)],
  ['Slack channel_not_found', slack.platform('channel_not_found'), 0, 1, dead],
  ['Slack not_in_channel', slack.platform('not_in_channel'), 0, 1, dead],
  ['Slack invalid_auth', slack.platform('invalid_auth'), 0, 1, dead],
  ['Slack account_inactive', slack.platform('account_inactive'), 0, 1, dead],
  ['Teams 429, Retry-After 2 s', teams(429, '2'), 0, 1, retryNow(2000, true)],
  ['Teams 412', teams(412), 1, 2, later(1 * MINUTE)],
  ['Teams 502, first try', teams(502), 0, 1, retryNow(250, false)],
  ['Teams 504 after 300 failed attempts', teams(504), 1, 300, later(60 * MINUTE)],
  ['Teams connection refused', teams(undefined, undefined, 'ECONNREFUSED'), 1, 1, later(0)],
  ['Teams 403 (bot removed)', teams(403), 0, 1, dead],
  ['Teams 404 (conversation not found)', teams(404), 0, 1, dead],
  ['permanent wins over a Retry-After', { ok: false, error: 'x', permanent: true, retryAfterMs: 1000 }, 0, 1, dead],
];

describe('classify(result, attempt, limits)', () => {
  it.each(TABLE)('%s', (_what, result, inPass, failed, verdict) => {
    expect(classify(result, { inPass, failed }, LIMITS)).toEqual(verdict);
  });

  it('a transient failure never gives a reminder up, however often it failed', () => {
    for (let failed = 1; failed <= 10_000; failed += 1) {
      const verdict = classify(slack.http(500), { inPass: 1, failed }, LIMITS);
      expect(verdict.action).toBe('retry-later');
    }
  });

  it('backs off 0 (the next pass), 1, 2, 4 … minutes, capped at an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50, 5000].map((n) => retryDelayMs(n) / MINUTE)).toEqual([0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });
});
