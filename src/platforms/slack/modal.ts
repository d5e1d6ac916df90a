import type { App } from '@slack/bolt';
import { z } from 'zod';
import { createAndDescribe } from '../../commands/contract/add.js';
import type { ContractInput } from '../../commands/contract/create.js';
import { contractFieldSpec } from '../../commands/contract/fields.js';
import { todayOf } from '../../commands/context.js';
import { errorMessage } from '../../commands/router.js';
import { contractName } from '../../commands/values.js';
import { findContract } from '../../store/contracts.js';
import { replyPrivately } from './reply.js';
import { slackContext, type SlackDeps } from './context.js';

export const CONTRACT_ADD_CALLBACK = 'rd:contract.add';

const text = (id: string, label: string, optional: boolean, extra: object = {}) => ({
  type: 'input', block_id: id, optional, label: { type: 'plain_text', text: label },
  element: { type: 'plain_text_input', action_id: 'value', ...extra },
});
const select = (id: string, label: string, options: [string, string][], initial: string) => ({
  type: 'input', block_id: id, label: { type: 'plain_text', text: label },
  element: {
    type: 'static_select', action_id: 'value',
    options: options.map(([value, shown]) => ({ text: { type: 'plain_text', text: shown }, value })),
    initial_option: { text: { type: 'plain_text', text: options.find(([v]) => v === initial)![1] }, value: initial },
  },
});

/** The form behind a bare `/contract add`; the channel it was opened in travels in private_metadata. */
export function contractAddModal(channelId: string | null) {
  return {
    type: 'modal' as const,
    callback_id: CONTRACT_ADD_CALLBACK,
    private_metadata: JSON.stringify({ channelId }),
    title: { type: 'plain_text' as const, text: 'New contract' },
    submit: { type: 'plain_text' as const, text: 'Add' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      text('name', 'Contract name', false, { max_length: 80, placeholder: { type: 'plain_text', text: 'Globex Support' } }),
      text('vendor', 'Vendor', false, { max_length: 80 }),
      { type: 'input', block_id: 'end', label: { type: 'plain_text', text: 'End date' }, element: { type: 'datepicker', action_id: 'value' } },
      { type: 'input', block_id: 'start', optional: true, label: { type: 'plain_text', text: 'Start date' }, element: { type: 'datepicker', action_id: 'value' } },
      text('notice', 'Notice period (days)', true, { placeholder: { type: 'plain_text', text: '60' } }),
      select('renewal', 'Renewal', [['auto', 'Renews automatically unless notice is given'], ['manual', 'Expires unless renewed']], 'auto'),
      text('term', 'Renewal term (months)', true, { placeholder: { type: 'plain_text', text: '12' } }),
      text('value', 'Value', true, { placeholder: { type: 'plain_text', text: '12000' } }),
      text('currency', 'Currency', true, { initial_value: 'USD', max_length: 3 }),
      select('per', 'Value is per', [['year', 'year'], ['month', 'month']], 'year'),
      select('tier', 'Tier (how early reminders start)', [['1', '1 — critical: from 120 days'], ['2', '2 — standard: from 90 days'], ['3', '3 — minor: from 60 days']], '2'),
      { type: 'input', block_id: 'owner', optional: true, label: { type: 'plain_text', text: 'Owner (default: you)' }, element: { type: 'users_select', action_id: 'value' } },
      text('services', 'Services in scope', true, { multiline: true, max_length: 500 }),
    ],
  };
}

const metadata = z.object({ channelId: z.string().nullable() });
type StateValues = Record<string, Record<string, { value?: string | null; selected_date?: string | null; selected_option?: { value: string } | null; selected_user?: string | null }>>;

function readForm(values: StateValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [block, actions] of Object.entries(values)) {
    const v = actions['value'];
    const raw = v?.value ?? v?.selected_date ?? v?.selected_option?.value ?? (v?.selected_user ? `<@${v.selected_user}>` : null);
    if (raw && raw.trim()) out[block] = raw.trim();
  }
  return out;
}

export function registerContractForm(app: App, deps: SlackDeps): void {
  app.view(CONTRACT_ADD_CALLBACK, async ({ ack, body, view, client }) => {
    const meta = metadata.safeParse(safeJson(view.private_metadata));
    const channelId = meta.success ? meta.data.channelId : null;
    const ctx = await slackContext(deps, body.team?.id ?? '', body.user.id, channelId);
    const form = readForm(view.state.values as StateValues);
    const spec = contractFieldSpec(todayOf(ctx));
    const errors: Record<string, string> = {};
    const input: Record<string, unknown> = {};
    const name = contractName.safeParse(form['name'] ?? '');
    if (name.success) input['name'] = name.data;
    else errors['name'] = `The name ${name.error.issues[0]?.message}.`;
    for (const [key, schema] of Object.entries(spec)) {
      if (form[key] === undefined) continue;
      const parsed = schema.safeParse(form[key]);
      if (parsed.success) input[key] = parsed.data;
      else errors[key] = `${parsed.error.issues[0]?.message ?? 'not valid'}`;
    }
    if (!errors['name'] && name.success && (await findContract(ctx.db, ctx.workspace.id, name.data))) {
      errors['name'] = 'A contract with this name already exists (names are case-insensitive).';
    }
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    let reply;
    try {
      reply = (await createAndDescribe(ctx, input as unknown as ContractInput)).reply;
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
