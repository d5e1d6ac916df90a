import { findContractById, updateContract } from '../../store/contracts.js';
import { audit } from '../../store/decisions.js';
import { cancelPlanned } from '../../store/reminder-ledger.js';
import { message, plain } from '../../messages/model.js';
import { encode } from '../../messages/payloads.js';
import type { CommandContext, CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { positionals } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { requireContract } from './lookup.js';
import { ensureAllowed } from '../authorise.js';

const EXAMPLE = '/contract archive "Globex Support"';

/** Asks for confirmation first; nothing changes until the button is clicked. */
export async function askArchive(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const contract = await requireContract(ctx, positionals(tokens).join(' '), EXAMPLE);
  if (contract.status === 'archived') throw new UsageError(`*${contract.name}* is already archived.`);
  ensureAllowed(ctx, { kind: 'archive', contract }, { doing: 'archive it', contract });
  const value = encode({ c: contract.id });
  return {
    reply: message(`Archive ${contract.name}? Its reminders stop; nothing is deleted.`,
      { type: 'section', text: `Archive *${contract.name}* (${contract.vendor})? Its reminders stop and it leaves \`/contract list\`; nothing is deleted.` },
      { type: 'actions', buttons: [
        { action: 'archive.confirm', label: 'Archive', value, style: 'danger' },
        { action: 'archive.cancel', label: 'Cancel', value },
      ] }),
  };
}

export async function confirmArchive(ctx: CommandContext, contractId: string, confirmed: boolean): Promise<CommandResult> {
  const contract = await findContractById(ctx.db, ctx.workspace.id, contractId);
  if (!contract) throw new UsageError('That contract no longer exists.');
  if (!confirmed) return { reply: plain(`Kept ${contract.name}; nothing changed.`), replaceOriginal: true };
  if (contract.status === 'archived') return { reply: plain(`${contract.name} is already archived.`), replaceOriginal: true };
  // The confirm button may be clicked by someone other than who asked (a forwarded or replayed payload).
  ensureAllowed(ctx, { kind: 'archive', contract }, { doing: 'archive it', contract });
  await ctx.db.$transaction(async (tx) => {
    await updateContract(tx, contract.id, { status: 'archived' });
    await cancelPlanned(tx, contract.id);
    await audit(tx, { workspaceId: ctx.workspace.id, contractId: contract.id, actorId: ctx.userId, action: 'contract.archived', at: ctx.now });
  });
  return { reply: plain(`Archived ${contract.name}. Its reminders have stopped; its history is kept.`), replaceOriginal: true };
}
