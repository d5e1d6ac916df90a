import { decide, settle } from './decide.js';
import { snooze } from './snooze.js';
import { confirmArchive } from '../contract/archive.js';
import type { CommandContext, CommandResult, MessageRef } from '../context.js';
import { UsageError } from '../errors.js';
import type { ActionId } from '../../messages/model.js';
import { contractPayload, cyclePayload, decisionPayload, decode, handoverPayload, issuePayload, leavingPayload } from '../../messages/payloads.js';
import { plain } from '../../messages/model.js';
import { ensureMayHandOver, recordLeaving } from '../contract/handover.js';
import { issueButton } from '../issue/lifecycle.js';
import { openForm } from '../../effects/effect.js';
import { creditButton, ensureMayManageCredit } from '../sla/credit.js';
import { commentsButton, ensureOpenForComments, vote } from '../contract/survey.js';
import { creditPayload, surveyPayload } from '../../messages/payloads.js';

export const ACTION_IDS: readonly ActionId[] = [
  'decide.renew', 'decide.renegotiate', 'decide.terminate', 'snooze', 'approval.approve', 'approval.reject',
  'archive.confirm', 'archive.cancel', 'issue.respond', 'issue.resolve', 'handover.assign', 'leaving.confirm',
  'credit.claimed', 'credit.credited', 'credit.waived',
  'survey.1', 'survey.2', 'survey.3', 'survey.4', 'survey.5', 'survey.comment', 'survey.comments',
];

/** Runs a clicked button through the same handlers as the text commands. */
export async function handleAction(ctx: CommandContext, action: ActionId, value: string | undefined, origin: MessageRef | null): Promise<CommandResult> {
  const stale = new UsageError('This button is no longer valid. Use /contract show to see the current state.');
  switch (action) {
    case 'decide.renew':
    case 'decide.renegotiate':
    case 'decide.terminate': {
      const p = decode(cyclePayload, value);
      if (!p) throw stale;
      return decide(ctx, p.c, p.y, action.slice('decide.'.length) as 'renew' | 'renegotiate' | 'terminate', origin);
    }
    case 'snooze': {
      const p = decode(cyclePayload, value);
      if (!p) throw stale;
      return snooze(ctx, p.c, p.y, origin);
    }
    case 'approval.approve':
    case 'approval.reject': {
      const p = decode(decisionPayload, value);
      if (!p) throw stale;
      return settle(ctx, p.d, action === 'approval.approve', origin);
    }
    case 'issue.respond':
    case 'issue.resolve': {
      const p = decode(issuePayload, value);
      if (!p) throw stale;
      return issueButton(ctx, p.i, action === 'issue.respond' ? 'respond' : 'resolve');
    }
    case 'handover.assign': {
      const p = decode(handoverPayload, value);
      if (!p) throw stale;
      // Refused before the form opens, not after it was filled in.
      await ensureMayHandOver(ctx, p.u);
      return { reply: plain('Pick the successor in the form.'), effects: [openForm('assign-successor', { contractId: p.c, fromUserId: p.u })] };
    }
    case 'leaving.confirm': {
      const p = decode(leavingPayload, value);
      if (!p) throw stale;
      return { ...(await recordLeaving(ctx, p.u, p.d)), replaceOriginal: true };
    }
    case 'archive.confirm':
    case 'archive.cancel': {
      const p = decode(contractPayload, value);
      if (!p) throw stale;
      return confirmArchive(ctx, p.c, action === 'archive.confirm');
    }
    case 'credit.claimed':
    case 'credit.waived': {
      const p = decode(creditPayload, value);
      if (!p) throw stale;
      return creditButton(ctx, p.k, action === 'credit.claimed' ? 'claimed' : 'waived', null, origin);
    }
    case 'credit.credited': {
      const p = decode(creditPayload, value);
      if (!p) throw stale;
      // Refused before the form opens; the form asks what the vendor actually credited.
      await ensureMayManageCredit(ctx, p.k);
      return { reply: plain('Enter the amount credited in the form.'), effects: [openForm('credit-amount', { creditId: p.k, ...(origin && { channelId: origin.channelId, messageId: origin.messageId }) })] };
    }
    case 'survey.1':
    case 'survey.2':
    case 'survey.3':
    case 'survey.4':
    case 'survey.5':
    case 'survey.comment':
    case 'survey.comments': {
      const p = decode(surveyPayload, value);
      if (!p) throw stale;
      if (action === 'survey.comments') return commentsButton(ctx, p.s);
      if (action === 'survey.comment') {
        // A closed survey says so at once, before anyone types a comment.
        await ensureOpenForComments(ctx, p.s);
        return { reply: plain('Write your comment in the form.'), effects: [openForm('survey-comment', { surveyId: p.s })] };
      }
      return vote(ctx, p.s, Number(action.slice('survey.'.length)), origin);
    }
  }
}
