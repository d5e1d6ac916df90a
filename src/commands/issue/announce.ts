import type { Contract } from '../../store/contracts.js';
import type { VendorIssue } from '../../store/issues.js';
import { slaPolicyOf } from '../../store/sla-policies.js';
import { issueMessage } from '../../messages/issue.js';
import type { CommandContext } from '../context.js';

/** Posts a newly logged issue in the contract's channel, or updates its message there in place. */
export async function announceIssue(ctx: CommandContext, issue: VendorIssue, contract: Contract): Promise<void> {
  const policy = await slaPolicyOf(ctx.db, contract.id, ctx.workspace.timezone);
  const message = issueMessage(issue, contract, policy, ctx.workspace.timezone, ctx.now);
  if (issue.channelId && issue.messageTs) {
    const result = await ctx.delivery.update({ workspaceId: ctx.workspace.id, channelId: issue.channelId }, issue.messageTs, message);
    if (!result.ok) ctx.log(`could not update the message of I-${issue.number}: ${result.error}`);
    return;
  }
  const channelId = contract.channelId ?? ctx.workspace.defaultChannel ?? ctx.channelId;
  if (!channelId) return;
  const result = await ctx.delivery.post({ workspaceId: ctx.workspace.id, channelId }, message);
  if (result.ok) await ctx.db.vendorIssue.update({ where: { id: issue.id }, data: { channelId, messageTs: result.messageId } });
  else ctx.log(`could not post I-${issue.number} to ${channelId}: ${result.error}`);
}
