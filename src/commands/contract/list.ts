import { deadlineOf } from '../../domain/contract-terms.js';
import { activeContracts, perOf, termsOf } from '../../store/contracts.js';
import { day, daysLeft, mention, money } from '../../messages/format.js';
import { message, type Block } from '../../messages/model.js';
import { todayOf, type CommandContext, type CommandResult } from '../context.js';

/** Active contracts, soonest notice deadline first. */
export async function listContracts(ctx: CommandContext): Promise<CommandResult> {
  const today = todayOf(ctx);
  const contracts = (await activeContracts(ctx.db, ctx.workspace.id))
    .map((c) => ({ terms: c, deadline: deadlineOf(termsOf(c)) }))
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.terms.name.localeCompare(b.terms.name));
  if (contracts.length === 0) {
    return { reply: message('No contracts yet. Add one with /contract add.', { type: 'section', text: 'No contracts yet. Add one with `/contract add "Name" vendor:Vendor end:YYYY-MM-DD`.' }) };
  }
  const lines = contracts.map(
    ({ terms: c, deadline }) =>
      `• *${c.name}* (${c.vendor}): deadline ${day(deadline)}, ${daysLeft(today, deadline)} · ends ${c.end} · ${c.renewal} · ${money(c.value, c.currency, perOf(c))} · ${mention(c.ownerId)}`,
  );
  const blocks: Block[] = [{ type: 'header', text: `Contracts (${contracts.length})` }];
  for (let i = 0; i < lines.length; i += 20) blocks.push({ type: 'section', text: lines.slice(i, i + 20).join('\n') });
  const next = contracts[0]!;
  const text = `${contracts.length} contract(s); next deadline: ${next.terms.name} on ${next.deadline}.`;
  return { reply: message(text, ...blocks.slice(0, 50)) };
}
