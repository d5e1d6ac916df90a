import { CONTRACT_FORM, type FormField } from '../../../commands/contract/form.js';
import type { ContractFormState, SmallFormState, SuccessorFormState } from '../entries.js';
import { Hidden } from './layout.js';
import { Markup, type Names } from './markup.js';

export interface FormProps {
  entryId: number;
  csrf: string;
  /** People of the workspace, for person fields. */
  people: readonly { id: string; name: string }[];
  enabled: boolean;
}

function Field({ field, value, error, people }: { field: FormField; value: string | undefined; error: string | undefined; people: FormProps['people'] }) {
  const invalid = error ? 'invalid' : '';
  const input = (() => {
    switch (field.kind) {
      case 'text':
        return field.multiline
          ? <textarea name={field.id} rows={2} maxLength={field.maxLength} placeholder={field.placeholder} class={invalid}>{value ?? field.initial ?? ''}</textarea>
          : <input name={field.id} value={value ?? field.initial ?? ''} maxLength={field.maxLength} placeholder={field.placeholder} required={!field.optional} class={invalid} />;
      case 'date':
        return <input type="date" name={field.id} value={value ?? ''} required={!field.optional} class={invalid} />;
      case 'select':
        return (
          <select name={field.id} class={invalid}>
            {field.options.map(([v, shown]) => <option value={v} selected={(value ?? field.initial) === v}>{shown}</option>)}
          </select>
        );
      case 'user':
        return (
          <select name={field.id} class={invalid}>
            <option value="">(you)</option>
            {people.map((p) => <option value={`<@${p.id}>`} selected={value === `<@${p.id}>`}>{p.name}</option>)}
          </select>
        );
    }
  })();
  return (
    <label class={field.kind === 'text' && field.multiline ? 'wide' : ''}>
      {field.label}
      {input}
      {error && <span class="error">{error}</span>}
    </label>
  );
}

/** The new-contract form (the fields Slack's modal and Teams' card show), answered in place. */
export function ContractForm({ state, props }: { state: ContractFormState; props: FormProps }) {
  const problems = Object.keys(state.errors).length > 0;
  return (
    <form class="form" method="post" action="/console/form" data-form="contract-add">
      <Hidden csrf={props.csrf} />
      <input type="hidden" name="entry" value={String(props.entryId)} />
      <h3 class="wide">New contract</h3>
      {problems && <p class="form-problem wide">{state.errors['form'] ?? 'Please correct the fields marked below. Nothing was stored.'}</p>}
      {CONTRACT_FORM.map((field) => <Field field={field} value={state.values[field.id]} error={state.errors[field.id]} people={props.people} />)}
      <div class="wide"><button type="submit" class="primary" disabled={!props.enabled}>Add</button></div>
    </form>
  );
}

/** "Assign successor": pick who takes over the leaver's roles on that contract. */
export function SuccessorForm({ state, props, names }: { state: SuccessorFormState; props: FormProps; names: Names }) {
  const leaver = names.users.get(state.fromUserId) ?? state.fromUserId;
  return (
    <form class="form" method="post" action="/console/form" data-form="assign-successor">
      <Hidden csrf={props.csrf} />
      <input type="hidden" name="entry" value={String(props.entryId)} />
      <h3 class="wide">Assign successor</h3>
      {state.error && <p class="form-problem wide">{state.error}</p>}
      <label class="wide">
        {`Who takes over the roles of ${leaver}?`}
        <select name="successor">
          <option value="">Pick a person</option>
          {props.people.filter((p) => p.id !== state.fromUserId).map((p) => <option value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <div class="wide"><button type="submit" class="primary" disabled={!props.enabled}>Hand over</button></div>
    </form>
  );
}

/** A one-field form a button opened (the amount credited, a survey comment), as Slack's modal and Teams' card show it. */
export function OneFieldForm({ state, props, names, fieldName }: { state: SmallFormState; props: FormProps; names: Names; fieldName: string }) {
  const { field } = state;
  const value = state.value ?? field.initial ?? '';
  const invalid = state.error ? 'invalid' : '';
  return (
    <form class="form" method="post" action="/console/form" data-form={state.form}>
      <Hidden csrf={props.csrf} />
      <input type="hidden" name="entry" value={String(props.entryId)} />
      <h3 class="wide">{state.title}</h3>
      <p class="wide intro"><Markup text={state.intro} names={names} /></p>
      <label class="wide">
        {field.label}
        {field.multiline
          ? <textarea name={fieldName} rows={3} maxLength={field.maxLength} placeholder={field.placeholder} required class={invalid}>{value}</textarea>
          : <input name={fieldName} value={value} maxLength={field.maxLength} placeholder={field.placeholder} required class={invalid} />}
        {state.error && <span class="error">{state.error}</span>}
      </label>
      <div class="wide buttons">
        <button type="submit" class="primary" disabled={!props.enabled}>{state.submit}</button>
        <button type="submit" name="cancel" value="1" formnovalidate disabled={!props.enabled}>Cancel</button>
      </div>
    </form>
  );
}
