import { formatDuration } from '../../domain/durations.js';
import { formatInstant } from '../../domain/zoned-time.js';
import { plain } from '../../messages/model.js';
import { addOutage } from '../../store/issues.js';
import type { CommandContext, CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { parseOptions, positionals } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { pastInstant } from '../values.js';
import { requireContract } from '../contract/lookup.js';

const EXAMPLE = '/issue outage "Globex Support" start:2026-11-20T08:00 end:2026-11-20T09:30 [maintenance]';

/** `/issue outage <contract> start: end: [maintenance]`: recorded downtime, for uptime. */
export async function recordOutage(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const instant = pastInstant(ctx.workspace.timezone, ctx.now);
  const options = parseOptions(tokens, { start: instant, end: instant }, EXAMPLE);
  const words = positionals(tokens);
  const maintenance = words.at(-1)?.toLowerCase() === 'maintenance';
  const name = (maintenance ? words.slice(0, -1) : words).join(' ');
  if (!options.start || !options.end) throw new UsageError('Give both `start:` and `end:`.', EXAMPLE);
  if (options.end.getTime() <= options.start.getTime()) throw new UsageError('The end of an outage must be after its start.', EXAMPLE);
  const contract = await requireContract(ctx, name, EXAMPLE);
  const number = await addOutage(ctx.db, { workspaceId: ctx.workspace.id, contractId: contract.id, startAt: options.start, endAt: options.end, maintenance, createdBy: ctx.userId, createdAt: ctx.now });
  const tz = ctx.workspace.timezone;
  const length = formatDuration(options.end.getTime() - options.start.getTime());
  return {
    reply: plain(
      `Recorded *O-${number}*, ${maintenance ? 'maintenance' : 'an outage'} of ${contract.name}: ${formatInstant(options.start, tz)} to ${formatInstant(options.end, tz)} ${tz} (${length})${maintenance ? ', not counted against uptime' : ''}.`,
    ),
  };
}
