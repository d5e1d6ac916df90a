import type { SlaHours } from './business-hours.js';
import { countedMs, countedMsUntil, deadlineAfter } from './business-hours.js';
import {
  measureIssue,
  PRIORITIES,
  targetFraction,
  type IssueTimes,
  type Measurement,
  type Priority,
  type SlaMeasure,
  type SlaTargets,
} from './sla-measure.js';
import { meetsUptimeTarget, uptime, type Outage, type Period } from './uptime.js';

export interface SlaInput {
  /** Every issue of the contract; the statistics use those opened in the period, at-risk uses all open ones. */
  issues: readonly IssueTimes[];
  outages: readonly Outage[];
  targets: SlaTargets;
  hours: SlaHours;
  period: Period;
  now: Date;
  uptimeTargetPercent?: number | null;
  /** How many breaches to list (default 5). */
  worstBreaches?: number;
  /** Whether to list the open issues at risk (default true; a period in the past has none to act on). */
  atRisk?: boolean;
}

export interface Compliance {
  met: number;
  breached: number;
  pending: number;
  /** met ÷ (met + breached); null when nothing is decided yet. */
  rate: number | null;
}

/** Over the issues that have the time (responded / resolved). Nearest-rank percentiles. */
export interface TimeSummary {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export interface MeasureStats {
  compliance: Compliance;
  times: TimeSummary;
  byPriority: Record<Priority, { compliance: Compliance; times: TimeSummary }>;
}

export interface Breach {
  issueId: string;
  priority: Priority;
  measure: SlaMeasure;
  elapsedMs: number;
  targetMs: number;
  /** elapsed ÷ target: 1.5 is 50 % over (Infinity over a zero target). */
  ratio: number;
  /** Still unanswered / unresolved. */
  open: boolean;
}

export interface AtRisk {
  issueId: string;
  priority: Priority;
  measure: SlaMeasure;
  elapsedMs: number;
  targetMs: number;
  /** elapsed ÷ target, 0.75 ≤ fraction < 1 (at 1 the target has run out: a breach). */
  fraction: number;
  dueAt: Date;
}

export interface SlaStats {
  issueCount: number;
  response: MeasureStats;
  resolution: MeasureStats;
  breachCount: number;
  /** The worst breaches, furthest over their target first. */
  breaches: Breach[];
  /** Open issues that have used at least 75 % of a target that has not run out yet, soonest due first. */
  atRisk: AtRisk[];
  /** Categories (compared ignoring case) of three or more issues in the period, most frequent first. */
  recurringCategories: { category: string; count: number }[];
  uptime: number | null;
  uptimeMet: boolean | null;
}

export const AT_RISK_FRACTION = 0.75;
export const RECURRING_CATEGORY_MIN = 3;

/**
 * Nearest-rank percentile: the smallest value with at least p of the values at or below it, so always
 * an observed value. The median is therefore the lower middle value of an even count.
 */
export function nearestRank(sortedAscending: readonly number[], p: number): number | null {
  if (sortedAscending.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sortedAscending.length));
  return sortedAscending[rank - 1] ?? null;
}

function compliance(measurements: readonly Measurement[]): Compliance {
  const count = (outcome: string) => measurements.filter((m) => m.outcome === outcome).length;
  const met = count('met');
  const breached = count('breached');
  return { met, breached, pending: count('pending'), rate: met + breached === 0 ? null : met / (met + breached) };
}

function times(measurements: readonly Measurement[]): TimeSummary {
  const sorted = measurements.filter((m) => m.finished).map((m) => m.elapsedMs).sort((a, b) => a - b);
  return { count: sorted.length, medianMs: nearestRank(sorted, 0.5), p90Ms: nearestRank(sorted, 0.9) };
}

function measureStats(measurements: readonly Measurement[]): MeasureStats {
  const byPriority = {} as MeasureStats['byPriority'];
  for (const priority of PRIORITIES) {
    const ofPriority = measurements.filter((m) => m.priority === priority);
    byPriority[priority] = { compliance: compliance(ofPriority), times: times(ofPriority) };
  }
  return { compliance: compliance(measurements), times: times(measurements), byPriority };
}

function toBreach(m: Measurement): Breach {
  return { issueId: m.issueId, priority: m.priority, measure: m.measure, elapsedMs: m.elapsedMs, targetMs: m.targetMs ?? 0, ratio: targetFraction(m) ?? 0, open: !m.finished };
}

function recurringCategories(issues: readonly IssueTimes[]): { category: string; count: number }[] {
  const groups = new Map<string, { category: string; count: number }>();
  for (const issue of [...issues].sort((a, b) => a.opened.getTime() - b.opened.getTime())) {
    const category = issue.category?.trim();
    if (!category) continue;
    const group = groups.get(category.toLowerCase()) ?? { category, count: 0 };
    group.count += 1;
    groups.set(category.toLowerCase(), group);
  }
  return [...groups.values()]
    .filter((group) => group.count >= RECURRING_CATEGORY_MIN)
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
}

interface Measured {
  issue: IssueTimes;
  response: Measurement;
  resolution: Measurement;
}

/**
 * Both measures of every issue. The open issues' counts to now are worked out together in one walk
 * (`countedMsUntil`): in business hours, counting each long-open issue on its own costs a walk over
 * its working days. Other counts are remembered within the call (both measures of an issue count
 * from its opening).
 */
function measureAll(input: SlaInput, issues: readonly IssueTimes[]): Measured[] {
  const now = input.now.getTime();
  const open = issues.filter((issue) => issue.resolved === null || issue.resolved.getTime() > now).map((issue) => issue.opened);
  const toNow = countedMsUntil(open, input.now, input.hours);
  const known = new Map<string, number>();
  const count = (from: Date, to: Date, hours: SlaHours) => {
    if (to.getTime() === now) {
      const ms = toNow.get(from.getTime());
      if (ms !== undefined) return ms;
    }
    const key = `${from.getTime()} ${to.getTime()}`;
    let ms = known.get(key);
    if (ms === undefined) known.set(key, (ms = countedMs(from, to, hours)));
    return ms;
  };
  return issues.map((issue) => ({
    issue,
    response: measureIssue(issue, 'response', input.targets, input.hours, input.now, count),
    resolution: measureIssue(issue, 'resolution', input.targets, input.hours, input.now, count),
  }));
}

function atRisk(input: SlaInput, measured: readonly Measured[]): AtRisk[] {
  const now = input.now.getTime();
  const risks: AtRisk[] = [];
  for (const { issue, ...both } of measured) {
    if (issue.opened.getTime() > now) continue;
    for (const measure of ['response', 'resolution'] as const) {
      const m = both[measure];
      const fraction = targetFraction(m);
      if (m.outcome !== 'pending' || m.targetMs === null || fraction === null || fraction < AT_RISK_FRACTION) continue;
      const dueAt = deadlineAfter(issue.opened, m.targetMs, input.hours);
      risks.push({ issueId: m.issueId, priority: m.priority, measure, elapsedMs: m.elapsedMs, targetMs: m.targetMs, fraction, dueAt });
    }
  }
  return risks.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.issueId.localeCompare(b.issueId));
}

/** SLA status of one contract over `period` (SPEC §4). Pure: `now` is passed in. */
export function slaStats(input: SlaInput): SlaStats {
  const start = input.period.start.getTime();
  const end = input.period.end.getTime();
  const opened = (issue: IssueTimes) => issue.opened.getTime() >= start && issue.opened.getTime() < end;
  // At-risk looks at every open issue; without it only those opened in the period are measured.
  const measured = measureAll(input, input.atRisk === false ? input.issues.filter(opened) : input.issues);
  const inPeriodMeasured = measured.filter(({ issue }) => opened(issue));
  const inPeriod = inPeriodMeasured.map((m) => m.issue);
  const response = inPeriodMeasured.map((m) => m.response);
  const resolution = inPeriodMeasured.map((m) => m.resolution);
  const breaches = [...response, ...resolution]
    .filter((m) => m.outcome === 'breached')
    .map(toBreach)
    .sort((a, b) => b.ratio - a.ratio || a.issueId.localeCompare(b.issueId) || a.measure.localeCompare(b.measure));
  const upFraction = uptime(input.outages, input.period, input.now);
  const target = input.uptimeTargetPercent ?? null;
  return {
    issueCount: inPeriod.length,
    response: measureStats(response),
    resolution: measureStats(resolution),
    breachCount: breaches.length,
    breaches: breaches.slice(0, input.worstBreaches ?? 5),
    atRisk: input.atRisk === false ? [] : atRisk(input, measured),
    recurringCategories: recurringCategories(inPeriod),
    uptime: upFraction,
    uptimeMet: upFraction === null || target === null ? null : meetsUptimeTarget(upFraction, target),
  };
}
