import { webApi } from '@slack/bolt';
import type { Delivery, DeliveryResult, Destination, RateLimit } from '../../messages/delivery.js';
import type { Message } from '../../messages/model.js';
import { keepAliveFetch } from './http-fetch.js';
import { toBlockKit } from './render.js';

export const DEFAULT_CHANNEL_INTERVAL_MS = 1000;

/** Errors that will not go away by retrying: the reminder is recorded as undeliverable. */
const PERMANENT = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'account_inactive', 'token_revoked', 'missing_scope', 'msg_too_long', 'invalid_blocks']);

/**
 * Posts for the scheduler. A 429 is handed back with its Retry-After instead of waiting inside the
 * client (web-api's default policy would pause every channel for up to 30 minutes); the pass pauses
 * that channel only. New posts are not retried inside the client either: a 5xx or a network error
 * goes back to the pass, which retries on a later pass with backoff (and a retry inside the client
 * would hold up the other channels meanwhile). Slack allows about one message a second per channel:
 * the pass keeps to that (`limits`).
 */
export class SlackDelivery implements Delivery {
  private readonly client: webApi.WebClient;
  private readonly poster: webApi.WebClient;
  private readonly channelLimit: readonly RateLimit[];

  /** `channelIntervalMs`: the least time between two posts to one channel (CHANNEL_POST_INTERVAL_MS). */
  constructor(token: string, slackApiUrl?: string, channelIntervalMs = DEFAULT_CHANNEL_INTERVAL_MS) {
    this.channelLimit = [{ per: 'channel', posts: 1, windowMs: channelIntervalMs }];
    const common = { ...(slackApiUrl && { slackApiUrl }), rejectRateLimitedCalls: true, timeout: 15_000, fetch: keepAliveFetch };
    this.client = new webApi.WebClient(token, { ...common, retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 } });
    this.poster = new webApi.WebClient(token, { ...common, retryConfig: { retries: 0 } });
  }

  limits(): readonly RateLimit[] {
    return this.channelLimit;
  }

  async post(to: Destination, message: Message): Promise<DeliveryResult> {
    try {
      const result = await this.poster.chat.postMessage({ channel: to.channelId, ...toBlockKit(message), unfurl_links: false });
      return { ok: true, messageId: result.ts ?? null };
    } catch (error) {
      return failure(error);
    }
  }

  async update(to: Destination, messageId: string, message: Message): Promise<DeliveryResult> {
    try {
      await this.client.chat.update({ channel: to.channelId, ts: messageId, ...toBlockKit(message) });
      return { ok: true, messageId };
    } catch (error) {
      return failure(error);
    }
  }
}

export function failure(error: unknown): DeliveryResult {
  const e = error as webApi.WebAPICallError & { retryAfter?: number; data?: { error?: string }; statusCode?: number };
  if (e.code === webApi.ErrorCode.RateLimitedError) return { ok: false, error: 'rate limited', retryAfterMs: (e.retryAfter ?? 1) * 1000 };
  if (e.code === webApi.ErrorCode.PlatformError) {
    const code = e.data?.error ?? 'platform error';
    return { ok: false, error: code, permanent: PERMANENT.has(code) };
  }
  if (e.code === webApi.ErrorCode.HTTPError) return { ok: false, error: `HTTP ${e.statusCode ?? '?'}` };
  return { ok: false, error: e.message ?? String(error) };
}
