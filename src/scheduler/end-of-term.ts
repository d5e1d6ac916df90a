import { z } from 'zod';
import { rollForward } from '../domain/contract-terms.js';
import { addDays, compareDays, type Day } from '../domain/days.js';
import type { Tx } from '../store/client.js';
import type { Contract } from '../store/contracts.js';
import { requireContractOfRow, termsOf, updateContract } from '../store/contracts.js';
import { audit, currentDecision } from '../store/decisions.js';
import { recordDetail, replanContract, type Reminder } from '../store/reminder-ledger.js';
import type { WorkspaceSettings } from '../store/workspaces.js';
import type { EndOutcome } from '../messages/lifecycle.js';

const outcomeSchema = z.union([
  z.object({ kind: z.literal('auto-renewed'), previousEnd: z.string(), rolled: z.number() }),
  z.object({ kind: z.literal('expired') }),
  z.object({ kind: z.literal('terminated') }),
]);

/**
 * Applies the end of a term exactly once (guarded by the cycle number) and records what it did on the
 * reminder row, so a retried post tells the same story: auto contracts roll into a new term and a new
 * reminder cycle; manual ones without a renew decision expire; terminated ones end.
 */
export async function applyEndOfTerm(tx: Tx, reminder: Reminder, workspace: WorkspaceSettings, today: Day, at: Date): Promise<{ contract: Contract; outcome: EndOutcome } | null> {
  const recorded = reminder.detail ? outcomeSchema.safeParse(JSON.parse(reminder.detail)) : null;
  const contract = await requireContractOfRow(tx, reminder.contractId!);
  if (recorded?.success) return { contract, outcome: recorded.data };
  // Renewed by hand, archived, or already handled: this end event no longer applies.
  if (contract.cycle !== reminder.cycle || contract.status !== 'active') return null;

  const decision = await currentDecision(tx, contract.id, reminder.cycle);
  let outcome: EndOutcome;
  let updated: Contract;
  if (decision?.status === 'final' && decision.choice === 'terminate') {
    outcome = { kind: 'terminated' };
    updated = await updateContract(tx, contract.id, { status: 'ended' });
  } else if (contract.renewal === 'auto') {
    const { terms, rolled } = rollForward(termsOf(contract), compareDays(today, contract.end) > 0 ? today : addDays(contract.end, 1));
    outcome = { kind: 'auto-renewed', previousEnd: contract.end, rolled };
    updated = await updateContract(tx, contract.id, { start: terms.start, end: terms.end, cycle: contract.cycle + rolled, snoozedUntil: null });
    await replanContract(tx, updated, workspace, terms.start ?? addDays(contract.end, 1));
  } else {
    outcome = { kind: 'expired' };
    updated = await updateContract(tx, contract.id, { status: 'expired' });
  }
  if (updated.status !== 'active') await replanContract(tx, updated, workspace, today);
  await recordDetail(tx, reminder.id, outcome);
  await audit(tx, { workspaceId: contract.workspaceId, contractId: contract.id, actorId: 'renewal-desk', action: `term.${outcome.kind}`, detail: { cycle: reminder.cycle, end: contract.end }, at });
  return { contract: updated, outcome };
}
