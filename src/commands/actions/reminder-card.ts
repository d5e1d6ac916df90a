import type { Contract } from '../../store/contracts.js';
import { findContractById } from '../../store/contracts.js';
import { postedReminder } from '../../store/reminder-ledger.js';
import type { DecisionNote } from '../../messages/renewal.js';
import { reminderMessage } from '../../messages/reminder-card.js';
import { update, type UpdateEffect } from '../../effects/effect.js';
import { todayOf, type CommandContext, type MessageRef } from '../context.js';

/**
 * A posted reminder rebuilt from the contract's current state, to update it in place (after a
 * decision, an approval, a snooze). `note` overrides the decision shown; undefined reads the current one.
 */
export async function reminderCardUpdate(ctx: CommandContext, contract: Contract, target: MessageRef | null, note?: DecisionNote | null): Promise<UpdateEffect[]> {
  if (!target) return [];
  const row = await postedReminder(ctx.db, contract.id, target.channelId, target.messageId);
  const current = (await findContractById(ctx.db, ctx.workspace.id, contract.id)) ?? contract;
  const updated = await reminderMessage.forKind(ctx.db, row ?? { kind: 'renewal', step: '', cycle: contract.cycle }, current, ctx.workspace, todayOf(ctx), null, ctx.now, note);
  return [update(target.channelId, target.messageId, updated, `the reminder message of ${contract.name}`)];
}
