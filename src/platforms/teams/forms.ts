import { CONTRACT_FORM, type FormField } from '../../commands/contract/form.js';
import { withoutSlashCommands, type Mention } from './markup.js';
import type { AdaptiveCard, CardElement } from './render.js';

/** Verbs of the form cards' submit buttons (the message buttons use the action ids as verbs). */
export const FORM_VERBS = { contractAdd: 'form.contract-add', assignSuccessor: 'form.assign-successor' } as const;

/** Where a form was opened: it travels in the submit button's data, like Slack's private_metadata. */
export interface FormOrigin {
  channelId: string | null;
  teamId: string | null;
}

/**
 * Teams' people picker: searches the organisation's directory and answers with an Entra object id.
 * A form sent back with errors keeps the person picked (`picked`: the `<@id>` and a name to show).
 */
function peoplePicker(id: string, label: string, required: boolean, picked?: { value: string; name: string }): CardElement {
  const chosen = picked ? /^<@([^>]+)>$/.exec(picked.value)?.[1] ?? picked.value : undefined;
  return {
    type: 'Input.ChoiceSet', id, label, isRequired: required, errorMessage: 'Pick a person.',
    choices: chosen ? [{ title: picked!.name || 'The person you picked', value: chosen }] : [],
    'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    ...(chosen && { value: chosen }),
  };
}

function input(field: FormField, value: string | undefined, names: ReadonlyMap<string, string>): CardElement {
  const common = { id: field.id, label: field.label, isRequired: !field.optional, errorMessage: `${field.label} is required.` };
  switch (field.kind) {
    case 'text':
      return { type: 'Input.Text', ...common, ...(field.maxLength && { maxLength: field.maxLength }), ...(field.placeholder && { placeholder: field.placeholder }), ...(field.multiline && { isMultiline: true }), ...((value ?? field.initial) && { value: value ?? field.initial }) };
    case 'date':
      return { type: 'Input.Date', ...common, ...(value && { value }) };
    case 'user':
      return peoplePicker(field.id, field.label, !field.optional, value ? { value, name: names.get(value.replace(/^<@|>$/g, '')) ?? '' } : undefined);
    case 'select':
      return { type: 'Input.ChoiceSet', ...common, style: 'compact', value: value ?? field.initial, choices: field.options.map(([v, title]) => ({ title, value: v })) };
  }
}

function card(body: CardElement[], mentions: Mention[] = []): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, msteams: { width: 'Full', ...(mentions.length > 0 && { entities: mentions }) } };
}

const attention = (text: string): CardElement => ({ type: 'TextBlock', text: withoutSlashCommands(text), color: 'Attention', size: 'Small', wrap: true, spacing: 'None' });

/** The new-contract form; after a refused submit it comes back filled in, each problem under its field. */
export function contractAddCard(origin: FormOrigin, values: Record<string, string> = {}, errors: Record<string, string> = {}, names: ReadonlyMap<string, string> = new Map()): AdaptiveCard {
  const body: CardElement[] = [{ type: 'TextBlock', text: 'New contract', size: 'Large', weight: 'Bolder', wrap: true }];
  if (Object.keys(errors).length > 0) body.push({ type: 'TextBlock', text: 'Please correct the fields marked below. Nothing was stored.', color: 'Attention', wrap: true });
  // Not every client shows a picker's preselected person, so a kept pick also travels in the button's data.
  const kept: Record<string, string> = {};
  for (const field of CONTRACT_FORM) {
    body.push(input(field, values[field.id], names));
    const value = values[field.id];
    if (field.kind === 'user' && value && !errors[field.id]) {
      kept[field.id] = value;
      const name = names.get(value.replace(/^<@|>$/g, ''));
      body.push({ type: 'TextBlock', text: `Kept: ${name ?? 'the person you picked'} (pick someone else to change it).`, size: 'Small', isSubtle: true, wrap: true, spacing: 'None' });
    }
    const error = errors[field.id];
    if (error) body.push(attention(`${field.label}: ${error}`));
  }
  body.push({ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Add', verb: FORM_VERBS.contractAdd, style: 'positive', associatedInputs: 'auto', data: { origin, ...(Object.keys(kept).length > 0 && { kept }) } }] });
  return card(body);
}

export interface SuccessorContext extends FormOrigin {
  contractId: string;
  fromUserId: string;
}

/** "Assign successor": a people picker; submitting hands that contract's roles over. `question` is card markdown. */
export function successorCard(question: string, mentions: Mention[], context: SuccessorContext, error?: string): AdaptiveCard {
  const body: CardElement[] = [
    { type: 'TextBlock', text: 'Assign successor', size: 'Large', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: question, wrap: true },
    peoplePicker('successor', 'Successor', true),
  ];
  if (error) body.push(attention(error));
  body.push({ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Hand over', verb: FORM_VERBS.assignSuccessor, style: 'positive', associatedInputs: 'auto', data: { context } }] });
  return card(body, mentions);
}

/** Submitted input values (Teams merges them into the action's data), as trimmed strings. */
export function submittedValues(data: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!data || typeof data !== 'object') return out;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value === 'string' && value.trim()) out[key] = value.trim();
  }
  return out;
}
