import { authorise, type Act, type Refusal } from '../domain/authorisation.js';
import { amount, mention } from '../messages/format.js';
import type { CommandContext } from './context.js';
import { RefusedError } from './errors.js';

export interface RefusalWording {
  /** What was attempted, to finish "Only … can …": "decide on it", "edit it", "give it a new owner". */
  doing: string;
  contract?: { name: string; ownerId: string; createdBy: string; currency?: string };
  /** For hand-over and mark-leaving: whose roles or leaving date. */
  person?: string;
}

/**
 * Applies the one authorisation rule (src/domain/authorisation.ts) to a request. Refused: a private
 * message that says who may and that nothing changed. Allowed: whether the user acts for someone else
 * (the channel is then told who did it).
 */
export function ensureAllowed(ctx: Pick<CommandContext, 'userId' | 'workspace'>, act: Act, wording: RefusalWording): { onBehalfOf: boolean } {
  const verdict = authorise(ctx.userId, ctx.workspace.approvers, act);
  if (verdict.allowed) return { onBehalfOf: verdict.onBehalfOf };
  throw new RefusedError(`${refusalText(verdict.refusal, ctx.workspace, wording)} Nothing was changed.`);
}

function refusalText(refusal: Refusal, workspace: CommandContext['workspace'], w: RefusalWording): string {
  const approvers = workspace.approvers.map(mention).join(', ');
  const orApprover = approvers ? ` or an approver (${approvers})` : '';
  const c = w.contract;
  const owner = c ? (c.ownerId ? `the owner of *${c.name}* (${mention(c.ownerId)})` : `an owner of *${c.name}* (it has none yet)`) : 'the owner';
  switch (refusal) {
    case 'not-owner-or-approver':
      return `Only ${owner}${orApprover} can ${w.doing}.`;
    case 'not-owner-creator-or-approver':
      return `Only ${owner}${c?.createdBy && c.createdBy !== c.ownerId ? ` or whoever added it (${mention(c.createdBy)})` : ''} can ${w.doing}.`;
    case 'not-approver':
      return `Only an approver (${approvers || 'none set yet'}) can ${w.doing}.`;
    case 'own-proposal':
      return 'You proposed it, so a different approver must confirm.';
    case 'lowering-needs-approver':
      return `That takes the annual value of *${c?.name ?? 'this contract'}* below the approval threshold (${amount(workspace.threshold ?? 0, c?.currency ?? '').trim()}), where one person could then decide alone: only an approver${approvers ? ` (${approvers})` : ''} can make this change.`;
    case 'not-leaver-or-approver': {
      const who = w.person ? mention(w.person) : 'the person concerned';
      const later = approvers ? '' : ' Once their leaving date has passed, anyone may name a successor.';
      return `Only ${who}${orApprover} can ${w.doing}.${later}`;
    }
  }
}
