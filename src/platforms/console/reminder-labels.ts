import { count } from '../../messages/format.js';
import { contractNamesById } from '../../store/contracts.js';
import { seriesOf } from '../../store/ledger-keys.js';
import type { Reminder } from '../../store/reminder-ledger.js';
import { formatInstant } from '../../domain/zoned-time.js';
import type { ConsoleDeps } from './context.js';
import type { ShownScope } from './scope.js';
import type { Names } from './views/markup.js';
import type { UpcomingReminder } from './views/try-it.js';

/** The names mentions are shown with: the workspace's people, the console's channels. */
export function namesOf(scope: ShownScope): Names {
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
    case 'survey':
      return `Pulse survey opens: ${contract}`;
    case 'survey-close':
      return `Pulse survey closes, results shown: ${contract}`;
    case 'credit':
      return `Service credit message: ${contract}`;
    case 'credit-reminder':
      return `Service credit claim reminder (${count(Number(r.step.slice(1)), 'day')} before the claim deadline): ${contract}`;
    case 'credit-lost':
      return `Service credit claim deadline passed (lost if unclaimed): ${contract}`;
    default:
      return r.kind;
  }
}

/** Planned reminders as the console lists them: when (and the instant to run the scheduler as of), and what. */
export async function describeReminders(deps: ConsoleDeps, rows: readonly Reminder[], names: Names, timezone: string): Promise<UpcomingReminder[]> {
  const contracts = await contractNamesById(deps.db, rows.map((r) => r.contractId).filter((id): id is string => id !== null));
  return rows.map((r) => {
    const when = formatInstant(r.dueAt, timezone);
    return { at: when.replace(' ', 'T'), when, what: describeReminder(r, contracts, names) };
  });
}

