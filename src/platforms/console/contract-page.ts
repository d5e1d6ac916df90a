import type { VNode } from 'preact';
import { annualValue, deadlineOf } from '../../domain/contract-terms.js';
import { addMonths, type Day } from '../../domain/days.js';
import { dayIn, formatInstant } from '../../domain/zoned-time.js';
import { lastMonths } from '../../domain/periods.js';
import { judge } from '../../domain/scorecard.js';
import { describeAuditEvent } from '../../messages/audit.js';
import { cents, channel, day, daysLeft, mention, money, months } from '../../messages/format.js';
import { scorecardFacts } from '../../messages/scorecard.js';
import { decisionLine } from '../../messages/renewal.js';
import { noteOf } from '../../messages/reminder-card.js';
import { hoursText } from '../../messages/sla-status.js';
import { contactsOf } from '../../store/contacts.js';
import { findContractById, perOf, termsOf, type Contract } from '../../store/contracts.js';
import { creditLabel, creditsOf, stateOf } from '../../store/credits.js';
import { auditTrailOf, currentDecision } from '../../store/decisions.js';
import { evidenceOver } from '../../store/reminder-evidence.js';
import { upcomingReminders } from '../../store/reminder-ledger.js';
import { slaByMonth } from '../../store/sla-data.js';
import type { ConsoleDeps } from './context.js';
import { EVIDENCE_PROVIDERS } from './evidence.js';
import { describeReminders, namesOf } from './reminder-labels.js';
import type { ShownScope } from './scope.js';
import { uptimeAxisMin, type ChartMark, type ChartProps } from './views/charts.js';
import { ContractPage } from './views/contract.js';
import type { VerdictProps } from './views/evidence.js';
import type { Chrome } from './views/layout.js';

/** The last 12 calendar months, oldest first, the current one included ("2026-01" … "2026-12"). */
function lastTwelveMonths(today: Day): string[] {
  const first = `${today.slice(0, 7)}-01`;
  return Array.from({ length: 12 }, (_, i) => addMonths(first, i - 11).slice(0, 7));
}

/** The verdict `/contract scorecard <name>` gives (its default period: the last 12 months), with its reasons. */
async function scorecardVerdict(deps: ConsoleDeps, contract: Contract, workspace: { timezone: string; reminderTime: string }): Promise<VerdictProps> {
  const now = deps.clock();
  const period = lastMonths(12, now, workspace.timezone);
  const evidence = await evidenceOver(deps.db, contract, period, workspace.timezone, now);
  const judgement = judge(scorecardFacts(evidence, { timezone: workspace.timezone, reminderTime: workspace.reminderTime, now }));
  return { ...judgement, period: period.title, command: `/contract scorecard "${contract.name.replace(/"/g, '')}"` };
}

/** "C-1: 2,000.00 USD (25 %), to claim" per month shown, for the months that earned a service credit. */
async function creditMarks(deps: ConsoleDeps, contract: Contract, monthsShown: readonly string[]): Promise<(ChartMark | null)[]> {
  const credits = await creditsOf(deps.db, contract.workspaceId, { contractId: contract.id, fromMonth: monthsShown[0], toMonth: monthsShown.at(-1) });
  return monthsShown.map((month) => {
    const credit = credits.find((c) => c.month === month);
    if (!credit) return null;
    const amount = credit.amount === null ? `${credit.percent} % of the fee` : `${cents(credit.amount, credit.currency)} (${credit.percent} %)`;
    return { label: creditLabel(credit), note: `service credit ${creditLabel(credit)}: ${amount}, ${stateOf(credit)}` };
  });
}

async function slaCharts(deps: ConsoleDeps, contract: Contract, timezone: string): Promise<{ summary: string; charts: ChartProps[] }> {
  const now = deps.clock();
  const monthsShown = lastTwelveMonths(dayIn(now, timezone));
  const [sla, marks] = await Promise.all([slaByMonth(deps.db, contract.id, timezone, monthsShown, now), creditMarks(deps, contract, monthsShown)]);
  const rate = (r: number | null) => (r === null ? null : r * 100);
  const note = (met: number, breached: number) => (met + breached === 0 ? '' : `${met} met, ${breached} breached`);
  const uptime = sla.months.map((m) => (m.stats.uptime === null ? null : m.stats.uptime * 100));
  const issues = sla.months.reduce((n, m) => n + m.stats.issueCount, 0);
  const breaches = sla.months.reduce((n, m) => n + m.stats.breachCount, 0);
  const { policy } = sla;
  return {
    summary: `${hoursText(policy, timezone)} · expected compliance ${policy.expectation} % · ${policy.uptimeTarget !== null ? `uptime target ${policy.uptimeTarget} %` : 'no uptime target'} · ${issues} issue${issues === 1 ? '' : 's'} opened, ${breaches} breach${breaches === 1 ? '' : 'es'} of a target in these 12 months`,
    charts: [
      {
        title: 'Response and resolution compliance per month', months: monthsShown, yMin: 0, yMax: 100,
        target: policy.expectation, targetLabel: `expected ${policy.expectation} %`,
        series: [
          { id: 'response', label: 'response', values: sla.months.map((m) => rate(m.stats.response.compliance.rate)), notes: sla.months.map((m) => note(m.stats.response.compliance.met, m.stats.response.compliance.breached)) },
          { id: 'resolution', label: 'resolution', values: sla.months.map((m) => rate(m.stats.resolution.compliance.rate)), notes: sla.months.map((m) => note(m.stats.resolution.compliance.met, m.stats.resolution.compliance.breached)) },
        ],
      },
      {
        title: 'Uptime per month', months: monthsShown, yMin: uptimeAxisMin(uptime, policy.uptimeTarget), yMax: 100,
        target: policy.uptimeTarget, targetLabel: policy.uptimeTarget !== null ? `target ${policy.uptimeTarget} %` : '',
        series: [{ id: 'uptime', label: 'uptime', values: uptime, notes: sla.months.map(() => '') }],
        marks, markLabel: 'service credit earned',
      },
    ],
  };
}

export async function contractPage(deps: ConsoleDeps, scope: ShownScope, chrome: Chrome, contractId: string): Promise<VNode | null> {
  const { workspace } = scope;
  const contract = await findContractById(deps.db, workspace.id, contractId);
  if (!contract) return null;
  const tz = workspace.timezone;
  const now = deps.clock();
  const today = dayIn(now, tz);
  const names = namesOf(scope);
  const deadline = deadlineOf(termsOf(contract));
  const yearly = annualValue(contract.value, perOf(contract));
  const [contacts, decision, upcoming, audit, sla, evidence, verdict] = await Promise.all([
    contactsOf(deps.db, contract.id),
    currentDecision(deps.db, contract.id, contract.cycle),
    upcomingReminders(deps.db, contract.id, contract.cycle),
    auditTrailOf(deps.db, workspace.id, contract.id, 50),
    slaCharts(deps, contract, tz),
    Promise.all(EVIDENCE_PROVIDERS.map((provide) => provide({ db: deps.db, contract, workspace, now, names }))),
    scorecardVerdict(deps, contract, workspace),
  ]);
  const note = noteOf(decision);
  const facts = [
    { label: 'Vendor', value: contract.vendor },
    ...(contract.services ? [{ label: 'Services', value: contract.services }] : []),
    { label: 'Status', value: contract.status },
    { label: 'Term', value: contract.start ? `${day(contract.start)} to ${day(contract.end)}` : `to ${day(contract.end)}` },
    { label: 'Notice deadline', value: `*${day(deadline)}*, ${daysLeft(today, deadline)}${contract.noticeDays > 0 ? ` (${contract.noticeDays} days' notice)` : ' (no notice period)'}` },
    { label: 'Renewal', value: contract.renewal === 'auto' ? `automatic, for ${months(contract.termMonths)} at a time` : 'manual: expires unless renewed' },
    { label: 'Value', value: `${money(contract.value, contract.currency, perOf(contract))}${contract.per === 'month' && yearly !== null ? ` (${money(yearly, contract.currency, 'year')})` : ''}` },
    { label: 'Tier', value: String(contract.tier) },
    { label: 'Owner', value: mention(contract.ownerId) },
    { label: 'Channel', value: contract.channelId ? channel(contract.channelId) : 'the workspace channel' },
    ...(contract.departments ? [{ label: 'Departments', value: contract.departments.replace(/:(\d+)/g, ' $1 %').replace(/,/g, ', ') }] : []),
  ];
  return ContractPage({
    chrome, names, title: contract.name, vendor: contract.vendor, facts,
    contacts: [{ role: 'owner', who: mention(contract.ownerId) }, ...contacts.map((c) => ({ role: c.role, who: c.kind === 'internal' && c.userId ? mention(c.userId) : [c.name ?? '?', c.email, c.phone].filter(Boolean).join(' · ') + ' (vendor)' }))],
    decision: note ? decisionLine(note, tz) : null,
    upcoming: await describeReminders(deps, upcoming, names, tz),
    audit: audit.map((a) => ({ at: formatInstant(a.at, tz), who: a.actorId === 'renewal-desk' ? 'Renewal Desk' : mention(a.actorId), what: describeAuditEvent(a.action, a.detail) })),
    sla,
    evidence: evidence.filter((e) => e !== null),
    verdict,
  });
}
