import type { VNode } from 'preact';
import { decisionMark } from '../../commands/renewals/calendar.js';
import { addMonths, daysBetween } from '../../domain/days.js';
import { eventsBetween, renewalEvents } from '../../domain/renewal-events.js';
import { dayIn, formatInstant } from '../../domain/zoned-time.js';
import { monthTitle } from '../../messages/credit.js';
import { daysLeft } from '../../messages/format.js';
import { consoleTranscript } from '../../store/console-entries.js';
import { activeContracts, termsOf } from '../../store/contracts.js';
import { currentDecisions, type Decision } from '../../store/decisions.js';
import { nextRemindersOfWorkspace } from '../../store/reminder-ledger.js';
import type { Workspace } from '../../store/workspaces.js';
import type { ConsoleDeps } from './context.js';
import { parseEntry, type Entry } from './entries.js';
import { monthlyRuns } from './monthly-runs.js';
import { describeReminders, namesOf } from './reminder-labels.js';
import { isConsoleWorkspace, type ShownScope } from './scope.js';
import { CalendarPage, type CalendarRow, type EventState } from './views/calendar.js';
import type { Chrome } from './views/layout.js';
import { TryItPage, type UpcomingReminder } from './views/try-it.js';

const TRANSCRIPT_SHOWN = 60;
/** Contracts drawn on the calendar, soonest first: a timeline of thousands helps nobody. */
const CALENDAR_ROWS = 150;
const DEMO_EXAMPLES = ['/renewals', '/contract list', '/contract add', '/contract show "Globex Managed Network"', '/sla "Globex Managed Network" period:12m', '/sla credits', '/contract scorecard "Globex Managed Network"', '/renewals spend', '/issue list', '/renewals settings calendar'];
const EXAMPLES = ['/renewals', '/contract list', '/contract add', '/issue list', '/renewals settings'];


const UPCOMING_SHOWN = 8;

/**
 * The next first business day, which the ledger does not hold yet: the monthly reports are planned
 * and the month before is evaluated for service credits when the scheduler first runs on that day.
 */
function nextMonthlyRun(now: Date, workspace: Workspace): UpcomingReminder {
  const { next } = monthlyRuns(now, workspace.timezone, workspace.reminderTime);
  const when = formatInstant(next.at, workspace.timezone);
  return { at: when.replace(' ', 'T'), when, what: `Monthly SLA reports, and service credits earned in ${monthTitle(next.month)}` };
}

export async function tryItPage(deps: ConsoleDeps, scope: ShownScope, chrome: Chrome, sandbox: boolean): Promise<VNode> {
  const { workspace } = scope;
  const rows = await consoleTranscript(deps.db, workspace.id, scope.user?.id ?? null, TRANSCRIPT_SHOWN + 1);
  const entries = rows.slice(-TRANSCRIPT_SHOWN).map(parseEntry).filter((e): e is Entry => e !== null);
  const names = namesOf(scope);
  const own = isConsoleWorkspace(workspace);
  let scheduler = null;
  if (own) {
    const planned = await describeReminders(deps, await nextRemindersOfWorkspace(deps.db, workspace.id, UPCOMING_SHOWN), names, workspace.timezone);
    const upcoming = [...planned, nextMonthlyRun(deps.clock(), workspace)].sort((a, b) => a.at.localeCompare(b.at)).slice(0, UPCOMING_SHOWN);
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

export async function calendarPage(deps: ConsoleDeps, scope: ShownScope, chrome: Chrome): Promise<VNode> {
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
  return CalendarPage({ chrome, today, until, rows: rows.slice(0, CALENDAR_ROWS), more: Math.max(0, rows.length - CALENDAR_ROWS) });
}

