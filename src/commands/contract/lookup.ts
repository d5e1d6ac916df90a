import { closestNames } from '../../domain/closest-names.js';
import { contractNames, findContract, type Contract } from '../../store/contracts.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { positionals } from '../parse-args.js';
import type { Token } from '../tokenize.js';

/** The contract a user named, or an error that offers the closest names. */
export async function requireContract(ctx: CommandContext, name: string, example: string): Promise<Contract> {
  if (!name.trim()) throw new UsageError('Which contract? Give its name.', example);
  const contract = await findContract(ctx.db, ctx.workspace.id, name);
  if (contract) return contract;
  const suggestions = closestNames(name, await contractNames(ctx.db, ctx.workspace.id));
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((n) => `*${n}*`).join(', ')}?` : ' `/contract list` shows them all.';
  throw new UsageError(`There is no contract named *${name.slice(0, 80)}*.${hint}`, example);
}

/** `[<contract>] [open|all]` of the list commands (`/issue list`, `/sla credits`): open by default, every contract without a name. */
export async function listScope(ctx: CommandContext, tokens: Token[], command: string, example: string): Promise<{ scope: 'open' | 'all'; contract: Contract | null }> {
  if (tokens.some((t) => t.key !== undefined)) throw new UsageError(`\`${command}\` takes no options.`, example);
  const words = positionals(tokens);
  const last = words.at(-1)?.toLowerCase();
  const scoped = last === 'all' || last === 'open';
  const name = (scoped ? words.slice(0, -1) : words).join(' ');
  return { scope: last === 'all' ? 'all' : 'open', contract: name ? await requireContract(ctx, name, example) : null };
}
