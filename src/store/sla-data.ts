import type { Period } from '../domain/uptime.js';
import { calendarMonth } from '../domain/periods.js';
import { slaStats, type SlaStats } from '../domain/sla-stats.js';
import type { Db, Tx } from './client.js';
import { timesOf } from './issues.js';
import { slaPolicyOf, type SlaPolicy } from './sla-policies.js';

export interface SlaReport {
  policy: SlaPolicy;
  period: Period;
  current: SlaStats;
  previous: SlaStats;
  /** I-<n> by issue id, for the issues the stats mention. */
  labels: Map<string, string>;
}

/**
 * SLA status of one contract for a period and the period before it. Reads only that contract's
 * issues opened in the two periods plus its open ones (indexed by contract and opening), so the cost
 * does not grow with other contracts.
 */
export async function slaReport(db: Db | Tx, contractId: string, timezone: string, period: Period, previous: Period, now: Date): Promise<SlaReport> {
  const policy = await slaPolicyOf(db, contractId, timezone);
  const from = new Date(Math.min(previous.start.getTime(), period.start.getTime()));
  const [issues, outages] = await Promise.all([
    db.vendorIssue.findMany({
      where: { contractId, OR: [{ openedAt: { gte: from, lt: period.end } }, { resolvedAt: null }] },
      select: { id: true, number: true, priority: true, category: true, openedAt: true, respondedAt: true, resolvedAt: true },
    }),
    db.outage.findMany({ where: { contractId, startAt: { lt: period.end }, endAt: { gt: from } }, select: { startAt: true, endAt: true, maintenance: true } }),
  ]);
  const times = issues.map(timesOf);
  const outageTimes = outages.map((o) => ({ start: o.startAt, end: o.endAt, maintenance: o.maintenance }));
  const input = { issues: times, outages: outageTimes, targets: policy.targets, hours: policy.hours, now, uptimeTargetPercent: policy.uptimeTarget };
  return {
    policy,
    period,
    current: slaStats({ ...input, period }),
    previous: slaStats({ ...input, period: previous, now: new Date(Math.min(now.getTime(), previous.end.getTime())) }),
    labels: new Map(issues.map((i) => [i.id, `I-${i.number}`])),
  };
}

export interface MonthlySla {
  policy: SlaPolicy;
  /** Oldest first: each month ("2026-03") with its SLA status (the current month up to now). */
  months: { month: string; stats: SlaStats }[];
}

/**
 * SLA status of one contract for each of these calendar months (workspace zone), from one read of its
 * issues and outages over the whole range: the same maths as `/sla … month:`.
 */
export async function slaByMonth(db: Db | Tx, contractId: string, timezone: string, months: readonly string[], now: Date): Promise<MonthlySla> {
  const policy = await slaPolicyOf(db, contractId, timezone);
  const periods = months.map((month) => ({ month, period: calendarMonth(month, timezone).current }));
  if (periods.length === 0) return { policy, months: [] };
  const from = periods[0]!.period.start;
  const to = periods[periods.length - 1]!.period.end;
  const [issues, outages] = await Promise.all([
    db.vendorIssue.findMany({ where: { contractId, openedAt: { gte: from, lt: to } }, select: { id: true, number: true, priority: true, category: true, openedAt: true, respondedAt: true, resolvedAt: true } }),
    db.outage.findMany({ where: { contractId, startAt: { lt: to }, endAt: { gt: from } }, select: { startAt: true, endAt: true, maintenance: true } }),
  ]);
  const input = { issues: issues.map(timesOf), outages: outages.map((o) => ({ start: o.startAt, end: o.endAt, maintenance: o.maintenance })), targets: policy.targets, hours: policy.hours, now, uptimeTargetPercent: policy.uptimeTarget };
  return { policy, months: periods.map(({ month, period }) => ({ month, stats: slaStats({ ...input, period }) })) };
}
