import type { Day } from '../domain/days.js';
import { planCycle, type PlannedReminder } from '../domain/reminder-plan.js';
import type { ColumnType, RowWriter } from './bulk-insert.js';
import { orderedUuid } from './ids.js';
import { termsOf, type Contract } from './contracts.js';
import { seriesKey } from './ledger-keys.js';
import type { Workspace } from './workspaces.js';

/** What a new contract needs besides its generated id, clock stamps and the defaults of a first cycle. */
export type NewContractData = Omit<Contract, 'id' | 'createdAt' | 'updatedAt' | 'cycle' | 'status' | 'snoozedUntil'>;

export interface NewContract {
  data: NewContractData;
  workspace: Workspace;
  /** The day reminders are planned from (steps before it are never due). */
  today: Day;
}

const CONTRACT_COLUMNS = [
  ['id', 'text'], ['workspaceId', 'text'], ['name', 'text'], ['nameKey', 'text'], ['vendor', 'text'], ['services', 'text'],
  ['start', 'text'], ['end', 'text'], ['noticeDays', 'int'], ['deadline', 'text'], ['renewal', 'text'], ['termMonths', 'int'], ['value', 'float'],
  ['currency', 'text'], ['per', 'text'], ['tier', 'int'], ['ownerId', 'text'], ['channelId', 'text'], ['departments', 'text'],
  ['status', 'text'], ['cycle', 'int'], ['snoozedUntil', 'text'], ['createdBy', 'text'], ['createdAt', 'instant'], ['updatedAt', 'instant'],
] as const satisfies readonly (readonly [keyof Contract, ColumnType])[];
// A column added to Contract must be added above (this fails to compile until it is).
const everyContractColumn: Exclude<keyof Contract, (typeof CONTRACT_COLUMNS)[number][0]> extends never ? true : never = true;
void everyContractColumn;

/** The other ledger columns keep their defaults (planned, no attempts, not late) or stay empty. */
const REMINDER_COLUMNS = [
  ['id', 'text'], ['workspaceId', 'text'], ['subject', 'text'], ['contractId', 'text'], ['cycle', 'int'], ['kind', 'text'],
  ['step', 'text'], ['dueAt', 'instant'], ['channelId', 'text'], ['createdAt', 'instant'], ['updatedAt', 'instant'],
] as const;

const AUDIT_COLUMNS = [['id', 'text'], ['workspaceId', 'text'], ['contractId', 'text'], ['actorId', 'text'], ['action', 'text'], ['detail', 'text'], ['at', 'instant']] as const;

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/**
 * Creates contracts with their first cycle's reminder plan and their "contract.added" audit rows, in
 * the writer's transaction, a few multi-row statements for any number of contracts. `at` is the bot's
 * clock (createdAt and the audit row, never the database's now()); `updatedAt` is the wall clock, as
 * Prisma stamps it. The one-contract path (`/contract add`, the form) goes through here too, so an
 * import stores exactly what typing the contracts would.
 */
export async function insertContracts(writer: RowWriter, items: readonly NewContract[], at: Date): Promise<{ contract: Contract; plan: PlannedReminder[] }[]> {
  const stamped = new Date();
  const created = items.map(({ data, workspace, today }) => {
    const contract: Contract = { ...data, id: orderedUuid(), cycle: 1, status: 'active', snoozedUntil: null, createdAt: at, updatedAt: stamped };
    // A new contract has no decision and no snooze yet: the plan replanContract makes for it.
    const plan = planCycle(termsOf(contract), workspace, { from: today, decided: false, snoozedUntil: null });
    return { contract, plan };
  });
  await writer.insert('Contract', CONTRACT_COLUMNS, created.map(({ contract }) => CONTRACT_COLUMNS.map(([name]) => contract[name])));
  await writer.insert(
    'Reminder',
    REMINDER_COLUMNS,
    created.flatMap(({ contract, plan }) => {
      const { subject, cycle } = seriesKey({ of: 'contract', contractId: contract.id, cycle: contract.cycle });
      return plan.map((step) => [orderedUuid(), contract.workspaceId, subject, contract.id, cycle, step.kind, step.step, step.dueAt, null, stamped, stamped]);
    }),
  );
  for (const [workspaceId, added] of countBy(created.map(({ contract }) => contract.workspaceId))) {
    await writer.run('UPDATE "Workspace" SET "activeContracts" = "activeContracts" + ? WHERE "id" = ?', [added, workspaceId]);
  }
  await writer.insert(
    'AuditEvent',
    AUDIT_COLUMNS,
    created.map(({ contract }) => [orderedUuid(), contract.workspaceId, contract.id, contract.createdBy, 'contract.added', JSON.stringify({ name: contract.name, end: contract.end }), at]),
  );
  return created;
}
