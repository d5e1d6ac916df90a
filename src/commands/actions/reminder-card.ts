import type { Contract } from '../../store/contracts.js';
import { findContractById } from '../../store/contracts.js';
import { postedReminder } from '../../store/reminder-ledger.js';
import type { DecisionNote } from '../../messages/renewal.js';
import { reminderMessage } from '../../messages/reminder-card.js';
import { todayOf, type CommandContext, type MessageRef } from '../context.js';

/**
 * Rebuilds a posted reminder from the contract's current state and updates it in place (after a
 * decision, an approval, a snooze). `note` overrides the decision shown; undefined reads the current one.
 */
export async function updateReminderCard(ctx: CommandContext, contract: Contract, target: MessageRef | null, note?: DecisionNote | null): Promise<void> {
  if (!target) return;
  const row = await postedReminder(ctx.db, contract.id, target.channelId, target.messageId);
  const current = (await findContractById(ctx.db, ctx.workspace.id, contract.id)) ?? contract;
  const updated = await reminderMessage.forKind(ctx.db, row ?? { kind: 'renewal', step: '', cycle: contract.cycle }, current, ctx.workspace, todayOf(ctx), null, ctx.now, note);
  const result = await ctx.delivery.update({ workspaceId: ctx.workspace.id, channelId: target.channelId }, target.messageId, updated);
  if (!result.ok) ctx.log(`could not update the reminder message of ${contract.name}: ${result.error}`);
}
