import { CHOICES, type Choice } from '../../domain/decision-rules.js';
import { decide } from '../actions/decide.js';
import type { CommandContext, CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { positionals } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { requireContract } from './lookup.js';

const EXAMPLE = '/contract decide "Globex Support" renew';

/** The text twin of the decision buttons: `/contract decide <name> renew|renegotiate|terminate`. */
export async function decideCommand(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  if (tokens.some((t) => t.key !== undefined)) throw new UsageError('`/contract decide` takes no options.', EXAMPLE);
  const words = positionals(tokens);
  const choice = words.at(-1)?.toLowerCase();
  if (!choice || !CHOICES.includes(choice as Choice)) {
    throw new UsageError(`End with the decision: ${CHOICES.join(', ')}.`, EXAMPLE);
  }
  const contract = await requireContract(ctx, words.slice(0, -1).join(' '), EXAMPLE);
  return decide(ctx, contract.id, null, choice as Choice, null);
}
