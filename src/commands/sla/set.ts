import { z } from 'zod';
import { parseSlaDuration } from '../../domain/durations.js';
import { targetLines } from '../../messages/sla-status.js';
import { PRIORITIES, type Priority } from '../../domain/sla-measure.js';
import { openIssuesOf } from '../../store/issues.js';
import { planIssueWarnings } from '../../store/sla-ledger.js';
import { setPolicy, setTargets, slaPolicyOf } from '../../store/sla-policies.js';
import { plain } from '../../messages/model.js';
import { todayOf, type CommandContext, type CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { parseOptions, positionals } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { daySchema } from '../values.js';
import { formatTiers, parseCreditTiers, type CreditTier } from '../../domain/credits.js';
import { requireContract } from '../contract/lookup.js';
import { refreshOpenIssues } from '../issue/announce.js';

const EXAMPLE = '/sla set "Globex Support" p1 response:1h resolution:8h   ·   /sla set "Globex Support" hours:business uptime:99.9 holidays:2026-12-24,2026-12-25';
const CREDITS_EXAMPLE = '/sla set "Globex Support" credits:"99.9:10,99:25,95:100" claim:30d';

/** `99.9:10,99:25,95:100` (highest threshold first) or `none`. */
const creditTiers = z.string().transform((text, ctx): CreditTier[] => {
  if (text.trim().toLowerCase() === 'none') return [];
  const parsed = parseCreditTiers(text);
  if (parsed.ok) return parsed.tiers;
  ctx.addIssue({ code: 'custom', message: `${parsed.problem}. Tiers are uptime:percent pairs, highest uptime first: credits:"99.9:10,99:25,95:100" (or credits:none)` });
  return z.NEVER;
});

/** `30d` (or `30`): days after the month ends to claim its credit. */
const claimWindow = z
  .string()
  .regex(/^\d{1,4}d?$/i, { error: 'must be a number of days like 30d' })
  .transform((s) => Number.parseInt(s, 10))
  .refine((n) => n >= 1, { error: 'must be at least 1 day: a claim window of 0 leaves no time to claim' })
  .refine((n) => n <= 365, { error: 'must be at most 365 days' });

const durationText = z.string().regex(/^\d{1,6}(min|h|d|w|m|y)$/i, { error: 'must be a duration like 30min, 4h, 2d, 1w, 12m (months) or 1y' });
const percent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,3})?%?$/, { error: 'must be a percentage like 99.9' })
  .transform((s) => Number.parseFloat(s))
  .refine((n) => n > 0 && n <= 100, { error: 'must be between 0 and 100' });

/** `/sla set <contract> p1 response: resolution:` or `/sla set <contract> hours: uptime: holidays: expect:` */
export async function slaSet(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const spec = {
    response: durationText,
    resolution: durationText,
    hours: z.enum(['business', '24x7'], { error: 'must be business or 24x7' }),
    uptime: percent,
    expect: percent,
    holidays: z.string().transform((s) => s.split(',').map((d) => d.trim()).filter(Boolean)).pipe(z.array(daySchema(todayOf(ctx))).max(100)),
    credits: creditTiers,
    claim: claimWindow,
  };
  const aboutCredits = tokens.some((t) => t.key === 'credits' || t.key === 'claim');
  const options = parseOptions(tokens, spec, aboutCredits ? CREDITS_EXAMPLE : EXAMPLE);
  const words = positionals(tokens);
  const last = words.at(-1)?.toLowerCase();
  const priority = PRIORITIES.includes(last as Priority) ? (last as Priority) : null;
  if (!priority && last && /^p\d+$/.test(last) && words.length > 1) throw new UsageError(`\`${last}\` is not a priority: use p1, p2, p3 or p4.`, EXAMPLE);
  const contract = await requireContract(ctx, (priority ? words.slice(0, -1) : words).join(' '), EXAMPLE);
  const hasTargets = options.response !== undefined || options.resolution !== undefined;
  if (hasTargets && !priority) throw new UsageError('Response and resolution targets belong to a priority: add p1, p2, p3 or p4 after the contract name.', EXAMPLE);
  if (priority && !hasTargets) throw new UsageError(`Give \`response:\` and/or \`resolution:\` for ${priority.toUpperCase()}.`, EXAMPLE);
  const policyChange = { hours: options.hours, uptimeTarget: options.uptime, holidays: options.holidays, expectation: options.expect, creditTiers: options.credits, claimDays: options.claim };
  const changesPolicy = Object.values(policyChange).some((v) => v !== undefined);
  if (!hasTargets && !changesPolicy) throw new UsageError('Nothing to set.', EXAMPLE);
  if (priority && (options.credits !== undefined || options.claim !== undefined)) throw new UsageError('Service credits belong to the contract, not to a priority: set them without p1…p4.', CREDITS_EXAMPLE);
  const current = await slaPolicyOf(ctx.db, contract.id, ctx.workspace.timezone);
  const clock = options.hours ?? current.hoursKind;
  const responseMs = options.response !== undefined ? parseSlaDuration(options.response, clock) : undefined;
  const resolutionMs = options.resolution !== undefined ? parseSlaDuration(options.resolution, clock) : undefined;
  if (responseMs === null || resolutionMs === null) throw new UsageError('A target must be more than zero and at most a year (366d, 52w, 12m or 1y).', EXAMPLE);
  if (responseMs !== undefined && resolutionMs !== undefined && resolutionMs < responseMs) {
    throw new UsageError('The resolution target cannot be shorter than the response target.', EXAMPLE);
  }

  await ctx.db.$transaction(async (tx) => {
    if (priority) await setTargets(tx, ctx.workspace.id, contract.id, priority, { response: options.response, resolution: options.resolution });
    if (changesPolicy) await setPolicy(tx, ctx.workspace.id, contract.id, policyChange);
    // Targets or hours moved: the warnings of open issues move with them.
    const policy = await slaPolicyOf(tx, contract.id, ctx.workspace.timezone);
    for (const issue of await openIssuesOf(tx, contract.id)) await planIssueWarnings(tx, issue, policy);
  });
  const after = await slaPolicyOf(ctx.db, contract.id, ctx.workspace.timezone);
  const lines = targetLines(after);
  const summary = [
    `hours ${after.hoursKind === 'business' ? `business (Mon–Fri 09:00–17:00 ${ctx.workspace.timezone})` : '24x7'}`,
    after.holidays.length > 0 ? `holidays ${after.holidays.join(', ')}` : null,
    after.uptimeTarget !== null ? `uptime target ${after.uptimeTarget} %` : null,
    `expected compliance ${after.expectation} %`,
    after.creditTiers.length > 0 ? `service credits ${formatTiers(after.creditTiers)} of the monthly fee, claimed within ${after.claimDays} days of the month's end` : options.credits !== undefined ? 'no service credits' : null,
  ].filter(Boolean);
  return {
    reply: plain(`SLA of ${contract.name} saved: ${summary.join('; ')}.${lines.length > 0 ? `\n${lines.join('\n')}` : ''}`),
    effects: await refreshOpenIssues(ctx, contract),
  };
}
