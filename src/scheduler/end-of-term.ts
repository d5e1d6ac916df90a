import { z } from 'zod';
import { rollForward } from '../domain/contract-terms.js';
import { addDays, compareDays, type Day } from '../domain/days.js';
import type { Db, Tx } from '../store/client.js';
import type { Contract } from '../store/contracts.js';
import { requireContractOfRow, termsOf, updateContract } from '../store/contracts.js';
import { audit, currentDecision } from '../store/decisions.js';
import { recordDetail, recordedDetail, replanContract, type Reminder } from '../store/reminder-ledger.js';
import type { Workspace } from '../store/workspaces.js';
import type { EndOutcome } from '../messages/lifecycle.js';

const outcomeSchema = z.union([
  z.object({ kind: z.literal('auto-renewed'), previousEnd: z.string(), rolled: z.number() }),
  z.object({ kind: z.literal('expired') }),
  z.object({ kind: z.literal('terminated') }),
]);

function outcomeOf(detail: string | null): EndOutcome | null {
  const recorded = detail ? outcomeSchema.safeParse(JSON.parse(detail)) : null;
  return recorded?.success ? recorded.data : null;
}

/**
 * Applies the end of a term exactly once (guarded by the cycle number) and records what it did on the
 * reminder row, so a retried post tells the same story: auto contracts roll into a new term and a new
 * reminder cycle; manual ones without a renew decision expire; terminated ones end. False when this
 * end no longer applies (renewed by hand, archived, or already handled by another row).
 */
export async function applyEndOfTerm(tx: Tx, row: Reminder, workspace: Workspace, today: Day, at: Date): Promise<boolean> {
  if (outcomeOf(await recordedDetail(tx, row.id))) return true;
  const contract = await requireContractOfRow(tx, row.contractId!);
  if (contract.cycle !== row.cycle || contract.status !== 'active') return false;

  const decision = await currentDecision(tx, contract.id, row.cycle);
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
  await recordDetail(tx, row.id, outcome);
  await audit(tx, { workspaceId: contract.workspaceId, contractId: contract.id, actorId: 'renewal-desk', action: `term.${outcome.kind}`, detail: { cycle: row.cycle, end: contract.end }, at });
  return true;
}

/** What `applyEndOfTerm` recorded for the row, with the contract as it is now; null before it ran. */
export async function endOfTermOutcome(db: Db, row: Reminder): Promise<{ contract: Contract; outcome: EndOutcome } | null> {
  const outcome = outcomeOf(await recordedDetail(db, row.id));
  return outcome ? { contract: await requireContractOfRow(db, row.contractId!), outcome } : null;
}
