import type { VNode } from 'preact';
import { decisionMark } from '../../commands/renewals/calendar.js';
import { annualValue, deadlineOf } from '../../domain/contract-terms.js';
import { addMonths, daysBetween, type Day } from '../../domain/days.js';
import { eventsBetween, renewalEvents } from '../../domain/renewal-events.js';
import { dayIn, formatInstant } from '../../domain/zoned-time.js';
import { describeAuditEvent } from '../../messages/audit.js';
import { channel, count, day, daysLeft, mention, money, months } from '../../messages/format.js';
import { decisionLine } from '../../messages/renewal.js';
import { noteOf } from '../../messages/reminder-card.js';
import { hoursText } from '../../messages/sla-status.js';
import { contactsOf } from '../../store/contacts.js';
import { consoleTranscript } from '../../store/console-entries.js';
import { activeContracts, contractNamesById, findContractById, perOf, termsOf, type Contract } from '../../store/contracts.js';
import { auditTrailOf, currentDecision, currentDecisions, type Decision } from '../../store/decisions.js';
import { seriesOf } from '../../store/ledger-keys.js';
import { nextRemindersOfWorkspace, upcomingReminders, type Reminder } from '../../store/reminder-ledger.js';
import { slaByMonth } from '../../store/sla-data.js';
import type { ConsoleDeps } from './context.js';
import { parseEntry, type Entry } from './entries.js';
import { EVIDENCE_PROVIDERS } from './evidence.js';
import { isConsoleWorkspace, type Scope } from './scope.js';
import { CalendarPage, type CalendarRow, type EventState } from './views/calendar.js';
import { uptimeAxisMin, type ChartProps } from './views/charts.js';
import { ContractPage } from './views/contract.js';
import type { Chrome } from './views/layout.js';
import type { Names } from './views/markup.js';
import { TryItPage, type UpcomingReminder } from './views/try-it.js';

type Shown = Extract<Scope, { ok: true }>;

const TRANSCRIPT_SHOWN = 60;
const DEMO_EXAMPLES = ['/renewals', '/contract list', '/contract add', '/contract show "Globex Managed Network"', '/sla "Globex Managed Network" period:12m', '/issue list', '/renewals settings calendar'];
const EXAMPLES = ['/renewals', '/contract list', '/contract add', '/issue list', '/renewals settings'];

export function namesOf(scope: Shown): Names {
  return { users: new Map(scope.people.map((p) => [p.id, p.name])), channels: scope.channels };
}

/** What a planned reminder is, for people: "Renewal reminder, 30 days before the deadline: Globex Support". */
function describeReminder(r: Reminder, contracts: ReadonlyMap<string, string>, names: Names): string {
  const contract = r.contractId ? contracts.get(r.contractId) ?? 'a contract' : '';
  const series = seriesOf(r);
  switch (r.kind) {
    case 'renewal':
      return r.step.startsWith('d') ? `Renewal reminder (${count(Number(r.step.slice(1)), 'day')} before the deadline): ${contract}` : `Renewal reminder (after a snooze): ${contract}`;
    case 'deadline':
      return `Notice deadline passed: ${contract}`;
    case 'end':
      return `End of term: ${contract}`;
    case 'handover':
      return `Handover reminder for ${series?.of === 'handover' ? names.users.get(series.userId) ?? series.userId : 'a leaver'}`;
    case 'sla-warning':
    case 'sla-breach':
      return `SLA ${r.kind === 'sla-breach' ? 'breach' : 'warning'}: ${contract}`;
    case 'sla-report':
      return 'Monthly SLA report';
    default:
      return r.kind;
  }
}

async function describeReminders(deps: ConsoleDeps, rows: readonly Reminder[], names: Names, timezone: string): Promise<UpcomingReminder[]> {
  const contracts = await contractNamesById(deps.db, rows.map((r) => r.contractId).filter((id): id is string => id !== null));
  return rows.map((r) => {
    const when = formatInstant(r.dueAt, timezone);
    return { at: when.replace(' ', 'T'), when, what: describeReminder(r, contracts, names) };
  });
}

export async function tryItPage(deps: ConsoleDeps, scope: Shown, chrome: Chrome, sandbox: boolean): Promise<VNode> {
  const { workspace } = scope;
  const rows = await consoleTranscript(deps.db, workspace.id, scope.user?.id ?? null, TRANSCRIPT_SHOWN + 1);
  const entries = rows.slice(-TRANSCRIPT_SHOWN).map(parseEntry).filter((e): e is Entry => e !== null);
  const names = namesOf(scope);
  const own = isConsoleWorkspace(workspace);
  let scheduler = null;
  if (own) {
    const upcoming = await describeReminders(deps, await nextRemindersOfWorkspace(deps.db, workspace.id, 8), names, workspace.timezone);
    scheduler = { defaultAt: upcoming[0]?.at ?? formatInstant(deps.clock(), workspace.timezone).replace(' ', 'T'), upcoming };
  }
  const channelId = scope.consoleUser?.channelId;
  return TryItPage({
    chrome, entries, more: rows.length > TRANSCRIPT_SHOWN, names, people: scope.people,
    channel: channelId ? `#${names.channels.get(channelId) ?? channelId}` : null,
    timezone: workspace.timezone, scheduler, examples: own ? DEMO_EXAMPLES : EXAMPLES, sandbox,
  });
}

/** The colour of a date: its decision when there is one, else how close it is. */
function stateOf(decision: Decision | undefined, left: number): { state: EventState; stateLabel: string } {
  const mark = decisionMark(decision).replace(/^ · /, '');
  if (decision?.status === 'final') return { state: 'decided', stateLabel: mark };
  if (decision?.status === 'pending') return { state: 'pending', stateLabel: mark };
  return { state: left <= 30 ? 'urgent' : left <= 90 ? 'soon' : 'later', stateLabel: `${left} day${left === 1 ? '' : 's'} left` };
}

export async function calendarPage(deps: ConsoleDeps, scope: Shown, chrome: Chrome): Promise<VNode> {
  const { workspace } = scope;
  const today = dayIn(deps.clock(), workspace.timezone);
  const until = addMonths(today, 12);
  const contracts = await activeContracts(deps.db, workspace.id);
  const decisions = await currentDecisions(deps.db, contracts);
  const names = namesOf(scope);
  const events = eventsBetween(renewalEvents(contracts.map((c) => ({ id: c.id, terms: termsOf(c) }))), today, until);
  const rows: CalendarRow[] = [];
  for (const c of contracts) {
    const own = events.filter((e) => e.contractId === c.id);
    if (own.length === 0) continue;
    rows.push({
      contractId: c.id, name: c.name, vendor: c.vendor, owner: c.ownerId ? names.users.get(c.ownerId) ?? c.ownerId : 'nobody yet',
      events: own.map((e) => ({ ...e, left: daysLeft(today, e.day), ...stateOf(decisions.get(c.id), daysBetween(today, e.day)) })),
    });
  }
  rows.sort((a, b) => (a.events[0]!.day < b.events[0]!.day ? -1 : 1));
  return CalendarPage({ chrome, today, until, rows });
}

/** The last 12 calendar months, oldest first, the current one included ("2026-01" … "2026-12"). */
function lastTwelveMonths(today: Day): string[] {
  const first = `${today.slice(0, 7)}-01`;
  return Array.from({ length: 12 }, (_, i) => addMonths(first, i - 11).slice(0, 7));
}

async function slaCharts(deps: ConsoleDeps, contract: Contract, timezone: string): Promise<{ summary: string; charts: ChartProps[] }> {
  const now = deps.clock();
  const monthsShown = lastTwelveMonths(dayIn(now, timezone));
  const sla = await slaByMonth(deps.db, contract.id, timezone, monthsShown, now);
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
      },
    ],
  };
}

export async function contractPage(deps: ConsoleDeps, scope: Shown, chrome: Chrome, contractId: string): Promise<VNode | null> {
  const { workspace } = scope;
  const contract = await findContractById(deps.db, workspace.id, contractId);
  if (!contract) return null;
  const tz = workspace.timezone;
  const now = deps.clock();
  const today = dayIn(now, tz);
  const names = namesOf(scope);
  const deadline = deadlineOf(termsOf(contract));
  const yearly = annualValue(contract.value, perOf(contract));
  const [contacts, decision, upcoming, audit, sla, evidence] = await Promise.all([
    contactsOf(deps.db, contract.id),
    currentDecision(deps.db, contract.id, contract.cycle),
    upcomingReminders(deps.db, contract.id, contract.cycle),
    auditTrailOf(deps.db, workspace.id, contract.id, 50),
    slaCharts(deps, contract, tz),
    Promise.all(EVIDENCE_PROVIDERS.map((provide) => provide(deps.db, contract, workspace, now))),
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
  });
}
