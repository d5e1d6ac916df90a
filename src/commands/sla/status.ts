import { z } from 'zod';
import { slaReport } from '../../store/sla-data.js';
import { slaStatusMessage } from '../../messages/sla-status.js';
import type { CommandContext, CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { parseOptions, positionals } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { requireContract } from '../contract/lookup.js';
import { calendarMonth, lastDays, lastMonths } from '../../domain/periods.js';
import { monthOption } from '../values.js';
import { creditsOf, figuresOf, monthsOf } from '../../store/credits.js';
import { creditTotals } from '../../domain/credits.js';
import { totalsLines } from '../../messages/credit.js';

const EXAMPLE = '/sla "Globex Support" period:30d   (or period:12m, period:1y, month:2026-10)';

type SlaPeriod = { unit: 'd'; amount: number } | { unit: 'm'; amount: number };

/**
 * `period:` of `/sla`: days (`30d`), weeks (`8w`), calendar months (`12m`) or years (`1y`) back from
 * now, at most a year (366d, 52w, 12m, 1y). Weeks are counted as days, years as 12 months.
 */
export const slaPeriod = z
  .string()
  .regex(/^\d{1,3}(d|w|m|y)$/i, { error: 'must be a period like 30d, 8w, 12m or 1y' })
  .transform((s): SlaPeriod => {
    const amount = Number.parseInt(s, 10);
    const unit = s.slice(-1).toLowerCase();
    return unit === 'd' ? { unit: 'd', amount } : unit === 'w' ? { unit: 'd', amount: amount * 7 } : { unit: 'm', amount: unit === 'y' ? amount * 12 : amount };
  })
  .refine((p) => p.amount >= 1 && p.amount <= (p.unit === 'd' ? 366 : 12), { error: 'must be from 1d up to a year (366d, 52w, 12m or 1y)' });

/** `/sla <contract> [period:30d|12m|1y|month:YYYY-MM]` */
export async function slaStatus(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const options = parseOptions(tokens, { period: slaPeriod, month: monthOption }, EXAMPLE);
  if (options.period !== undefined && options.month !== undefined) throw new UsageError('Give either `period:` or `month:`, not both.', EXAMPLE);
  const contract = await requireContract(ctx, positionals(tokens).join(' '), EXAMPLE);
  const tz = ctx.workspace.timezone;
  const asked = options.period ?? { unit: 'd', amount: 30 };
  const period = options.month ? calendarMonth(options.month, tz) : asked.unit === 'd' ? lastDays(asked.amount, ctx.now) : lastMonths(asked.amount, ctx.now, tz);
  if (period.current.start.getTime() > ctx.now.getTime()) throw new UsageError(`${period.title} has not started yet.`, EXAMPLE);
  const report = await slaReport(ctx.db, contract.id, tz, period.current, period.previous, ctx.now);
  const credits = totalsLines(creditTotals((await creditsOf(ctx.db, ctx.workspace.id, { contractId: contract.id, ...monthsOf(period.current, tz) })).map(figuresOf)));
  return { reply: slaStatusMessage(contract, report, period.title, tz, credits) };
}
