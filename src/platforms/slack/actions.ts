import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { CommandResult } from '../../commands/context.js';
import { errorMessage } from '../../commands/router.js';
import { ACTION_IDS, handleAction } from '../../commands/actions/dispatch.js';
import { plain, type ActionId } from '../../messages/model.js';
import { CLICK_NOT_RECORDED, recordInteraction } from '../../store/processed-interactions.js';
import { ACTION_PREFIX } from './render.js';
import { replyPrivately } from './reply.js';
import { formOf } from '../../effects/effect.js';
import { applySlackEffects, slackContext, type SlackDeps } from './context.js';
import { openSuccessorModal } from './successor-modal.js';
import { describeForm, smallFormOf } from '../../commands/small-forms.js';
import { smallFormModal } from './small-form.js';

const ACTIONS = new Set<string>(ACTION_IDS);

export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>({ action_id: new RegExp(`^${ACTION_PREFIX}`), type: 'block_actions' }, async ({ ack, body, action, respond, client }) => {
    await ack();
    const id = action.action_id.slice(ACTION_PREFIX.length);
    const channelId = body.channel?.id ?? body.container?.channel_id ?? null;
    const target = { respond, client, channelId, userId: body.user.id };
    if (!ACTIONS.has(id) || !body.team?.id) return;
    const ctx = await slackContext(deps, body.team.id, body.user.id, channelId, client);
    // Slack may deliver the same click twice (retries, double clicks): handle it once.
    const key = `slack:${body.team.id}:${body.user.id}:${action.action_id}:${action.action_ts}`;
    let delivery: 'first' | 'repeat';
    try {
      delivery = await recordInteraction(ctx.db, key, ctx.workspace.id);
    } catch (error) {
      deps.log(`could not record a click (${key}): ${(error as Error).message}`, 'error');
      await replyPrivately(target, plain(CLICK_NOT_RECORDED), deps.log);
      return;
    }
    if (delivery === 'repeat') return;
    const messageTs = body.message?.ts ?? body.container?.message_ts;
    const origin = channelId && messageTs && !body.container?.is_ephemeral ? { channelId, messageId: messageTs } : null;
    let result: CommandResult;
    try {
      result = await handleAction(ctx, id as ActionId, action.value, origin);
    } catch (error) {
      result = { reply: errorMessage(error, ctx) };
    }
    const form = formOf(result.effects, 'assign-successor');
    if (form) {
      const { contractId = '', fromUserId = '' } = form.context;
      try {
        if (await openSuccessorModal(app, deps, body.team.id, body.trigger_id, { contractId, fromUserId, channelId })) return;
      } catch (error) {
        deps.log(`views.open failed: ${(error as Error).message}`, 'warn');
      }
      result = { reply: { text: `Use /contract handover <@${fromUserId}> @successor instead.`, blocks: [] } };
    }
    const small = smallFormOf(result.effects);
    if (small) {
      try {
        await app.client.views.open({ trigger_id: body.trigger_id, view: smallFormModal(await describeForm(ctx, small), channelId) });
        return;
      } catch (error) {
        deps.log(`views.open failed: ${(error as Error).message}`);
        result = { reply: errorMessage(error, ctx) };
      }
    }
    await applySlackEffects(deps, ctx, result);
    await replyPrivately({ ...target, replaceOriginal: result.replaceOriginal ?? false }, result.reply, deps.log);
  });
}
