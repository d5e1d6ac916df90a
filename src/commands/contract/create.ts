import { deadlineOf, rollForward, type Per, type RenewalMode, type Tier } from '../../domain/contract-terms.js';
import { compareDays, type Day } from '../../domain/days.js';
import type { PlannedReminder } from '../../domain/reminder-plan.js';
import type { Tx } from '../../store/client.js';
import { nameKey, type Contract } from '../../store/contracts.js';
import { prismaRowWriter } from '../../store/bulk-insert.js';
import { insertContracts, type NewContractData } from '../../store/contract-batch.js';
import type { Workspace } from '../../store/workspaces.js';
import { UsageError } from '../errors.js';
import { ADD_EXAMPLE } from './fields.js';

export interface ContractInput {
  name: string;
  vendor: string;
  end: Day;
  start?: Day;
  notice?: number;
  renewal?: RenewalMode;
  term?: number;
  value?: number;
  currency?: string;
  per?: Per;
  tier?: Tier;
  owner?: string;
  channel?: string;
  services?: string;
  departments?: string;
}

export interface PreparedContract {
  data: NewContractData;
  /** Things the user should know (an auto contract rolled forward, a deadline already passed). */
  notes: string[];
}

/** Cross-field rules and defaults for a new contract. Throws UsageError; stores nothing. */
export function prepareContract(input: ContractInput, ctx: { workspaceId: string; userId: string; channelId: string | null; today: Day }): PreparedContract {
  const notes: string[] = [];
  if (input.start && compareDays(input.start, input.end) >= 0) {
    throw new UsageError(`\`start:${input.start}\` must be before \`end:${input.end}\`.`, ADD_EXAMPLE);
  }
  const renewal = input.renewal ?? 'auto';
  const termMonths = input.term ?? 12;
  let start = input.start ?? null;
  let end = input.end;
  if (compareDays(end, ctx.today) < 0) {
    if (renewal === 'manual') {
      throw new UsageError(`\`end:${end}\` is in the past and a manual contract expires at its end: give the current end date.`, ADD_EXAMPLE);
    }
    const rolled = rollForward({ start, end, termMonths }, ctx.today);
    notes.push(`The end date ${end} has passed; as an auto-renewing contract its current term runs ${rolled.terms.start} to ${rolled.terms.end}.`);
    start = rolled.terms.start;
    end = rolled.terms.end;
  }
  const noticeDays = input.notice ?? 0;
  const deadline = deadlineOf({ end, noticeDays });
  if (compareDays(deadline, ctx.today) < 0) {
    notes.push(
      renewal === 'auto'
        ? `Its notice deadline ${deadline} has already passed: it renews on ${end} unless the vendor accepts late notice.`
        : `Its notice deadline ${deadline} has already passed; it expires on ${end}.`,
    );
  }
  return {
    data: {
      workspaceId: ctx.workspaceId,
      name: input.name.trim(),
      nameKey: nameKey(input.name),
      vendor: input.vendor,
      services: input.services ?? null,
      start,
      end,
      noticeDays,
      deadline,
      renewal,
      termMonths,
      value: input.value ?? null,
      currency: input.currency ?? 'USD',
      per: input.per ?? 'year',
      tier: input.tier ?? 2,
      ownerId: input.owner ?? ctx.userId,
      channelId: input.channel ?? ctx.channelId,
      departments: input.departments ?? null,
      createdBy: ctx.userId,
    },
    notes,
  };
}

/** Creates the contract and plans its reminders, in the caller's transaction. */
/** `at` is the bot's clock, for the contract's createdAt and its audit row (never the database's now()). */
export async function insertContract(tx: Tx, prepared: PreparedContract, workspace: Workspace, today: Day, at: Date): Promise<{ contract: Contract; plan: PlannedReminder[] }> {
  // The same code as a CSV import, so both store exactly the same rows.
  const [created] = await insertContracts(prismaRowWriter(tx), [{ data: prepared.data, workspace, today }], at);
  return created!;
}

