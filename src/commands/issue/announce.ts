import type { Contract } from '../../store/contracts.js';
import { openIssuesOf, type VendorIssue } from '../../store/issues.js';
import { slaPolicyOf } from '../../store/sla-policies.js';
import { issueMessage } from '../../messages/issue.js';
import { post, update, type Effect } from '../../effects/effect.js';
import type { CommandContext } from '../context.js';

/**
 * A newly logged issue is posted in the contract's channel (and its message remembered); a posted one
 * is updated there in place. Nothing when there is no channel to post in.
 */
export async function announceIssue(ctx: CommandContext, issue: VendorIssue, contract: Contract): Promise<Effect[]> {
  const policy = await slaPolicyOf(ctx.db, contract.id, ctx.workspace.timezone);
  const message = issueMessage(issue, contract, policy, ctx.workspace.timezone, ctx.now);
  const about = `I-${issue.number}`;
  if (issue.channelId && issue.messageId) return [update(issue.channelId, issue.messageId, message, about)];
  const channelId = contract.channelId ?? ctx.workspace.defaultChannel ?? ctx.channelId;
  if (!channelId) return [];
  return [post(channelId, message, about, { remember: { as: 'issue-message', issueId: issue.id }, announces: true })];
}

/** SLA targets or hours changed: the posted messages of the contract's open issues show the new ones. */
export async function refreshOpenIssues(ctx: CommandContext, contract: Contract): Promise<Effect[]> {
  const open = await openIssuesOf(ctx.db, contract.id, { posted: true });
  const effects: Effect[] = [];
  for (const issue of open) effects.push(...(await announceIssue(ctx, issue, contract)));
  return effects;
}
