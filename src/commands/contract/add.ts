import { deadlineOf } from '../../domain/contract-terms.js';
import { findContract, termsOf } from '../../store/contracts.js';
import { day, daysLeft, channel, months } from '../../messages/format.js';
import { compareDays } from '../../domain/days.js';
import { message } from '../../messages/model.js';
import { fallbackOutcome } from '../../messages/renewal.js';
import { todayOf, type CommandContext, type CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { parseOptions, positionals } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { contractName } from '../values.js';
import { isUniqueViolation } from '../../store/unique-violation.js';
import { insertContract, prepareContract, type ContractInput } from './create.js';
import { ADD_EXAMPLE, contractFieldSpec } from './fields.js';
import type { PlannedReminder } from '../../domain/reminder-plan.js';
import { formatInstant } from '../../domain/zoned-time.js';
import { openForm } from '../../effects/effect.js';

export async function addContract(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  if (tokens.length === 0) return { reply: message('Opening the new-contract form…'), effects: [openForm('contract-add')] };
  const today = todayOf(ctx);
  const options = parseOptions(tokens, contractFieldSpec(today), ADD_EXAMPLE);
  const name = contractName.safeParse(positionals(tokens).join(' '));
  if (!name.success) throw new UsageError(`The contract name ${name.error.issues[0]?.message ?? 'is not valid'}.`, ADD_EXAMPLE);
  const missing = (['vendor', 'end'] as const).filter((k) => options[k] === undefined);
  if (missing.length > 0) throw new UsageError(`Missing ${missing.map((k) => `\`${k}:\``).join(' and ')}.`, ADD_EXAMPLE);
  return createAndDescribe(ctx, { ...options, name: name.data, vendor: options.vendor!, end: options.end! });
}

/** Shared by the command and the form: validate, store, and say what will happen when. */
export async function createAndDescribe(ctx: CommandContext, input: ContractInput): Promise<CommandResult> {
  const today = todayOf(ctx);
  if (await findContract(ctx.db, ctx.workspace.id, input.name)) {
    throw new UsageError(`A contract named *${input.name}* already exists (names are case-insensitive). Pick another name or use \`/contract edit\`.`, ADD_EXAMPLE);
  }
  const prepared = prepareContract(input, { workspaceId: ctx.workspace.id, userId: ctx.userId, channelId: ctx.channelId, today });
  try {
    const { contract, plan } = await ctx.db.$transaction((tx) => insertContract(tx, prepared, ctx.workspace, today, ctx.now));
    const deadline = deadlineOf(termsOf(contract));
    const where = contract.channelId ?? ctx.workspace.defaultChannel;
    const tooLate = compareDays(deadline, today) < 0 && contract.renewal === 'auto';
    const outcome = tooLate
      ? `It auto-renews on ${contract.end} for ${months(contract.termMonths)}: the notice deadline has passed for this term.`
      : `It ${fallbackOutcome(contract)}.`;
    const lines = [
      `Added *${contract.name}* (${contract.vendor}). Notice deadline: *${day(deadline)}*, ${daysLeft(today, deadline)}. ${outcome}`,
      ...prepared.notes,
      describePlan(plan, ctx.workspace.timezone, where),
    ];
    // The fallback (notification) text carries the notes too: a rolled-forward end date must not surprise anyone.
    const text = [lines[0]!, ...prepared.notes].join(' ').replace(/\*/g, '');
    return { reply: message(text, { type: 'section', text: lines.join('\n') }) };
  } catch (error) {
    if (isUniqueViolation(error)) throw new UsageError(`A contract named *${input.name}* already exists.`, ADD_EXAMPLE);
    throw error;
  }
}

export function describePlan(plan: readonly PlannedReminder[], timezone: string, channelId: string | null): string {
  const renewals = plan.filter((p) => p.kind === 'renewal');
  const at = plan[0] ? formatInstant(plan[0].dueAt, timezone).slice(11) : '';
  const target = channelId ? ` in ${channel(channelId)}` : ' (no channel yet: set one with `/renewals settings channel:#…`)';
  if (renewals.length === 0) return `Renewal reminders: none, the notice deadline is too close or already passed${plan[0] ? `; other notices go out at ${at} ${timezone}${target}` : ''}.`;
  return `Renewal reminders: ${renewals.map((p) => day(p.dueDay)).join(', ')}, at ${at} ${timezone}${target}.`;
}
