import type { TurnContext } from 'botbuilder';
import { ACTION_IDS, handleAction } from '../../commands/actions/dispatch.js';
import type { CommandContext, CommandResult, MessageRef } from '../../commands/context.js';
import { errorMessage } from '../../commands/router.js';
import type { ActionId, Message } from '../../messages/model.js';
import { findContractById } from '../../store/contracts.js';
import { ensureWorkspace, workspaceId } from '../../store/workspaces.js';
import { CLICK_NOT_RECORDED, recordInteraction } from '../../store/processed-interactions.js';
import { channelOf, teamOf, tenantOf } from './activity.js';
import { formOf, updateOf } from '../../effects/effect.js';
import { applyTeamsEffects, teamsContext, type TeamsDeps } from './context.js';
import { FORM_VERBS, successorCard } from './forms.js';
import { submitContractForm, submitSuccessorForm } from './form-submits.js';
import { toCardMarkdown, toPlain, type Mention } from './markup.js';
import { namesFor } from './names.js';
import { cardActivity, plainTextOf, summaryOf, toAdaptiveCard, withClickerNote, type AdaptiveCard } from './render.js';
import { replyPrivately } from './reply.js';
import { smallFormOf } from '../../commands/small-forms.js';
import { sendSmallForm, smallFormOfVerb, submitSmallFormCard } from './small-form.js';

const ACTIONS = new Set<string>(ACTION_IDS);

/** What teams-ai's actionExecute sends back: a card refreshes the clicked card, a string is shown to the clicker only. */
export type InvokeAnswer = AdaptiveCard | string;

interface ExecuteValue {
  action?: { type?: string; verb?: unknown; data?: unknown };
}

/**
 * An `Action.Execute` click (`adaptiveCard/action` invoke), answered in the HTTP response within
 * Teams' 5 seconds. A decision that updated the clicked card (for everyone, through the connector)
 * answers with that card; a refusal or any other answer is a message only the clicker sees.
 */
export async function handleExecute(context: TurnContext, deps: TeamsDeps): Promise<InvokeAnswer> {
  try {
    return await execute(context, deps);
  } catch (error) {
    deps.log(`unexpected error in a Teams card action: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 'error');
    return 'Something went wrong on our side; nothing was changed. Please try again in a minute.';
  }
}

async function execute(context: TurnContext, deps: TeamsDeps): Promise<InvokeAnswer> {
  const activity = context.activity;
  const action = (activity.value as ExecuteValue | undefined)?.action;
  const verb = typeof action?.verb === 'string' ? action.verb : '';
  const data = action?.data && typeof action.data === 'object' ? (action.data as Record<string, unknown>) : {};
  const tenant = tenantOf(activity);
  const delivery = await recordDelivery(deps, tenant, activity.id);
  if (delivery === 'repeat') return 'Already done.';
  if (delivery === 'not recorded') return CLICK_NOT_RECORDED;
  try {
    if (verb === FORM_VERBS.contractAdd) return await submitContractForm(context, deps, data);
    if (verb === FORM_VERBS.assignSuccessor) return await submitSuccessorForm(context, deps, data);
    const small = smallFormOfVerb(verb);
    if (small) return await submitSmallFormCard(context, deps, small, data);
  } catch (error) {
    return plainTextOf(errorMessage(error, deps), { users: new Map(), channels: new Map() });
  }
  if (!ACTIONS.has(verb)) return 'This button is no longer valid. Send "contract show <name>" to see the current state.';

  const channelId = channelOf(activity);
  const ctx = await teamsContext(deps, tenant, activity.from.id, channelId);
  const origin: MessageRef | null = activity.replyToId ? { channelId, messageId: activity.replyToId } : null;
  let result: CommandResult;
  try {
    result = await handleAction(ctx, verb as ActionId, typeof data['value'] === 'string' ? data['value'] : undefined, origin);
  } catch (error) {
    result = { reply: errorMessage(error, ctx) };
  }
  const form = formOf(result.effects, 'assign-successor');
  if (form) return await sendSuccessorForm(context, deps, ctx, form.context);
  const small = smallFormOf(result.effects);
  if (small) {
    try {
      return await sendSmallForm(context, deps, ctx, small);
    } catch (error) {
      return plainTextOf(errorMessage(error, ctx), await namesFor(deps.db, ctx.workspace.id, result.reply, { reader: activity.from.id }));
    }
  }

  // The clicked card is updated for everyone through the connector, and the click is answered with it
  // so the clicker sees it at once (even when that update failed).
  await applyTeamsEffects(deps, ctx, result);
  const refreshed = updateOf(result.effects, origin);
  if (refreshed) {
    const names = await namesFor(deps.db, ctx.workspace.id, result.reply, { here: channelId, reader: activity.from.id });
    return withClickerNote(await card(ctx, refreshed, channelId), result.reply, names);
  }
  if (result.replaceOriginal && origin) {
    const replacement = await card(ctx, result.reply, channelId);
    // The clicked (private) card is replaced where it is stored too; the answer shows it at once anyway.
    await context.updateActivity({ ...cardActivity(replacement, result.reply.text), id: origin.messageId }).catch((error: Error) => deps.log(`could not replace the clicked card: ${error.message}`, 'warn'));
    return replacement;
  }
  const names = await namesFor(deps.db, ctx.workspace.id, result.reply, { here: channelId, reader: activity.from.id });
  // A whole message (survey comments: a title and its sections) would run together in the one-line
  // message a click is answered with: it goes as a card to the clicker privately, like a form.
  const title = result.reply.blocks.find((b) => b.type === 'header');
  if (title) {
    const where = await replyPrivately(context, cardActivity(toAdaptiveCard(result.reply, names), summaryOf(result.reply, names)), deps.appId, deps.log);
    const named = `“${toPlain(title.text, names)}”`;
    return where === 'direct' ? `I sent ${named} to your personal chat with Renewal Desk.` : `${named}: see below.`;
  }
  // Shown to the clicker only, where they clicked.
  return plainTextOf(result.reply, names);
}

/** A card that replaces the clicked one in `here`, for everyone there. */
async function card(ctx: CommandContext, message: Message, here: string): Promise<AdaptiveCard> {
  return toAdaptiveCard(message, await namesFor(ctx.db, ctx.workspace.id, message, { here }));
}

/**
 * Teams may deliver an invoke twice (retries, double clicks): handle each activity id once. A click
 * that cannot be recorded is not acted on ('not recorded'), so it cannot happen twice either.
 */
async function recordDelivery(deps: TeamsDeps, tenant: string, activityId: string | undefined): Promise<'first' | 'repeat' | 'not recorded'> {
  if (!activityId) return 'first';
  const workspace = await ensureWorkspace(deps.db, workspaceId('teams', tenant), 'teams', deps.defaultTimezone, deps.clock());
  const key = `teams:${tenant}:${activityId}`;
  try {
    return await recordInteraction(deps.db, key, workspace.id);
  } catch (error) {
    deps.log(`could not record a click (${key}): ${(error as Error).message}`, 'error');
    return 'not recorded';
  }
}

/** "Assign successor" opens a form with a people picker, sent privately like every answer. */
async function sendSuccessorForm(context: TurnContext, deps: TeamsDeps, ctx: CommandContext, formContext: Record<string, string>): Promise<InvokeAnswer> {
  const { contractId = '', fromUserId = '' } = formContext;
  const contract = await findContractById(ctx.db, ctx.workspace.id, contractId);
  if (!contract) return 'That contract no longer exists.';
  const question = `Who takes over the roles of <@${fromUserId}> on *${contract.name}*?`;
  const mentions: Mention[] = [];
  const names = await namesFor(ctx.db, ctx.workspace.id, { text: question, blocks: [] });
  const form = successorCard(toCardMarkdown(question, names, mentions), mentions, { contractId, fromUserId, channelId: ctx.channelId, teamId: teamOf(context.activity) });
  const where = await replyPrivately(context, cardActivity(form, `Assign a successor on ${contract.name}`), deps.appId, deps.log);
  return where === 'direct' ? 'I sent you a form in your personal chat with Renewal Desk: pick the successor there.' : 'Pick the successor in the form below.';
}
