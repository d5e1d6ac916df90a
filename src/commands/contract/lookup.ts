import { closestNames } from '../../domain/closest-names.js';
import { contractNames, findContract, type Contract } from '../../store/contracts.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';

/** The contract a user named, or an error that offers the closest names. */
export async function requireContract(ctx: CommandContext, name: string, example: string): Promise<Contract> {
  if (!name.trim()) throw new UsageError('Which contract? Give its name.', example);
  const contract = await findContract(ctx.db, ctx.workspace.id, name);
  if (contract) return contract;
  const suggestions = closestNames(name, await contractNames(ctx.db, ctx.workspace.id));
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((n) => `*${n}*`).join(', ')}?` : ' `/contract list` shows them all.';
  throw new UsageError(`There is no contract named *${name.slice(0, 80)}*.${hint}`, example);
}
