import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CommandContext } from '../../commands/context.js';
import { errorMessage } from '../../commands/router.js';
import { SMALL_FORMS, describeForm, formContext, submitSmallForm, type SmallForm, type SmallFormEffect, type SmallFormId } from '../../commands/small-forms.js';
import { channelOf, tenantOf } from './activity.js';
import { applyTeamsEffects, teamsContext, type TeamsDeps } from './context.js';
import { submittedValues } from './forms.js';
import { toCardMarkdown, withoutSlashCommands, type Mention } from './markup.js';
import { namesFor } from './names.js';
import { cardActivity, plainTextOf, toAdaptiveCard, type AdaptiveCard, type CardElement } from './render.js';
import { replyPrivately } from './reply.js';

const VERB_PREFIX = 'form.';
const FIELD = 'field';

/** The verb a small form's submit button carries ("form.credit-amount"), or null for any other verb. */
export function smallFormOfVerb(verb: string): SmallFormId | null {
  const id = verb.startsWith(VERB_PREFIX) ? verb.slice(VERB_PREFIX.length) : '';
  return (SMALL_FORMS as readonly string[]).includes(id) ? (id as SmallFormId) : null;
}

const origin = z.object({ context: z.unknown(), channelId: z.string().max(200).nullable() });

/** A one-field form as a card; sent back with `error` under the field and the value kept. */
export function smallFormCard(form: SmallForm, intro: string, mentions: Mention[], channelId: string | null, value?: string, error?: string): AdaptiveCard {
  const body: CardElement[] = [
    { type: 'TextBlock', text: form.title, size: 'Large', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: intro, wrap: true },
    {
      type: 'Input.Text', id: FIELD, label: form.field.label, isRequired: true, errorMessage: `${form.field.label} is required.`, maxLength: form.field.maxLength,
      ...(form.field.multiline && { isMultiline: true }),
      ...(form.field.placeholder && { placeholder: form.field.placeholder }),
      ...((value ?? form.field.initial) && { value: value ?? form.field.initial }),
    },
  ];
  if (error) body.push({ type: 'TextBlock', text: withoutSlashCommands(error), color: 'Attention', size: 'Small', wrap: true, spacing: 'None' });
  body.push({ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: form.submit, verb: `${VERB_PREFIX}${form.form}`, style: 'positive', associatedInputs: 'auto', data: { form: { context: form.context, channelId } } }] });
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, msteams: { width: 'Full', ...(mentions.length > 0 && { entities: mentions }) } };
}

async function renderForm(ctx: CommandContext, form: SmallForm, channelId: string | null, value?: string, error?: string): Promise<AdaptiveCard> {
  const mentions: Mention[] = [];
  const names = await namesFor(ctx.db, ctx.workspace.id, { text: form.intro, blocks: [] });
  return smallFormCard(form, toCardMarkdown(form.intro, names, mentions), mentions, channelId, value, error);
}

/** Sends the form a click asked for privately (like every answer); the click is answered with where it went. */
export async function sendSmallForm(context: TurnContext, deps: TeamsDeps, ctx: CommandContext, effect: SmallFormEffect): Promise<string> {
  const form = await describeForm(ctx, effect);
  const card = await renderForm(ctx, form, ctx.channelId);
  const where = await replyPrivately(context, cardActivity(card, form.title), deps.appId, deps.log);
  return where === 'direct' ? `I sent you a form in your personal chat with Renewal Desk: “${form.title}”.` : 'Fill in the form below.';
}

/** A submitted small form: its field checked (the form comes back with the problem), then the same handler as Slack's modal. */
export async function submitSmallFormCard(context: TurnContext, deps: TeamsDeps, id: SmallFormId, data: Record<string, unknown>): Promise<AdaptiveCard | string> {
  const sent = origin.safeParse(data['form']);
  const formCtx = sent.success ? formContext(sent.data.context) : null;
  if (!sent.success || !formCtx) return 'This form is no longer valid. Click the button on the message again.';
  const activity = context.activity;
  const ctx = await teamsContext(deps, tenantOf(activity), activity.from.id, sent.data.channelId ?? channelOf(activity));
  const value = submittedValues(data)[FIELD] ?? '';
  try {
    const outcome = await submitSmallForm(ctx, id, formCtx, value);
    if (!outcome.ok) return renderForm(ctx, await describeForm(ctx, { kind: 'open-form', form: id, context: formCtx }), sent.data.channelId, value, outcome.error);
    await applyTeamsEffects(deps, ctx, outcome.result);
    const reply = outcome.result.reply;
    const card = toAdaptiveCard(reply, await namesFor(deps.db, ctx.workspace.id, reply, { here: channelOf(activity) }));
    if (activity.replyToId) await context.updateActivity({ ...cardActivity(card, reply.text), id: activity.replyToId }).catch((error: Error) => deps.log(`could not replace the submitted form: ${error.message}`));
    return card;
  } catch (error) {
    return plainTextOf(errorMessage(error, ctx), { users: new Map(), channels: new Map() });
  }
}
