import { deadlineOf } from '../../domain/contract-terms.js';
import { ensureAllowed } from '../authorise.js';
import { snoozeUntil } from '../../domain/reminder-plan.js';
import { findContractById, termsOf, updateContract } from '../../store/contracts.js';
import { audit } from '../../store/decisions.js';
import { replanContract } from '../../store/reminder-ledger.js';
import { day } from '../../messages/format.js';
import { plain } from '../../messages/model.js';
import { todayOf, type CommandContext, type CommandResult, type MessageRef } from '../context.js';
import { reminderCardUpdate } from './reminder-card.js';
import { UsageError } from '../errors.js';

/** "Snooze 7 days": the next renewal reminder comes a week from today, never after the deadline. */
export async function snooze(ctx: CommandContext, contractId: string, cycle: number, origin: MessageRef | null = null): Promise<CommandResult> {
  const contract = await findContractById(ctx.db, ctx.workspace.id, contractId);
  if (!contract || contract.status !== 'active') throw new UsageError('That contract is no longer active.');
  if (cycle !== contract.cycle) throw new UsageError(`This reminder belongs to an earlier term of *${contract.name}*.`);
  ensureAllowed(ctx, { kind: 'decide', contract }, { doing: 'snooze its reminders', contract });
  const today = todayOf(ctx);
  const deadline = deadlineOf(termsOf(contract));
  const until = snoozeUntil(today, deadline);
  if (!until) throw new UsageError(`The notice deadline of *${contract.name}* is ${deadline}: there is no time left to snooze.`);
  const snoozed = await ctx.db.$transaction(async (tx) => {
    const updated = await updateContract(tx, contract.id, { snoozedUntil: until });
    await replanContract(tx, updated, ctx.workspace, today);
    await audit(tx, { workspaceId: ctx.workspace.id, contractId: contract.id, actorId: ctx.userId, action: 'reminder.snoozed', detail: { until }, at: ctx.now });
    return updated;
  });
  // The clicked reminder says it is snoozed, for everyone in the channel.
  return {
    reply: plain(`Snoozed ${contract.name}: the next renewal reminder comes on ${day(until)} (deadline ${deadline}).`),
    effects: await reminderCardUpdate(ctx, snoozed, origin),
  };
}
