import type { App } from '@slack/bolt';
import { z } from 'zod';
import { createAndDescribe } from '../../commands/contract/add.js';
import { checkContractForm, CONTRACT_FORM, formValues, type FormField } from '../../commands/contract/form.js';
import { errorMessage } from '../../commands/router.js';
import { replyPrivately } from './reply.js';
import { applySlackEffects, slackContext, type SlackDeps } from './context.js';

export const CONTRACT_ADD_CALLBACK = 'rd:contract.add';

const label = (text: string) => ({ type: 'plain_text', text });

/** One field of the shared new-contract form as a Block Kit input block. */
function inputBlock(field: FormField) {
  const common = { type: 'input', block_id: field.id, ...(field.optional && { optional: true }), label: label(field.label) };
  switch (field.kind) {
    case 'text':
      return {
        ...common,
        element: {
          type: 'plain_text_input', action_id: 'value',
          ...(field.maxLength && { max_length: field.maxLength }),
          ...(field.placeholder && { placeholder: label(field.placeholder) }),
          ...(field.initial && { initial_value: field.initial }),
          ...(field.multiline && { multiline: true }),
        },
      };
    case 'date':
      return { ...common, element: { type: 'datepicker', action_id: 'value' } };
    case 'user':
      return { ...common, element: { type: 'users_select', action_id: 'value' } };
    case 'select':
      return {
        ...common,
        element: {
          type: 'static_select', action_id: 'value',
          options: field.options.map(([value, shown]) => ({ text: label(shown), value })),
          initial_option: { text: label(field.options.find(([v]) => v === field.initial)![1]), value: field.initial },
        },
      };
  }
}

/** The form behind a bare `/contract add`; the channel it was opened in travels in private_metadata. */
export function contractAddModal(channelId: string | null) {
  return {
    type: 'modal' as const,
    callback_id: CONTRACT_ADD_CALLBACK,
    private_metadata: JSON.stringify({ channelId }),
    title: { type: 'plain_text' as const, text: 'New contract' },
    submit: { type: 'plain_text' as const, text: 'Add' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: CONTRACT_FORM.map(inputBlock),
  };
}

const metadata = z.object({ channelId: z.string().nullable() });
type StateValues = Record<string, Record<string, { value?: string | null; selected_date?: string | null; selected_option?: { value: string } | null; selected_user?: string | null }>>;

function readForm(values: StateValues): Record<string, string> {
  const raw: Record<string, string | null> = {};
  for (const [block, actions] of Object.entries(values)) {
    const v = actions['value'];
    raw[block] = v?.value ?? v?.selected_date ?? v?.selected_option?.value ?? (v?.selected_user ? `<@${v.selected_user}>` : null);
  }
  return formValues(raw);
}

export function registerContractForm(app: App, deps: SlackDeps): void {
  app.view(CONTRACT_ADD_CALLBACK, async ({ ack, body, view, client }) => {
    const meta = metadata.safeParse(safeJson(view.private_metadata));
    const channelId = meta.success ? meta.data.channelId : null;
    const ctx = await slackContext(deps, body.team?.id ?? '', body.user.id, channelId);
    const checked = await checkContractForm(ctx, readForm(view.state.values as StateValues));
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: checked.errors });
      return;
    }
    await ack();
    let reply;
    try {
      const result = await createAndDescribe(ctx, checked.input);
      await applySlackEffects(deps, ctx, result);
      reply = result.reply;
    } catch (error) {
      reply = errorMessage(error, ctx);
    }
    await replyPrivately({ client, channelId, userId: body.user.id }, reply, deps.log);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
