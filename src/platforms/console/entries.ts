import { z } from 'zod';
import { ACTION_IDS } from '../../commands/actions/dispatch.js';
import type { ActionId, Message } from '../../messages/model.js';
import type { ConsoleEntry } from '../../store/console-entries.js';

/** The stored bodies of console entries, checked when read back (a row is data from outside this process). */
const button = z.object({ action: z.enum(ACTION_IDS as [ActionId, ...ActionId[]]), label: z.string(), value: z.string(), style: z.enum(['primary', 'danger']).optional() });
const block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('header'), text: z.string() }),
  z.object({ type: z.literal('section'), text: z.string() }),
  z.object({ type: z.literal('context'), text: z.string() }),
  z.object({ type: z.literal('fields'), fields: z.array(z.object({ label: z.string(), value: z.string() })) }),
  z.object({ type: z.literal('actions'), buttons: z.array(button) }),
]);
export const messageSchema = z.object({ text: z.string(), blocks: z.array(block) });

const contractForm = z.object({
  form: z.literal('contract-add'),
  channelId: z.string().nullable(),
  values: z.record(z.string(), z.string()),
  errors: z.record(z.string(), z.string()),
});
const successorForm = z.object({
  form: z.literal('assign-successor'),
  channelId: z.string().nullable(),
  contractId: z.string(),
  fromUserId: z.string(),
  error: z.string().optional(),
});
/** The name of a one-field form's field in the console's HTML form. */
export const SMALL_FORM_FIELD = 'field';

/** A one-field form (the amount credited, a survey comment) as `describeForm` described it when it opened. */
const smallFormFields = {
  channelId: z.string().nullable(),
  title: z.string(),
  intro: z.string(),
  field: z.object({ label: z.string(), multiline: z.boolean(), initial: z.string().optional(), maxLength: z.number(), placeholder: z.string().optional() }),
  submit: z.string(),
  context: z.record(z.string(), z.string()),
  /** What was typed, kept when the form comes back with a problem. */
  value: z.string().optional(),
  error: z.string().optional(),
};
const creditAmountForm = z.object({ form: z.literal('credit-amount'), ...smallFormFields });
const surveyCommentForm = z.object({ form: z.literal('survey-comment'), ...smallFormFields });
export const formState = z.discriminatedUnion('form', [contractForm, successorForm, creditAmountForm, surveyCommentForm]);
export type FormState = z.infer<typeof formState>;
export type ContractFormState = z.infer<typeof contractForm>;
export type SuccessorFormState = z.infer<typeof successorForm>;
export type SmallFormState = z.infer<typeof creditAmountForm> | z.infer<typeof surveyCommentForm>;

const commandBody = z.object({ text: z.string() });

interface Common {
  id: number;
  at: Date;
}

export type Entry =
  | (Common & { kind: 'post'; channelId: string; message: Message })
  | (Common & { kind: 'reply' | 'note'; message: Message })
  | (Common & { kind: 'command'; text: string })
  | (Common & { kind: 'form'; state: FormState });

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** An entry as the console shows it; null for a row it cannot read (left out rather than shown broken). */
export function parseEntry(row: ConsoleEntry): Entry | null {
  const common: Common = { id: row.id, at: row.createdAt };
  const body = json(row.body);
  switch (row.kind) {
    case 'post': {
      const message = messageSchema.safeParse(body);
      return message.success && row.channelId ? { ...common, kind: 'post', channelId: row.channelId, message: message.data } : null;
    }
    case 'reply':
    case 'note': {
      const message = messageSchema.safeParse(body);
      return message.success ? { ...common, kind: row.kind, message: message.data } : null;
    }
    case 'command': {
      const command = commandBody.safeParse(body);
      return command.success ? { ...common, kind: 'command', text: command.data.text } : null;
    }
    case 'form': {
      const state = formState.safeParse(body);
      return state.success ? { ...common, kind: 'form', state: state.data } : null;
    }
    default:
      return null;
  }
}
