import { activeContractsByDeadline, perOf } from '../../store/contracts.js';
import { day, daysLeft, mention, money } from '../../messages/format.js';
import { message, type Block } from '../../messages/model.js';
import { LINES_PER_PAGE, pageNote } from '../../messages/pages.js';
import { todayOf, type CommandContext, type CommandResult } from '../context.js';
import { parseOptions } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { pageNumber } from '../values.js';

const EXAMPLE = '/contract list page:2';

/** Active contracts, soonest notice deadline first, a page of them at a time. */
export async function listContracts(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  // Anything else typed after `list` is ignored, as it always was.
  const page = parseOptions(tokens.filter((t) => t.key === 'page'), { page: pageNumber }, EXAMPLE).page ?? 1;
  const today = todayOf(ctx);
  const { contracts, total } = await activeContractsByDeadline(ctx.db, ctx.workspace.id, { skip: (page - 1) * LINES_PER_PAGE, take: LINES_PER_PAGE });
  if (total === 0) {
    return { reply: message('No contracts yet. Add one with /contract add.', { type: 'section', text: 'No contracts yet. Add one with `/contract add "Globex Support" vendor:Globex end:YYYY-MM-DD`.' }) };
  }
  const lines = contracts.map(
    (c) => `• *${c.name}* (${c.vendor}): deadline ${day(c.deadline)}, ${daysLeft(today, c.deadline)} · ends ${c.end} · ${c.renewal} · ${money(c.value, c.currency, perOf(c))} · ${mention(c.ownerId)}`,
  );
  const blocks: Block[] = [{ type: 'header', text: `Contracts (${total})` }];
  for (let i = 0; i < lines.length; i += 20) blocks.push({ type: 'section', text: lines.slice(i, i + 20).join('\n') });
  const more = pageNote({ page, shown: contracts.length, total, what: 'contracts', next: `/contract list page:${page + 1}` });
  if (more) blocks.push({ type: 'context', text: more });
  const next = contracts[0];
  const text = next ? `${total} contract(s); ${page > 1 ? `page ${page} starts with` : 'next deadline:'} ${next.name} on ${next.deadline}.` : `${total} contract(s).`;
  return { reply: message(text, ...blocks) };
}
