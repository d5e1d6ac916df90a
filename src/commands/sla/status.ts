import { slaReport } from '../../store/sla-data.js';
import { slaStatusMessage } from '../../messages/sla-status.js';
import type { CommandContext, CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { parseOptions, positionals } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { requireContract } from '../contract/lookup.js';
import { calendarMonth, lastDays } from '../../domain/periods.js';
import { monthOption, periodDays } from '../values.js';

const EXAMPLE = '/sla "Globex Support" period:30d   (or month:2026-10)';

/** `/sla <contract> [period:30d|month:YYYY-MM]` */
export async function slaStatus(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const options = parseOptions(tokens, { period: periodDays, month: monthOption }, EXAMPLE);
  if (options.period !== undefined && options.month !== undefined) throw new UsageError('Give either `period:` or `month:`, not both.', EXAMPLE);
  const contract = await requireContract(ctx, positionals(tokens).join(' '), EXAMPLE);
  const period = options.month ? calendarMonth(options.month, ctx.workspace.timezone) : lastDays(options.period ?? 30, ctx.now);
  if (period.current.start.getTime() > ctx.now.getTime()) throw new UsageError(`${period.title} has not started yet.`, EXAMPLE);
  const report = await slaReport(ctx.db, contract.id, ctx.workspace.timezone, period.current, period.previous, ctx.now);
  return { reply: slaStatusMessage(contract, report, period.title, ctx.workspace.timezone) };
}
