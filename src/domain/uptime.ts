export interface Outage {
  start: Date;
  end: Date;
  /** Planned maintenance does not count against uptime. */
  maintenance: boolean;
}

/** [start, end) */
export interface Period {
  start: Date;
  end: Date;
}

/**
 * 1 − (unplanned outage time) ÷ (time in the period), as a fraction; null for an empty period.
 *
 * Outages are clipped to the period and overlapping ones merged, so nothing is counted twice.
 * A period that has not ended yet is measured up to `now`: the rest of it has not happened. Planned
 * maintenance is simply left out: it does not excuse an unplanned outage it overlaps.
 */
export function uptime(outages: readonly Outage[], period: Period, now: Date): number | null {
  const start = period.start.getTime();
  const end = Math.min(period.end.getTime(), now.getTime());
  if (!(end > start)) return null;
  const clipped = outages
    .filter((outage) => !outage.maintenance)
    .map((outage) => ({ start: Math.max(outage.start.getTime(), start), end: Math.min(outage.end.getTime(), end) }))
    .filter((interval) => interval.end > interval.start)
    .sort((a, b) => a.start - b.start);
  let downMs = 0;
  let coveredUntil = start;
  for (const interval of clipped) {
    const from = Math.max(interval.start, coveredUntil);
    if (interval.end > from) downMs += interval.end - from;
    coveredUntil = Math.max(coveredUntil, interval.end);
  }
  return 1 - downMs / (end - start);
}

/**
 * An uptime as a percent to three decimals, rounded down, so that a month just below a threshold never
 * reads as reaching it (0.998996 → 99.899, not 99.9).
 */
export function uptimePercentFloor(fraction: number): number {
  return Math.floor(fraction * 100_000 + 1e-6) / 1000;
}

/** True when `fraction` reaches `targetPercent` (e.g. 99.9); a hair of tolerance for float rounding. */
export function meetsUptimeTarget(fraction: number, targetPercent: number): boolean {
  return fraction * 100 >= targetPercent - 1e-9;
}
