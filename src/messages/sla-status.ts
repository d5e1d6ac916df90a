import { describeSlaDuration, formatDuration } from '../domain/durations.js';
import { PRIORITIES } from '../domain/sla-measure.js';
import type { Compliance, MeasureStats } from '../domain/sla-stats.js';
import { compareWithPrevious } from '../domain/sla-trend.js';
import { formatInstant } from '../domain/zoned-time.js';
import type { Contract } from '../store/contracts.js';
import type { SlaReport } from '../store/sla-data.js';
import type { SlaPolicy } from '../store/sla-policies.js';
import type { Block, Message } from './model.js';
import { uptimeShort } from './format.js';

const pct = (rate: number) => `${Math.round(rate * 100)} %`;
const issues = (n: number) => `${n} issue${n === 1 ? '' : 's'}`;

function ratio(c: Compliance): string {
  const open = c.pending > 0 ? `, ${c.pending} still running` : '';
  return c.rate === null ? `none decided yet${open}` : `${c.met} of ${c.met + c.breached} met (${pct(c.rate)})${open}`;
}

/**
 * The overall ratio, then one line per priority that had issues. Every line says what it is: Teams
 * shows each further line of a field as a fact of its own, without a title.
 */
function compliance(stats: MeasureStats, hasTargets: boolean): string {
  if (!hasTargets && stats.compliance.met + stats.compliance.breached + stats.compliance.pending === 0) return 'no targets set';
  const lines = PRIORITIES.filter((p) => stats.byPriority[p].compliance.met + stats.byPriority[p].compliance.breached + stats.byPriority[p].compliance.pending > 0).map(
    (p) => `${p.toUpperCase()}: ${ratio(stats.byPriority[p].compliance)}`,
  );
  return [ratio(stats.compliance), ...lines].join('\n');
}

function timeLine(stats: MeasureStats, clock: '24x7' | 'business'): string {
  const { medianMs, p90Ms, count } = stats.times;
  return medianMs === null || p90Ms === null ? 'none measured yet' : `median ${formatDuration(medianMs, clock)} · p90 ${formatDuration(p90Ms, clock)} (${count})`;
}

/** A change in percentage points: "+12.5 points", "unchanged"; null when there is nothing to compare. */
function delta(d: number | null): string | null {
  if (d === null) return null;
  const points = Math.round(d * 1000) / 10;
  if (points === 0) return 'unchanged';
  return `${points > 0 ? '+' : ''}${points} point${Math.abs(points) === 1 ? '' : 's'}`;
}

/** "8h" → "8 h", "2d" → "2 working days" in business hours: a target as typed, spelled out (describeSlaDuration). */
function asTyped(text: string | null, clock: SlaPolicy['hoursKind']): string {
  return text === null ? 'not set' : describeSlaDuration(text, clock);
}

/** "P1: response 1 h, resolution 8 h", one line per priority with targets, in priority order. */
export function targetLines(policy: SlaPolicy): string[] {
  const clock = policy.hoursKind;
  return PRIORITIES.filter((p) => policy.typed[p]).map((p) => `${p.toUpperCase()}: response ${asTyped(policy.typed[p]!.response, clock)}, resolution ${asTyped(policy.typed[p]!.resolution, clock)}`);
}

/** "24x7" or "business hours (Mon–Fri 09:00–17:00 Europe/Berlin, 2 holiday(s))". */
export function hoursText(policy: SlaPolicy, timezone: string): string {
  if (policy.hoursKind !== 'business') return '24x7';
  const holidays = policy.holidays.length === 0 ? '' : `, ${policy.holidays.length} holiday${policy.holidays.length === 1 ? '' : 's'}`;
  return `business hours (Mon–Fri 09:00–17:00 ${timezone}${holidays})`;
}

/**
 * The one-line verdict that opens /sla and the monthly report: response and resolution targets
 * together, against the compliance the team expects, and the uptime when it missed its target:
 * "Globex met 4 of 6 SLA targets (67 %): response 2 of 3, resolution 2 of 3 — below the 90 % you expect".
 */
export function verdict(contract: Contract, report: SlaReport): string {
  const { current, policy } = report;
  const uptimeMissed =
    current.uptime !== null && policy.uptimeTarget !== null && !current.uptimeMet ? `; uptime ${uptimeShort(current.uptime)} is below its ${policy.uptimeTarget} % target` : '';
  const measured = (
    [
      ['response', current.response.compliance],
      ['resolution', current.resolution.compliance],
    ] as const
  ).filter(([, c]) => c.rate !== null);
  if (measured.length === 0) {
    if (current.issueCount === 0) {
      // Outages are not logged issues, but "no vendor issues" beside an uptime below 100 % would read as nothing happened.
      const down = current.uptime !== null && current.uptime < 1 && !uptimeMissed ? `; outages took uptime to ${uptimeShort(current.uptime)}` : '';
      return `${contract.name}: no vendor issues logged in this period${uptimeMissed}${down}`;
    }
    return `${contract.name}: ${issues(current.issueCount)}, none measured against a target yet${uptimeMissed}`;
  }
  const met = measured.reduce((sum, [, c]) => sum + c.met, 0);
  const decided = measured.reduce((sum, [, c]) => sum + c.met + c.breached, 0);
  const rate = met / decided;
  const expected = policy.expectation;
  const judgement = rate * 100 >= expected ? `meets the ${expected} % you expect` : `below the ${expected} % you expect`;
  const parts = measured.map(([what, c]) => `${what} ${c.met} of ${c.met + c.breached}`).join(', ');
  return `${contract.name} met ${met} of ${decided} SLA targets (${pct(rate)}): ${parts} — ${judgement}${uptimeMissed}`;
}

/** `credits`: the totals of the service credits of the months in the period, one line per currency. */
export function slaStatusMessage(contract: Contract, report: SlaReport, title: string, timezone: string, credits: readonly string[] = []): Message {
  const { current, policy } = report;
  const clock = policy.hoursKind;
  const head = verdict(contract, report);
  const hasTargets = Object.keys(policy.targets).length > 0;
  const uptimeText =
    current.uptime === null ? 'not measured' : `${uptimeShort(current.uptime)}${policy.uptimeTarget !== null ? ` (target ${policy.uptimeTarget} %: ${current.uptimeMet ? 'met' : 'missed'})` : ' (no target set)'}`;
  const blocks: Block[] = [
    { type: 'header', text: `SLA: ${contract.name}, ${title}` },
    { type: 'section', text: `*${head}.*` },
    {
      type: 'fields',
      fields: [
        { label: 'Response compliance', value: compliance(current.response, hasTargets) },
        { label: 'Resolution compliance', value: compliance(current.resolution, hasTargets) },
        { label: 'Response time', value: timeLine(current.response, clock) },
        { label: 'Resolution time', value: timeLine(current.resolution, clock) },
        { label: 'Uptime', value: uptimeText },
        { label: 'Issues opened', value: `${current.issueCount} (${current.breachCount} breach${current.breachCount === 1 ? '' : 'es'})` },
      ],
    },
  ];
  const label = (id: string) => report.labels.get(id) ?? '?';
  if (current.breaches.length > 0) {
    const lines = current.breaches.map(
      (b) => `• ${label(b.issueId)} ${b.priority.toUpperCase()} ${b.measure}: ${formatDuration(b.elapsedMs, clock)} against ${formatDuration(b.targetMs, clock)}${Number.isFinite(b.ratio) ? ` (${b.ratio.toFixed(1)}×)` : ''}${b.open ? ', still open' : ''}`,
    );
    blocks.push({ type: 'section', text: `*Worst breaches*\n${lines.join('\n')}` });
  }
  if (current.atRisk.length > 0) {
    const lines = current.atRisk.slice(0, 5).map((r) => `• ${label(r.issueId)} ${r.priority.toUpperCase()} ${r.measure} due ${formatInstant(r.dueAt, timezone)} (${Math.round(r.fraction * 100)} % of the target used)`);
    blocks.push({ type: 'section', text: `*Open issues at risk*\n${lines.join('\n')}` });
  }
  if (credits.length > 0) {
    blocks.push({ type: 'section', text: `*Service credits* (months in this period; \`/sla credits "${contract.name}"\`)\n${credits.join('\n')}` });
  } else if (policy.creditTiers.length > 0) {
    blocks.push({ type: 'section', text: `*Service credits:* none earned in this period (${policy.creditTiers.map((t) => `below ${t.below} % → ${t.percent} %`).join(', ')}).` });
  }
  if (current.recurringCategories.length > 0) {
    blocks.push({ type: 'section', text: `*Recurring:* ${current.recurringCategories.map((c) => `${c.category} (${c.count})`).join(', ')}` });
  }
  const change = compareWithPrevious(current, report.previous);
  // Uptime is only compared when either period had downtime or an issue: two clean periods say nothing.
  const previousHadData = report.previous.issueCount > 0 || (report.previous.uptime !== null && report.previous.uptime < 1);
  const changes = [
    delta(change.responseCompliance) && `response compliance ${delta(change.responseCompliance)}`,
    delta(change.resolutionCompliance) && `resolution compliance ${delta(change.resolutionCompliance)}`,
    previousHadData && delta(change.uptime) && `uptime ${delta(change.uptime)}`,
  ].filter(Boolean);
  const trend = changes.length > 0 ? `Against the previous period: ${changes.join(', ')}` : 'Nothing to compare with in the previous period';
  blocks.push({ type: 'context', text: `${trend} · times counted ${hoursText(policy, timezone)}` });
  if (!hasTargets) {
    blocks.push({ type: 'context', text: `No SLA targets set: \`/sla set "${contract.name}" p1 response:1h resolution:8h\`` });
  }
  return { text: `SLA of ${contract.name}, ${title}: ${head}.`, blocks };
}

/** The one-line evidence on a renewal reminder (last 12 months); `credits` the service credit totals of those months. */
export function slaSummaryText(report: SlaReport, credits: readonly string[] = []): string {
  const { current } = report;
  const creditText = credits.length > 0 ? ` Service credits: ${credits.join('; ')}.` : '';
  if (current.issueCount === 0 && current.uptime !== null && current.uptime === 1 && report.policy.uptimeTarget === null) {
    return `*SLA, last 12 months:* no vendor issues recorded.${creditText}`;
  }
  const parts = [issues(current.issueCount)];
  if (current.response.compliance.rate !== null) parts.push(`response ${ratio(current.response.compliance)}`);
  if (current.resolution.compliance.rate !== null) parts.push(`resolution ${ratio(current.resolution.compliance)}`);
  if (current.uptime !== null) parts.push(`uptime ${uptimeShort(current.uptime)}${report.policy.uptimeTarget !== null ? ` (target ${report.policy.uptimeTarget} %)` : ''}`);
  return `*SLA, last 12 months:* ${parts.join(' · ')}.${creditText}`;
}
