/** Retry delay after the n-th failed attempt: the next pass first, then 1, 2, 4 … minutes, capped at 30. */
export function retryDelayMs(attempts: number): number {
  if (attempts <= 1) return 0;
  return Math.min(2 ** (attempts - 2), 30) * 60_000;
}

/** After this many failed attempts a reminder stops being retried and is reported instead. */
export const MAX_ATTEMPTS = 50;
