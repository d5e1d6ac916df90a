import type { DeliveryResult } from '../messages/delivery.js';
import { retryDelayMs } from './backoff.js';

export interface Attempt {
  /** Tries of this post earlier in the same pass (0: this is the first). */
  inPass: number;
  /** Failed attempts recorded on the ledger row, this one included: what the backoff grows with. */
  failed: number;
}

export interface DeliveryLimits {
  /** The longest a pass waits for a channel's Retry-After before leaving the post for a later pass. */
  maxChannelWaitMs: number;
  /** Rate-limited tries of one post that are tried again within the pass. */
  rateLimitRetries: number;
  /** The pause before the one in-pass retry of a transient failure (5xx, timeout, network). */
  transientRetryMs: number;
  /** The longest backoff between passes. */
  backoffCapMs: number;
}

/**
 * What a delivery result means for the ledger row:
 * - `posted`: record it sent;
 * - `not-connected`: nothing was tried (the platform is not configured here): give the row back, due at once, no attempt;
 * - `retry-now`: pause the channel `pauseMs`, then try again in this pass;
 * - `release`: rate limited for longer than the pass waits: give the row back, due after `retryInMs`, no attempt;
 * - `retry-later`: a failed attempt: retried on a pass after `retryInMs` (backoff, capped; never given up for failing);
 * - `dead`: an error that will not heal (channel gone, bot removed, token revoked): not retried, reported.
 */
export type Verdict =
  | { action: 'posted' }
  | { action: 'not-connected' }
  | { action: 'retry-now'; pauseMs: number; rateLimited: boolean }
  | { action: 'release'; retryInMs: number }
  | { action: 'retry-later'; retryInMs: number }
  | { action: 'dead' };

/** Pure: the same result, attempt and limits always give the same verdict (see test/scheduler/classify.test.ts). */
export function classify(result: DeliveryResult, attempt: Attempt, limits: DeliveryLimits): Verdict {
  if (result.ok) return { action: 'posted' };
  if (result.notConnected) return { action: 'not-connected' };
  if (result.permanent) return { action: 'dead' };
  if (result.retryAfterMs !== undefined) {
    const wait = Math.max(0, result.retryAfterMs);
    if (attempt.inPass < limits.rateLimitRetries && wait <= limits.maxChannelWaitMs) return { action: 'retry-now', pauseMs: wait, rateLimited: true };
    return { action: 'release', retryInMs: wait };
  }
  if (attempt.inPass === 0) return { action: 'retry-now', pauseMs: limits.transientRetryMs, rateLimited: false };
  return { action: 'retry-later', retryInMs: retryDelayMs(attempt.failed, limits.backoffCapMs) };
}
