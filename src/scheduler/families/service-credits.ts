import { vendorContactsOf } from '../../store/contacts.js';
import { requireContractOfRow } from '../../store/contracts.js';
import { changeCredit, creditMessageRef, creditOfRow, stateOf } from '../../store/credits.js';
import { seriesAs } from '../../store/ledger-keys.js';
import { creditCard, creditLost, creditReminder } from '../../messages/credit.js';
import type { FamilyContext, FamilyPost, ReminderFamily } from '../family.js';

/** The settler recorded when the scheduler marks a credit lost. */
const SCHEDULER = 'renewal-desk';

async function creditOf(ctx: FamilyContext) {
  return creditOfRow(ctx.db, seriesAs('credit', ctx.row).creditId);
}

/** A service credit's message, its claim reminders while unclaimed, and "lost" once its deadline passed unclaimed. */
export const serviceCredits: ReminderFamily = {
  kinds: ['credit', 'credit-reminder', 'credit-lost'],

  async whyNotPost(ctx) {
    const credit = await creditOf(ctx);
    if (!credit) return 'credit gone';
    const state = stateOf(credit);
    switch (ctx.row.kind) {
      case 'credit':
        return null;
      case 'credit-reminder':
        if (state !== 'due') return `credit ${state}`;
        return ctx.today > credit.claimDeadline ? 'claim deadline passed' : null;
      default:
        // "lost" stays to be said when a post of it failed after the credit was marked.
        return state === 'due' || state === 'lost' ? null : `credit ${state}`;
    }
  },

  /** The deadline passed unclaimed: the credit is lost (once; a retried post finds it lost already). */
  async beforePost(ctx) {
    if (ctx.row.kind !== 'credit-lost') return null;
    const credit = await creditOf(ctx);
    if (!credit) return 'credit gone';
    if (stateOf(credit) === 'due') await changeCredit(ctx.db, credit.id, ['due'], { status: 'lost', settledBy: SCHEDULER, settledAt: ctx.now });
    const after = await creditOf(ctx);
    return after && stateOf(after) === 'lost' ? null : 'claimed or settled at the last moment';
  },

  async build(ctx): Promise<FamilyPost | null> {
    const { db, row, workspace, today, late } = ctx;
    const credit = await creditOf(ctx);
    if (!credit) return null;
    const contract = await requireContractOfRow(db, credit.contractId);
    const contacts = await vendorContactsOf(db, contract.id);
    const options = { timezone: workspace.timezone, today, contacts, late };
    if (row.kind === 'credit') return { message: creditCard(credit, contract, options), channelId: contract.channelId };
    if (row.kind === 'credit-reminder') return { message: creditReminder(credit, contract, options), channelId: contract.channelId };
    const card = await creditMessageRef(db, credit.id);
    return {
      message: creditLost(credit, contract, options),
      channelId: contract.channelId,
      refresh: card ? [{ ...card, message: creditCard(credit, contract, { ...options, late: null }) }] : [],
    };
  },
};
