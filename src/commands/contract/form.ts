import { findContract } from '../../store/contracts.js';
import { todayOf, type CommandContext } from '../context.js';
import { contractName } from '../values.js';
import type { ContractInput } from './create.js';
import { contractFieldSpec } from './fields.js';

/**
 * The new-contract form behind a bare `/contract add`, described once for every platform: Slack
 * renders it as a modal, Teams as an Adaptive Card. Field ids are the `/contract add` keys.
 */
export type FormField =
  | { id: string; kind: 'text'; label: string; optional: boolean; maxLength?: number; placeholder?: string; initial?: string; multiline?: boolean }
  | { id: string; kind: 'date'; label: string; optional: boolean }
  | { id: string; kind: 'user'; label: string; optional: boolean }
  | { id: string; kind: 'select'; label: string; optional: boolean; options: [value: string, shown: string][]; initial: string };

export const CONTRACT_FORM: readonly FormField[] = [
  { id: 'name', kind: 'text', label: 'Contract name', optional: false, maxLength: 80, placeholder: 'Globex Support' },
  { id: 'vendor', kind: 'text', label: 'Vendor', optional: false, maxLength: 80 },
  { id: 'end', kind: 'date', label: 'End date', optional: false },
  { id: 'start', kind: 'date', label: 'Start date', optional: true },
  { id: 'notice', kind: 'text', label: 'Notice period (days)', optional: true, placeholder: 'e.g. 60; empty: no notice period' },
  { id: 'renewal', kind: 'select', label: 'Renewal', optional: false, options: [['auto', 'Renews automatically unless notice is given'], ['manual', 'Expires unless renewed']], initial: 'auto' },
  { id: 'term', kind: 'text', label: 'Renewal term (months)', optional: true, placeholder: 'e.g. 24; empty: 12' },
  { id: 'value', kind: 'text', label: 'Value', optional: true, placeholder: 'e.g. 12000' },
  { id: 'currency', kind: 'text', label: 'Currency', optional: true, initial: 'USD', maxLength: 3 },
  { id: 'per', kind: 'select', label: 'Value is per', optional: false, options: [['year', 'year'], ['month', 'month']], initial: 'year' },
  { id: 'tier', kind: 'select', label: 'Tier (how early reminders start)', optional: false, options: [['1', '1 — critical: from 120 days'], ['2', '2 — standard: from 90 days'], ['3', '3 — minor: from 60 days']], initial: '2' },
  { id: 'owner', kind: 'user', label: 'Owner (default: you)', optional: true },
  { id: 'services', kind: 'text', label: 'Services in scope', optional: true, multiline: true, maxLength: 500 },
];

export type FormCheck = { ok: true; input: ContractInput } | { ok: false; errors: Record<string, string> };

/**
 * Validates submitted form values (field id → trimmed text; a user as `<@ID>`) with the same zod
 * schemas as `/contract add`, and refuses a name that already exists. Errors are per field.
 */
export async function checkContractForm(ctx: CommandContext, form: Readonly<Record<string, string>>): Promise<FormCheck> {
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
    else errors[key] = parsed.error.issues[0]?.message ?? 'not valid';
  }
  for (const field of CONTRACT_FORM) {
    if (!field.optional && field.kind !== 'select' && !form[field.id] && !errors[field.id]) errors[field.id] = 'is required';
  }
  if (!errors['name'] && name.success && (await findContract(ctx.db, ctx.workspace.id, name.data))) {
    errors['name'] = `${name.data} already exists (names are case-insensitive): pick another name, or change that one with /contract edit.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: input as unknown as ContractInput };
}

/** Form values as the platforms hand them over: empty and blank fields are left out. */
export function formValues(raw: Readonly<Record<string, string | null | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of CONTRACT_FORM) {
    const value = raw[field.id];
    if (typeof value === 'string' && value.trim()) out[field.id] = value.trim();
  }
  return out;
}
