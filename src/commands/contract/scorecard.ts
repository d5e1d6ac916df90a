import { lastDays, lastMonths } from '../../domain/periods.js';
import { evidenceOver } from '../../store/reminder-evidence.js';
import { scorecardMessage } from '../../messages/scorecard.js';
import { todayOf, type CommandContext, type CommandResult } from '../context.js';
import { parseOptions, positionals } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { slaPeriod } from '../sla/status.js';
import { requireContract } from './lookup.js';

const EXAMPLE = '/contract scorecard "Globex Support" period:12m';

/** `/contract scorecard <name> [period:12m]`: the evidence of the period and a green / amber / red verdict with its reasons. */
export async function scorecardCommand(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const options = parseOptions(tokens, { period: slaPeriod }, EXAMPLE);
  const contract = await requireContract(ctx, positionals(tokens).join(' '), EXAMPLE);
  const tz = ctx.workspace.timezone;
  const asked = options.period ?? { unit: 'm', amount: 12 };
  const period = asked.unit === 'd' ? lastDays(asked.amount, ctx.now) : lastMonths(asked.amount, ctx.now, tz);
  const evidence = await evidenceOver(ctx.db, contract, period, tz, ctx.now);
  return { reply: scorecardMessage(contract, evidence, { title: period.title, today: todayOf(ctx), clock: { timezone: tz, reminderTime: ctx.workspace.reminderTime, now: ctx.now } }) };
}
