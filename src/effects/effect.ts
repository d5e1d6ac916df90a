import type { Message } from '../messages/model.js';

export type FormId = 'contract-add' | 'assign-successor' | 'credit-amount' | 'survey-comment';

/** What a posted message is, so its id is stored with what it shows (and it can be updated later). */
export type PostedAs = { as: 'issue-message'; issueId: string } | { as: 'decision-message'; decisionId: string } | { as: 'survey-message'; surveyId: string };

/**
 * What a command or a click changes outside the database, as data: the handler returns it in its
 * result, and `applyEffects` carries it out on whichever platform the request came from.
 */
export type Effect =
  | {
      kind: 'post';
      channelId: string;
      message: Message;
      /** For the log when the post fails: "I-3", "the proposal for Acme". */
      about: string;
      remember?: PostedAs;
      /** This post is the command's answer for everyone there (a logged issue). */
      announces?: true;
    }
  | { kind: 'update'; channelId: string; messageId: string; message: Message; about: string }
  | { kind: 'open-form'; form: FormId; context: Record<string, string> };

export type PostEffect = Extract<Effect, { kind: 'post' }>;
export type UpdateEffect = Extract<Effect, { kind: 'update' }>;
export type OpenFormEffect = Extract<Effect, { kind: 'open-form' }>;

export function post(channelId: string, message: Message, about: string, extra: Pick<PostEffect, 'remember' | 'announces'> = {}): PostEffect {
  return { kind: 'post', channelId, message, about, ...extra };
}

export function update(channelId: string, messageId: string, message: Message, about: string): UpdateEffect {
  return { kind: 'update', channelId, messageId, message, about };
}

export function openForm(form: FormId, context: Record<string, string> = {}): OpenFormEffect {
  return { kind: 'open-form', form, context };
}

/** The form a result asks to open, if any. */
export function formOf(effects: readonly Effect[] | undefined, form: FormId): OpenFormEffect | null {
  return (effects ?? []).find((e): e is OpenFormEffect => e.kind === 'open-form' && e.form === form) ?? null;
}

/** The latest new version of a message among the effects (the clicked card, after a decision). */
export function updateOf(effects: readonly Effect[] | undefined, ref: { channelId: string; messageId: string } | null): Message | null {
  if (!ref) return null;
  const updates = (effects ?? []).filter((e): e is UpdateEffect => e.kind === 'update' && e.channelId === ref.channelId && e.messageId === ref.messageId);
  return updates.at(-1)?.message ?? null;
}
