import { z } from 'zod';
import type { Effect, OpenFormEffect } from '../effects/effect.js';
import { cents } from '../messages/format.js';
import { creditLabel } from '../store/credits.js';
import { monthTitle } from '../messages/credit.js';
import type { CommandContext, CommandResult, MessageRef } from './context.js';
import { amountField, creditButton, creditForClick, suggestedAmount } from './sla/credit.js';
import { comment, ensureOpenForComments, MAX_COMMENT } from './contract/survey.js';
import { surveyQuestion } from '../messages/survey.js';

/**
 * Forms of one text field that a button opens (Slack modal, Teams card): the amount a vendor credited,
 * a survey comment. Described and submitted here, for both platforms; the platforms only render them.
 */
export type SmallFormId = 'credit-amount' | 'survey-comment';

export interface SmallForm {
  form: SmallFormId;
  /** At most 24 characters (Slack's modal title). */
  title: string;
  /** Markup, above the field. */
  intro: string;
  field: { label: string; multiline: boolean; initial?: string; maxLength: number; placeholder?: string };
  submit: string;
  /** What travels with the form and comes back on submit. */
  context: Record<string, string>;
}

export const SMALL_FORMS: readonly SmallFormId[] = ['credit-amount', 'survey-comment'];

export type SmallFormEffect = OpenFormEffect & { form: SmallFormId };

/** The one-field form a result asks to open, if any. */
export function smallFormOf(effects: readonly Effect[] | undefined): SmallFormEffect | null {
  return (effects ?? []).find((e): e is SmallFormEffect => e.kind === 'open-form' && (SMALL_FORMS as readonly string[]).includes(e.form)) ?? null;
}

const context = z.record(z.string(), z.string().max(300));

/** What travels in a small form: checked when it comes back (a forged or stale form is refused). */
export function formContext(raw: unknown): Record<string, string> | null {
  const parsed = context.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function originOf(ctx: Record<string, string>): MessageRef | null {
  return ctx['channelId'] && ctx['messageId'] ? { channelId: ctx['channelId'], messageId: ctx['messageId'] } : null;
}

/** The form an effect asks for; throws (a private error) when what it is about no longer exists or no longer takes it. */
export async function describeForm(ctx: CommandContext, effect: SmallFormEffect): Promise<SmallForm> {
  const c = effect.context;
  switch (effect.form) {
    case 'credit-amount': {
      const { credit, contract } = await creditForClick(ctx, c['creditId'] ?? '');
      const owed = credit.amount === null ? 'no amount was computed (the contract has no value)' : `owed: ${cents(credit.amount, credit.currency)}`;
      return {
        form: 'credit-amount',
        title: 'Amount credited',
        intro: `How much did ${contract.vendor} credit for *${creditLabel(credit)}* (${contract.name}, ${monthTitle(credit.month)})? ${owed[0]!.toUpperCase()}${owed.slice(1)}.`,
        field: { label: `Amount credited (${credit.currency})`, multiline: false, initial: suggestedAmount(credit), maxLength: 20, placeholder: '250.00' },
        submit: 'Record',
        context: c,
      };
    }
    case 'survey-comment': {
      const { contract } = await ensureOpenForComments(ctx, c['surveyId'] ?? '');
      return {
        form: 'survey-comment',
        title: 'Comment',
        intro: `${surveyQuestion(contract)} Your comment goes to the owner and approvers of *${contract.name}*, without your name.`,
        field: { label: 'Comment', multiline: true, maxLength: MAX_COMMENT, placeholder: 'What works well, what does not?' },
        submit: 'Send',
        context: c,
      };
    }
  }
}

export type SubmitOutcome = { ok: true; result: CommandResult } | { ok: false; error: string };

/** A submitted small form: the field's problem (shown under it), or what submitting did. */
export async function submitSmallForm(ctx: CommandContext, form: SmallFormId, c: Record<string, string>, value: string): Promise<SubmitOutcome> {
  switch (form) {
    case 'credit-amount': {
      const amount = amountField.safeParse(value);
      if (!amount.success) return { ok: false, error: `The amount ${amount.error.issues[0]?.message ?? 'is not valid'}, like 250 or 1,250.50.` };
      return { ok: true, result: await creditButton(ctx, c['creditId'] ?? '', 'credited', amount.data, originOf(c)) };
    }
    case 'survey-comment': {
      const text = value.trim();
      if (!text) return { ok: false, error: 'Write a comment, or cancel.' };
      if (text.length > MAX_COMMENT) return { ok: false, error: `A comment is at most ${MAX_COMMENT} characters.` };
      return { ok: true, result: await comment(ctx, c['surveyId'] ?? '', text) };
    }
  }
}
