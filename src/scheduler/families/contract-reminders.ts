import { deadlineOf } from '../../domain/contract-terms.js';
import { isRenewalStale } from '../../domain/catch-up.js';
import { contractOfRow, requireContractOfRow, termsOf } from '../../store/contracts.js';
import { applyEndOfTerm } from '../end-of-term.js';
import type { ReminderFamily } from '../family.js';
import { reminderMessage } from '../../messages/reminder-card.js';

/** Renewal ladder steps, "deadline passed" and the end of term of a contract. */
export const contractReminders: ReminderFamily = {
  kinds: ['renewal', 'deadline', 'end'],

  async stale({ db, reminder, today }) {
    const contract = reminder.contractId ? await contractOfRow(db, reminder.contractId) : null;
    if (!contract) return 'contract gone';
    if (reminder.kind === 'end') return null; // end of term guards itself by cycle
    if (contract.status !== 'active' || contract.cycle !== reminder.cycle) return 'contract changed';
    if (reminder.kind === 'renewal' && isRenewalStale(deadlineOf(termsOf(contract)), today)) return 'deadline already passed';
    if (reminder.kind === 'deadline' && today > contract.end) return 'term already ended';
    return null;
  },

  async build({ db, reminder, workspace, today, late, now }) {
    if (reminder.kind === 'end') {
      const result = await db.$transaction((tx) => applyEndOfTerm(tx, reminder, workspace, today, now));
      if (!result) return null;
      return { message: reminderMessage.end(result.contract, result.outcome, late), channelId: result.contract.channelId };
    }
    const contract = await requireContractOfRow(db, reminder.contractId!);
    const message = await reminderMessage.forKind(db, reminder, contract, workspace, today, late, now);
    return { message, channelId: contract.channelId };
  },
};
