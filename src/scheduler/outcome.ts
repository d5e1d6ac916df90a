export interface PassReport {
  posted: number;
  late: number;
  skipped: number;
  failed: number;
  /** Left for a later pass: their channel is paused or failing, their platform is not connected, or the pass was stopped. */
  deferred: number;
  /** Given up after their posts kept failing until they no longer applied (superseded, or past their moment): reported. */
  givenUp: number;
}

/**
 * What became of one due row in a pass:
 * - `posted` / `posted-late`: recorded sent (late: after its due day);
 * - `skipped`: it no longer applied and had never failed;
 * - `given-up`: it no longer applied after its posts had kept failing (reported to the workspace channel);
 * - `failed`: recorded as failed for good (an error that will not heal, no channel to post to);
 * - `retrying`: a failed attempt, retried on a later pass with backoff;
 * - `deferred`: left for a later pass without an attempt (rate limit, platform not connected, pass stopping);
 * - `lost`: another pass or process has it (not counted: that one reports it).
 */
export type RowOutcome = 'posted' | 'posted-late' | 'skipped' | 'given-up' | 'failed' | 'retrying' | 'deferred' | 'lost';

export function emptyReport(): PassReport {
  return { posted: 0, late: 0, skipped: 0, failed: 0, deferred: 0, givenUp: 0 };
}

/** Counts `count` rows with `outcome` into the report. */
export function tally(report: PassReport, outcome: RowOutcome, count = 1): void {
  switch (outcome) {
    case 'posted-late':
      report.late += count;
      report.posted += count;
      return;
    case 'posted':
      report.posted += count;
      return;
    case 'skipped':
      report.skipped += count;
      return;
    case 'given-up':
      report.givenUp += count;
      return;
    case 'failed':
    case 'retrying':
      report.failed += count;
      return;
    case 'deferred':
      report.deferred += count;
      return;
    case 'lost':
      return;
  }
}
