import { PRIORITIES, type Priority } from '../../domain/sla-measure.js';
import { createIssue, issueLabel, nextIssueNumber, recordIssueEvent } from '../../store/issues.js';
import { planIssueWarnings } from '../../store/sla-ledger.js';
import { slaPolicyOf } from '../../store/sla-policies.js';
import { noTargetsLine, targetLines } from '../../messages/issue.js';
import { message } from '../../messages/model.js';
import type { CommandContext, CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { parseOptions, positionals } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { category, pastInstant, summaryText } from '../values.js';
import { requireContract } from '../contract/lookup.js';
import { announceIssue } from './announce.js';

export const LOG_EXAMPLE = '/issue log "Globex Support" p2 VPN drops every evening category:network at:2026-11-20T14:30';

/** `/issue log <contract> p1..p4 <summary…> [category:] [at:]` */
export async function logIssue(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const options = parseOptions(tokens, { category, at: pastInstant(ctx.workspace.timezone, ctx.now) }, LOG_EXAMPLE);
  const words = positionals(tokens);
  const p = words.findIndex((w) => PRIORITIES.includes(w.toLowerCase() as Priority));
  if (p < 0) throw new UsageError('Give the priority p1, p2, p3 or p4 after the contract name.', LOG_EXAMPLE);
  if (p === 0) throw new UsageError('Start with the contract name.', LOG_EXAMPLE);
  const summary = summaryText.safeParse(words.slice(p + 1).join(' '));
  if (!summary.success) throw new UsageError(`The summary ${summary.error.issues[0]?.message}.`, LOG_EXAMPLE);
  const contract = await requireContract(ctx, words.slice(0, p).join(' '), LOG_EXAMPLE);
  if (contract.status === 'archived') throw new UsageError(`*${contract.name}* is archived.`);
  const priority = words[p]!.toLowerCase() as Priority;
  const openedAt = options.at ?? ctx.now;
  const policy = await slaPolicyOf(ctx.db, contract.id, ctx.workspace.timezone);

  const issue = await ctx.db.$transaction(async (tx) => {
    const number = await nextIssueNumber(tx, ctx.workspace.id);
    const created = await createIssue(tx, { workspaceId: ctx.workspace.id, number, contractId: contract.id, priority, summary: summary.data, category: options.category ?? null, openedAt, openedBy: ctx.userId });
    await recordIssueEvent(tx, created, 'opened', ctx.userId, openedAt);
    await planIssueWarnings(tx, created, policy);
    return created;
  });
  const targets = targetLines(issue, policy, ctx.workspace.timezone);
  const text = `Logged ${issueLabel(issue)} (${priority.toUpperCase()}) for ${contract.name}: ${issue.summary}.`;
  return {
    // Typed in the contract's own channel, the posted issue is the answer there (the post `announces`).
    effects: await announceIssue(ctx, issue, contract),
    reply: message(text, {
      type: 'section',
      text: `Logged *${issueLabel(issue)}* (${priority.toUpperCase()}) for *${contract.name}*: ${issue.summary}.\n${targets.length > 0 ? `Targets: ${targets.join('; ')}.` : noTargetsLine(contract.name, priority)}\nWhen the vendor answers: \`/issue respond ${issueLabel(issue)}\`; when it is fixed: \`/issue resolve ${issueLabel(issue)}\`.`,
    }),
  };
}
