/** The longest wait between two tries of a post that keeps failing: it is never given up for failing. */
export const BACKOFF_CAP_MS = 60 * 60_000;

/** Retry delay after the n-th failed attempt: the next pass first, then 1, 2, 4 … minutes, capped (an hour). */
export function retryDelayMs(attempts: number, capMs = BACKOFF_CAP_MS): number {
  if (attempts <= 1) return 0;
  // 2 ** 30 minutes is far beyond any cap: no overflow for a row retried for months.
  return Math.min(2 ** Math.min(attempts - 2, 30) * 60_000, capMs);
}
