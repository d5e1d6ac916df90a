import { formatInstant } from '../../domain/zoned-time.js';
import { findContractById } from '../../store/contracts.js';
import { findIssue, findIssueById, issueLabel, issueNumber, recordIssueEvent, updateIssue, type IssueChange, type VendorIssue } from '../../store/issues.js';
import { planIssueWarnings } from '../../store/sla-ledger.js';
import { slaPolicyOf } from '../../store/sla-policies.js';
import { plain } from '../../messages/model.js';
import type { CommandContext, CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { parseOptions, positionals, type OptionSpec } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { pastInstant } from '../values.js';
import { announceIssue } from './announce.js';

export type IssueStep = 'respond' | 'resolve' | 'reopen';

const EXAMPLES: Record<IssueStep, string> = {
  respond: '/issue respond I-12 at:2026-11-20T15:10',
  resolve: '/issue resolve I-12 at:2026-11-21T09:45',
  reopen: '/issue reopen I-12',
};

async function requireIssue(ctx: CommandContext, text: string | undefined, example: string): Promise<VendorIssue> {
  if (!text) throw new UsageError('Which issue? Give its id, like I-12.', example);
  const number = issueNumber(text);
  if (number === null) throw new UsageError(`\`${text.slice(0, 20)}\` is not an issue id; ids look like I-12.`, example);
  const issue = await findIssue(ctx.db, ctx.workspace.id, number);
  if (!issue) throw new UsageError(`There is no issue I-${number}. \`/issue list all\` shows them.`, example);
  return issue;
}

/** `/issue respond|resolve|reopen <id> [at:]` */
export async function issueCommand(ctx: CommandContext, step: IssueStep, tokens: Token[]): Promise<CommandResult> {
  const example = EXAMPLES[step];
  const spec: OptionSpec = step === 'reopen' ? {} : { at: pastInstant(ctx.workspace.timezone, ctx.now) };
  const options = parseOptions(tokens, spec, example) as { at?: Date };
  const words = positionals(tokens);
  if (words.length > 1) throw new UsageError(`Unexpected \`${words[1]!.slice(0, 30)}\` after the issue id.`, example);
  const issue = await requireIssue(ctx, words[0], example);
  return advanceIssue(ctx, issue, step, options.at ?? ctx.now);
}

/** The buttons on the issue message. */
export async function issueButton(ctx: CommandContext, issueId: string, step: 'respond' | 'resolve'): Promise<CommandResult> {
  const issue = await findIssueById(ctx.db, ctx.workspace.id, issueId);
  if (!issue) throw new UsageError('That issue no longer exists.');
  return advanceIssue(ctx, issue, step, ctx.now);
}

async function advanceIssue(ctx: CommandContext, issue: VendorIssue, step: IssueStep, at: Date): Promise<CommandResult> {
  const label = issueLabel(issue);
  const tz = ctx.workspace.timezone;
  const shown = (d: Date) => `${formatInstant(d, tz)} ${tz}`;
  const example = EXAMPLES[step];
  if (step !== 'reopen' && at.getTime() < issue.openedAt.getTime()) {
    throw new UsageError(`${label} was opened ${shown(issue.openedAt)}; the vendor cannot have ${step === 'respond' ? 'responded' : 'resolved it'} before that.`, example);
  }
  let data: IssueChange;
  if (step === 'respond') {
    if (issue.resolvedAt) return { reply: plain(`${label} is already resolved (${shown(issue.resolvedAt)}); nothing changed.`) };
    if (issue.respondedAt) return { reply: plain(`The vendor already responded to ${label} at ${shown(issue.respondedAt)}; nothing changed.`) };
    data = { respondedAt: at };
  } else if (step === 'resolve') {
    if (issue.resolvedAt) return { reply: plain(`${label} is already resolved (${shown(issue.resolvedAt)}); nothing changed. Use /issue reopen ${label} if it came back.`) };
    if (issue.respondedAt && at.getTime() < issue.respondedAt.getTime()) {
      throw new UsageError(`The vendor responded to ${label} at ${shown(issue.respondedAt)}; it cannot be resolved before that.`, example);
    }
    // A resolution is also the vendor's answer: without a recorded response, it counts as one.
    data = { resolvedAt: at, respondedAt: issue.respondedAt ?? at };
  } else {
    if (!issue.resolvedAt) throw new UsageError(`${label} is still open; only a resolved issue can be reopened.`, `/issue resolve ${label}`);
    data = { resolvedAt: null, reopenCount: issue.reopenCount + 1 };
  }
  const policy = await slaPolicyOf(ctx.db, issue.contractId, tz);
  const updated = await ctx.db.$transaction(async (tx) => {
    const next = await updateIssue(tx, issue.id, data);
    await recordIssueEvent(tx, next, step === 'respond' ? 'responded' : step === 'resolve' ? 'resolved' : 'reopened', ctx.userId, at);
    await planIssueWarnings(tx, next, policy);
    return next;
  });
  const contract = await findContractById(ctx.db, ctx.workspace.id, issue.contractId);
  const verb = step === 'respond' ? `Vendor response recorded for ${label} at ${shown(at)}` : step === 'resolve' ? `${label} resolved at ${shown(at)}` : `${label} reopened; its resolution clock runs again from the original opening`;
  return { reply: plain(`${verb}.`), effects: contract ? await announceIssue(ctx, updated, contract) : [] };
}
