import type { App } from '@slack/bolt';
import { z } from 'zod';
import { errorMessage } from '../../commands/router.js';
import { SMALL_FORMS, formContext, submitSmallForm, type SmallForm, type SmallFormId } from '../../commands/small-forms.js';
import { replyPrivately } from './reply.js';
import { applySlackEffects, slackContext, type SlackDeps } from './context.js';

const CALLBACK_PREFIX = 'rd:form.';
const FIELD = 'field';

const metadata = z.object({ context: z.unknown(), channelId: z.string().nullable() });

const text = (value: string) => ({ type: 'plain_text' as const, text: value });

/** A one-field form (the amount credited, a survey comment) as a modal; its context travels in private_metadata. */
export function smallFormModal(form: SmallForm, channelId: string | null) {
  return {
    type: 'modal' as const,
    callback_id: `${CALLBACK_PREFIX}${form.form}`,
    private_metadata: JSON.stringify({ context: form.context, channelId }),
    title: text(form.title),
    submit: text(form.submit),
    close: text('Cancel'),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: form.intro } },
      {
        type: 'input', block_id: FIELD, label: text(form.field.label),
        element: {
          type: 'plain_text_input', action_id: 'value', max_length: form.field.maxLength,
          ...(form.field.multiline && { multiline: true }),
          ...(form.field.initial && { initial_value: form.field.initial }),
          ...(form.field.placeholder && { placeholder: text(form.field.placeholder) }),
        },
      },
    ],
  };
}

export function registerSmallForms(app: App, deps: SlackDeps): void {
  for (const id of SMALL_FORMS) {
    app.view(`${CALLBACK_PREFIX}${id}`, async ({ ack, body, view, client }) => {
      const meta = metadata.safeParse((() => { try { return JSON.parse(view.private_metadata); } catch { return null; } })());
      const context = meta.success ? formContext(meta.data.context) : null;
      if (!meta.success || !context) {
        await ack({ response_action: 'errors', errors: { [FIELD]: 'This form is no longer valid: close it and click the button again.' } });
        return;
      }
      const value = (view.state.values[FIELD]?.['value'] as { value?: string | null } | undefined)?.value ?? '';
      const ctx = await slackContext(deps, body.team?.id ?? '', body.user.id, meta.data.channelId, client);
      let outcome;
      try {
        outcome = await submitSmallForm(ctx, id as SmallFormId, context, value);
      } catch (error) {
        await ack();
        await replyPrivately({ client, channelId: meta.data.channelId, userId: body.user.id }, errorMessage(error, ctx), deps.log);
        return;
      }
      if (!outcome.ok) {
        await ack({ response_action: 'errors', errors: { [FIELD]: outcome.error } });
        return;
      }
      await ack();
      await applySlackEffects(deps, ctx, outcome.result);
      await replyPrivately({ client, channelId: meta.data.channelId, userId: body.user.id }, outcome.result.reply, deps.log);
    });
  }
}
