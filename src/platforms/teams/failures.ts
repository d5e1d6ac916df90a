import type { DeliveryResult } from '../../messages/delivery.js';

interface ConnectorError {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get?: (name: string) => string | undefined } | Record<string, string> };
}

/** Retry-After in seconds or as an HTTP date; one second when absent or unreadable. */
export function retryAfterMs(error: unknown, now = Date.now()): number {
  const headers = (error as ConnectorError).response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  if (raw) {
    const seconds = Number(raw);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.max(1000, seconds * 1000);
    const date = Date.parse(raw);
    if (Number.isFinite(date)) return Math.max(1000, date - now);
  }
  return 1000;
}

/**
 * What a failed call to the Bot Framework connector means for the scheduler: 429 waits for
 * Retry-After; 403 (the bot was removed or may not post) and 404 (the conversation is gone) will not
 * get better; a bad request (400, 413) will not either; everything else (412, 5xx, network) is retried.
 */
export function connectorFailure(error: unknown): DeliveryResult {
  const e = error as ConnectorError;
  const status = e.statusCode;
  const detail = `${status ? `HTTP ${status}` : 'network error'}${e.code ? ` ${e.code}` : ''}: ${(e.message ?? String(error)).slice(0, 200)}`;
  if (status === 429) return { ok: false, error: detail, retryAfterMs: retryAfterMs(error) };
  if (status === 403 || status === 404 || status === 400 || status === 413) return { ok: false, error: detail, permanent: true };
  return { ok: false, error: detail };
}
