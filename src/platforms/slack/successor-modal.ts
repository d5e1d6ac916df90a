import type { App } from '@slack/bolt';
import { z } from 'zod';
import { handOver } from '../../commands/contract/handover.js';
import { errorMessage } from '../../commands/router.js';
import { findContractById } from '../../store/contracts.js';
import { replyPrivately } from './reply.js';
import { applySlackEffects, slackContext, type SlackDeps } from './context.js';

export const ASSIGN_SUCCESSOR_CALLBACK = 'rd:handover.assign';

const metadata = z.object({ contractId: z.string(), fromUserId: z.string(), channelId: z.string().nullable() });

/** "Assign successor": a user picker; submitting hands that contract's roles over. */
export function successorModal(contractName: string, context: { contractId: string; fromUserId: string; channelId: string | null }) {
  return {
    type: 'modal' as const,
    callback_id: ASSIGN_SUCCESSOR_CALLBACK,
    private_metadata: JSON.stringify(context),
    title: { type: 'plain_text' as const, text: 'Assign successor' },
    submit: { type: 'plain_text' as const, text: 'Hand over' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `Who takes over the roles of <@${context.fromUserId}> on *${contractName}*?` } },
      { type: 'input', block_id: 'successor', label: { type: 'plain_text', text: 'Successor' }, element: { type: 'users_select', action_id: 'value' } },
    ],
  };
}

export async function openSuccessorModal(app: App, deps: SlackDeps, teamId: string, triggerId: string, context: { contractId: string; fromUserId: string; channelId: string | null }): Promise<boolean> {
  const contract = await findContractById(deps.db, `slack:${teamId}`, context.contractId);
  if (!contract) return false;
  await app.client.views.open({ trigger_id: triggerId, view: successorModal(contract.name, context) });
  return true;
}

export function registerSuccessorForm(app: App, deps: SlackDeps): void {
  app.view(ASSIGN_SUCCESSOR_CALLBACK, async ({ ack, body, view, client }) => {
    const meta = metadata.safeParse((() => { try { return JSON.parse(view.private_metadata); } catch { return null; } })());
    const successor = (view.state.values['successor']?.['value'] as { selected_user?: string } | undefined)?.selected_user;
    if (!meta.success || !successor) {
      await ack({ response_action: 'errors', errors: { successor: 'Pick a person.' } });
      return;
    }
    if (successor === meta.data.fromUserId) {
      await ack({ response_action: 'errors', errors: { successor: 'Pick someone else: this is the person leaving.' } });
      return;
    }
    await ack();
    const ctx = await slackContext(deps, body.team?.id ?? '', body.user.id, meta.data.channelId, client);
    let reply;
    try {
      const result = await handOver(ctx, meta.data.fromUserId, successor, [meta.data.contractId]);
      await applySlackEffects(deps, ctx, result);
      reply = result.reply;
    } catch (error) {
      reply = errorMessage(error, ctx);
    }
    await replyPrivately({ client, channelId: meta.data.channelId, userId: body.user.id }, reply, deps.log);
  });
}
