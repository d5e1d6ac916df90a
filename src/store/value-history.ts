import { z } from 'zod';
import { annualValue } from '../domain/contract-terms.js';
import type { Db, Tx } from './client.js';
import { perOf, type Contract } from './contracts.js';

/** What `/contract edit` records about the value it changed (audit detail of `contract.edited`). */
const valueChange = z.object({ cycle: z.number().int(), annualBefore: z.number().nullable() });

/**
 * The highest annual value the contract had during its current term: the current one, or one it had
 * before an edit in this term. Four eyes are judged against it, so a value lowered just before a
 * decision still needs the second approver.
 */
export async function highestAnnualValueOfCycle(db: Db | Tx, contract: Contract): Promise<number | null> {
  let highest = annualValue(contract.value, perOf(contract));
  const edits = await db.auditEvent.findMany({ where: { contractId: contract.id, action: 'contract.edited' }, select: { detail: true } });
  for (const edit of edits) {
    const parsed = valueChange.safeParse(parseJson(edit.detail));
    if (!parsed.success || parsed.data.cycle !== contract.cycle || parsed.data.annualBefore === null) continue;
    highest = Math.max(highest ?? 0, parsed.data.annualBefore);
  }
  return highest;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
