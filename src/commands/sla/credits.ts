import { creditTotals, OPEN_STATES } from '../../domain/credits.js';
import { contractNamesById } from '../../store/contracts.js';
import { creditsOf, figuresOf, stateOf } from '../../store/credits.js';
import { creditListLine, totalsLines } from '../../messages/credit.js';
import { message, type Block } from '../../messages/model.js';
import { todayOf, type CommandContext, type CommandResult } from '../context.js';
import type { Token } from '../tokenize.js';
import { listScope } from '../contract/lookup.js';

const EXAMPLE = '/sla credits "Globex Support" all';
const LIMIT = 40;

/**
 * `/sla credits [<contract>] [open|all]`: the credits (open ones by default: due or claimed), newest
 * month first, and the totals over all of them (owed, claimed, recovered, lost), per currency.
 */
export async function listCredits(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const { scope, contract } = await listScope(ctx, tokens, '/sla credits', EXAMPLE);
  const all = await creditsOf(ctx.db, ctx.workspace.id, { contractId: contract?.id });
  const shown = scope === 'all' ? all : all.filter((c) => OPEN_STATES.includes(stateOf(c)));
  const names = await contractNamesById(ctx.db, all.map((c) => c.contractId));
  const of = contract ? ` of ${contract.name}` : '';
  const title = `${scope === 'open' ? 'Open service credits' : 'Service credits'}${of}`;
  const totals = totalsLines(creditTotals(all.map(figuresOf)));
  const today = todayOf(ctx);
  const blocks: Block[] = [{ type: 'header', text: title }];
  const lines = shown.slice(0, LIMIT).map((c) => creditListLine(c, names.get(c.contractId) ?? '?', today));
  for (let i = 0; i < lines.length; i += 15) blocks.push({ type: 'section', text: lines.slice(i, i + 15).join('\n') });
  if (lines.length === 0) blocks.push({ type: 'section', text: all.length === 0 ? `No service credits${of} yet. Credit tiers: \`/sla set "Globex Support" credits:"99.9:10,99:25,95:100"\`` : 'None open.' });
  if (totals.length > 0) blocks.push({ type: 'section', text: `*Totals${of}* (${all.length} credit${all.length === 1 ? '' : 's'})\n${totals.join('\n')}` });
  const hidden = all.length - shown.length;
  const more = [shown.length > LIMIT ? `showing the newest ${LIMIT}` : null, scope === 'open' && hidden > 0 ? `${hidden} settled not listed: \`/sla credits${contract ? ` "${contract.name}"` : ''} all\`` : null].filter(Boolean);
  if (more.length > 0) blocks.push({ type: 'context', text: more.join(' · ') });
  const summary = totals.length > 0 ? ` Totals: ${totals.join('; ')}.` : '';
  return { reply: message(`${title}: ${shown.length} listed.${summary}`, ...blocks) };
}
