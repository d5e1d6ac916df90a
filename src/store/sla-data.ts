import type { Outage, Period } from '../domain/uptime.js';
import { calendarMonth } from '../domain/periods.js';
import { slaStats, type SlaStats } from '../domain/sla-stats.js';
import type { Db, Tx } from './client.js';
import { measuredIssues } from './issue-measurements.js';
import { slaPoliciesOf, type SlaPolicy } from './sla-policies.js';

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
 * does not grow with other contracts; the counted times come stored with the issues.
 */
export async function slaReport(db: Db | Tx, contractId: string, timezone: string, period: Period, previous: Period, now: Date): Promise<SlaReport> {
  return (await slaReports(db, [contractId], timezone, period, previous, now)).get(contractId)!;
}

/** `slaReport` of many contracts of one workspace over the same periods: four queries however many. */
export async function slaReports(db: Db | Tx, contractIds: readonly string[], timezone: string, period: Period, previous: Period, now: Date): Promise<Map<string, SlaReport>> {
  const policies = await slaPoliciesOf(db, contractIds, timezone);
  const from = new Date(Math.min(previous.start.getTime(), period.start.getTime()));
  const [issuesOf, outagesOf] = await Promise.all([measuredIssues(db, policies, { from, to: period.end, openToo: true }), outagesBetween(db, [...policies.keys()], from, period.end)]);
  const reports = new Map<string, SlaReport>();
  for (const [contractId, policy] of policies) {
    const issues = issuesOf.get(contractId)!;
    const input = { issues, outages: outagesOf.get(contractId) ?? [], targets: policy.targets, hours: policy.hours, now, uptimeTargetPercent: policy.uptimeTarget };
    reports.set(contractId, {
      policy,
      period,
      current: slaStats({ ...input, period }),
      previous: slaStats({ ...input, period: previous, now: new Date(Math.min(now.getTime(), previous.end.getTime())), atRisk: false }),
      labels: new Map(issues.map((i) => [i.id, `I-${i.number}`])),
    });
  }
  return reports;
}

/** The outages of these contracts overlapping [from, to), by contract. */
async function outagesBetween(db: Db | Tx, contractIds: readonly string[], from: Date, to: Date): Promise<Map<string, Outage[]>> {
  const rows = await db.outage.findMany({ where: { contractId: { in: [...contractIds] }, startAt: { lt: to }, endAt: { gt: from } }, select: { contractId: true, startAt: true, endAt: true, maintenance: true } });
  const byContract = new Map<string, Outage[]>();
  for (const o of rows) byContract.set(o.contractId, [...(byContract.get(o.contractId) ?? []), { start: o.startAt, end: o.endAt, maintenance: o.maintenance }]);
  return byContract;
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
  const policies = await slaPoliciesOf(db, [contractId], timezone);
  const policy = policies.get(contractId)!;
  const periods = months.map((month) => ({ month, period: calendarMonth(month, timezone).current }));
  if (periods.length === 0) return { policy, months: [] };
  const from = periods[0]!.period.start;
  const to = periods[periods.length - 1]!.period.end;
  const [issues, outages] = await Promise.all([measuredIssues(db, policies, { from, to, openToo: false }), outagesBetween(db, [contractId], from, to)]);
  const input = { issues: issues.get(contractId)!, outages: outages.get(contractId) ?? [], targets: policy.targets, hours: policy.hours, now, uptimeTargetPercent: policy.uptimeTarget };
  return { policy, months: periods.map(({ month, period }) => ({ month, stats: slaStats({ ...input, period }) })) };
}
