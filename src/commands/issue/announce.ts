import type { Contract } from '../../store/contracts.js';
import { openIssuesOf, recordIssueMessage, type VendorIssue } from '../../store/issues.js';
import { slaPolicyOf } from '../../store/sla-policies.js';
import { issueMessage } from '../../messages/issue.js';
import type { CommandContext } from '../context.js';

/**
 * Posts a newly logged issue in the contract's channel, or updates its message there in place.
 * Returns the channel it was posted in (null when it was not posted).
 */
export async function announceIssue(ctx: CommandContext, issue: VendorIssue, contract: Contract): Promise<string | null> {
  const policy = await slaPolicyOf(ctx.db, contract.id, ctx.workspace.timezone);
  const message = issueMessage(issue, contract, policy, ctx.workspace.timezone, ctx.now);
  if (issue.channelId && issue.messageTs) {
    const result = await ctx.delivery.update({ workspaceId: ctx.workspace.id, channelId: issue.channelId }, issue.messageTs, message);
    if (!result.ok) ctx.log(`could not update the message of I-${issue.number}: ${result.error}`);
    return null;
  }
  const channelId = contract.channelId ?? ctx.workspace.defaultChannel ?? ctx.channelId;
  if (!channelId) return null;
  const result = await ctx.delivery.post({ workspaceId: ctx.workspace.id, channelId }, message);
  if (result.ok) await recordIssueMessage(ctx.db, issue.id, channelId, result.messageId);
  else ctx.log(`could not post I-${issue.number} to ${channelId}: ${result.error}`);
  return result.ok ? channelId : null;
}

/** SLA targets or hours changed: the posted messages of the contract's open issues show the new ones. */
export async function refreshOpenIssues(ctx: CommandContext, contract: Contract): Promise<void> {
  const open = await openIssuesOf(ctx.db, contract.id, { posted: true });
  for (const issue of open) await announceIssue(ctx, issue, contract);
}
