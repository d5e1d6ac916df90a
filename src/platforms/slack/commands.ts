import type { App } from '@slack/bolt';
import { COMMAND_NAMES, runCommand, type CommandName } from '../../commands/router.js';
import { contractAddModal } from './modal.js';
import { replyPrivately } from './reply.js';
import { formOf } from '../../effects/effect.js';
import { applySlackEffects, slackContext, type SlackDeps } from './context.js';

/** `/contract`, `/renewals`, `/issue`, `/sla`: ack at once, then do the work and answer privately. */
export function registerCommands(app: App, deps: SlackDeps): void {
  app.command(/^\/[a-z-]+$/, async ({ command, ack, respond, client }) => {
    await ack();
    const name = command.command.slice(1) as CommandName;
    const channelId = command.channel_id || null;
    const target = { respond, client, channelId, userId: command.user_id };
    if (!COMMAND_NAMES.includes(name)) {
      await replyPrivately(target, { text: `Unknown command ${command.command}.`, blocks: [] }, deps.log);
      return;
    }
    const ctx = await slackContext(deps, command.team_id, command.user_id, channelId, client);
    const result = await runCommand(name, command.text ?? '', ctx);
    if (formOf(result.effects, 'contract-add')) {
      try {
        await client.views.open({ trigger_id: command.trigger_id, view: contractAddModal(channelId) });
        return;
      } catch (error) {
        deps.log(`views.open failed: ${(error as Error).message}`, 'warn');
        await replyPrivately(target, { text: 'The form could not be opened. Use /contract add "Name" vendor:Vendor end:YYYY-MM-DD instead.', blocks: [] }, deps.log);
        return;
      }
    }
    const applied = await applySlackEffects(deps, ctx, result);
    // A logged issue posted in this very channel is the answer: no private copy beside it.
    if (applied.announcedIn !== null && applied.announcedIn === channelId) return;
    await replyPrivately(target, result.reply, deps.log);
  });
}
