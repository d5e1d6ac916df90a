import { deadlineOf } from '../../domain/contract-terms.js';
import { isRenewalStale } from '../../domain/catch-up.js';
import { termsOf } from '../../store/contracts.js';
import { applyEndOfTerm, endOfTermOutcome } from '../end-of-term.js';
import type { ReminderFamily } from '../family.js';
import { isLadderStep, reminderMessage, renewalCard } from '../../messages/reminder-card.js';

/** Renewal ladder steps, "deadline passed" and the end of term of a contract. */
export const contractReminders: ReminderFamily = {
  kinds: ['renewal', 'deadline', 'end'],

  async whyNotPost({ reads, row, today }) {
    const contract = row.contractId ? await reads.contract(row.contractId) : null;
    if (!contract) return 'contract gone';
    if (row.kind === 'end') return null; // end of term guards itself by cycle
    if (contract.status !== 'active' || contract.cycle !== row.cycle) return 'contract changed';
    if (row.kind === 'renewal' && isRenewalStale(deadlineOf(termsOf(contract)), today)) return 'deadline already passed';
    if (row.kind === 'deadline' && today > contract.end) return 'term already ended';
    return null;
  },

  /** The end of a term rolls the contract forward (or ends it) once; the message then reports what happened. */
  async beforePost({ db, row, workspace, today, now }) {
    if (row.kind !== 'end') return null;
    const applies = await db.$transaction((tx) => applyEndOfTerm(tx, row, workspace, today, now));
    return applies ? null : 'no longer applies';
  },

  async build({ db, reads, row, workspace, today, late, now }) {
    if (row.kind === 'end') {
      const ended = await endOfTermOutcome(db, row);
      if (!ended) return null;
      const { contract, outcome } = ended;
      return { message: reminderMessage.end(contract, outcome, late), channelId: contract.channelId };
    }
    const contract = await reads.contract(row.contractId!);
    if (!contract) throw new Error(`reminder ledger: contract ${row.contractId} of a due reminder is gone`);
    const [evidence, firstRenewal] = await Promise.all([
      reads.renewalEvidence(contract, row.cycle, { timezone: workspace.timezone, today, now }),
      isLadderStep(row) && reads.isFirstRenewal(contract.id, row.cycle, row.step),
    ]);
    return { message: renewalCard(row, contract, { workspace, today, now, late, evidence, firstRenewal }), channelId: contract.channelId };
  },
};
