import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { decide, settle } from '../../commands/actions/decide.js';
import { snooze } from '../../commands/actions/snooze.js';
import { confirmArchive } from '../../commands/contract/archive.js';
import type { CommandContext, CommandResult, MessageRef } from '../../commands/context.js';
import { errorMessage } from '../../commands/router.js';
import { UsageError } from '../../commands/errors.js';
import type { ActionId } from '../../messages/model.js';
import { contractPayload, cyclePayload, decisionPayload, decode } from '../../messages/payloads.js';
import { ACTION_PREFIX } from './render.js';
import { replyPrivately } from './reply.js';
import { slackContext, type SlackDeps } from './context.js';

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
      return snooze(ctx, p.c, p.y);
    }
    case 'approval.approve':
    case 'approval.reject': {
      const p = decode(decisionPayload, value);
      if (!p) throw stale;
      return settle(ctx, p.d, action === 'approval.approve', origin);
    }
    case 'archive.confirm':
    case 'archive.cancel': {
      const p = decode(contractPayload, value);
      if (!p) throw stale;
      return confirmArchive(ctx, p.c, action === 'archive.confirm');
    }
  }
}

const ACTIONS = new Set<string>(['decide.renew', 'decide.renegotiate', 'decide.terminate', 'snooze', 'approval.approve', 'approval.reject', 'archive.confirm', 'archive.cancel']);

export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>({ action_id: new RegExp(`^${ACTION_PREFIX}`), type: 'block_actions' }, async ({ ack, body, action, respond, client }) => {
    await ack();
    const id = action.action_id.slice(ACTION_PREFIX.length);
    const channelId = body.channel?.id ?? body.container?.channel_id ?? null;
    const target = { respond, client, channelId, userId: body.user.id };
    if (!ACTIONS.has(id) || !body.team?.id) return;
    const ctx = await slackContext(deps, body.team.id, body.user.id, channelId);
    // Slack may deliver the same click twice (retries, double clicks): handle it once.
    const key = `slack:${body.team.id}:${body.user.id}:${action.action_id}:${action.action_ts}`;
    try {
      await ctx.db.processedInteraction.create({ data: { key, workspaceId: ctx.workspace.id } });
    } catch {
      return;
    }
    const messageTs = body.message?.ts ?? body.container?.message_ts;
    const origin = channelId && messageTs && !body.container?.is_ephemeral ? { channelId, messageId: messageTs } : null;
    let result: CommandResult;
    try {
      result = await handleAction(ctx, id as ActionId, action.value, origin);
    } catch (error) {
      result = { reply: errorMessage(error, ctx) };
    }
    await replyPrivately({ ...target, replaceOriginal: result.replaceOriginal ?? false }, result.reply, deps.log);
  });
}
