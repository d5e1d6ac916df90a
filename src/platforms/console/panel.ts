import { z } from 'zod';
import { handleAction } from '../../commands/actions/dispatch.js';
import { createAndDescribe } from '../../commands/contract/add.js';
import { checkContractForm, formValues } from '../../commands/contract/form.js';
import { handOver } from '../../commands/contract/handover.js';
import type { CommandContext, CommandResult } from '../../commands/context.js';
import { UsageError } from '../../commands/errors.js';
import { commandOverview } from '../../commands/help.js';
import { describeForm, smallFormOf, submitSmallForm } from '../../commands/small-forms.js';
import { errorMessage, runCommand, splitCommandLine } from '../../commands/router.js';
import { USER_ID_PATTERN } from '../../commands/values.js';
import { parseInstant } from '../../domain/instants.js';
import { formatInstant } from '../../domain/zoned-time.js';
import { formOf } from '../../effects/effect.js';
import { count } from '../../messages/format.js';
import { message, plain, type ActionId, type Message } from '../../messages/model.js';
import { runPass } from '../../scheduler/pass.js';
import { addConsoleEntry, findConsoleEntry, updateConsoleEntry } from '../../store/console-entries.js';
import type { Workspace } from '../../store/workspaces.js';
import { applyConsoleEffects, consoleContext, type ConsoleDeps } from './context.js';
import { parseEntry, type ContractFormState, type Entry, type FormState, SMALL_FORM_FIELD, type SmallFormState, type SuccessorFormState } from './entries.js';
import { typedToMarkup, type Known } from './typed.js';

/** Who is at the console: the workspace shown, the user it acts as, the channel typed commands come from. */
export interface ConsoleUser {
  workspace: Workspace;
  userId: string;
  channelId: string | null;
  known: Known;
}

const HOW_TO_TYPE = 'Type one of these commands, as in Slack (or without the slash, as in Teams):';

async function addPrivate(deps: ConsoleDeps, who: ConsoleUser, kind: 'command' | 'reply' | 'note' | 'form', body: object): Promise<number> {
  return addConsoleEntry(deps.db, { workspaceId: who.workspace.id, userId: who.userId, kind, body: JSON.stringify(body), at: deps.clock() });
}

/** An entry this user may see: a post of the workspace, or one of their own private entries. */
async function visibleEntry(deps: ConsoleDeps, who: ConsoleUser, id: number): Promise<Entry | null> {
  const row = await findConsoleEntry(deps.db, who.workspace.id, id);
  if (!row || (row.userId !== null && row.userId !== who.userId)) return null;
  return parseEntry(row);
}

/**
 * What a result changes, carried out as on the other platforms, and its answer added to the user's
 * transcript (in place of `replacing`, a private entry answered, when given). A form the result asks
 * for is opened in the transcript.
 */
async function settle(deps: ConsoleDeps, ctx: CommandContext, who: ConsoleUser, result: CommandResult, replacing: number | null): Promise<void> {
  const contractForm = formOf(result.effects, 'contract-add');
  if (contractForm) {
    await addPrivate(deps, who, 'form', { form: 'contract-add', channelId: ctx.channelId, values: {}, errors: {} } satisfies ContractFormState);
    return;
  }
  const successorForm = formOf(result.effects, 'assign-successor');
  if (successorForm) {
    const { contractId = '', fromUserId = '' } = successorForm.context;
    await addPrivate(deps, who, 'form', { form: 'assign-successor', channelId: ctx.channelId, contractId, fromUserId } satisfies SuccessorFormState);
    return;
  }
  const smallForm = smallFormOf(result.effects);
  if (smallForm) {
    // Described now, as Slack's modal and Teams' card are: what it is about may have changed since the click was checked.
    let form;
    try {
      form = await describeForm(ctx, smallForm);
    } catch (error) {
      await addPrivate(deps, who, 'reply', errorMessage(error, ctx));
      return;
    }
    const { form: id, title, intro, field, submit, context } = form;
    await addPrivate(deps, who, 'form', { form: id, channelId: ctx.channelId, title, intro, field, submit, context } as SmallFormState);
    return;
  }
  const applied = await applyConsoleEffects(deps, ctx, result);
  // A logged issue posted in the panel's own channel is the answer: no private copy beside it.
  if (who.workspace.platform === 'console' && applied.announcedIn !== null && applied.announcedIn === who.channelId) return;
  if (replacing !== null) await updateConsoleEntry(deps.db, who.workspace.id, replacing, { kind: 'reply', body: JSON.stringify(result.reply) });
  else await addPrivate(deps, who, 'reply', result.reply);
}

/** A line typed in the chat panel: the same command layer as Slack and Teams. */
export async function typeCommand(deps: ConsoleDeps, who: ConsoleUser, typed: string): Promise<void> {
  const text = typed.trim();
  if (!text) return;
  await addPrivate(deps, who, 'command', { text });
  const ctx = consoleContext(deps, who.workspace, who.userId, who.channelId);
  const { name, word, rest } = splitCommandLine(typedToMarkup(text, who.known));
  const result = name ? await runCommand(name, rest, ctx) : { reply: commandOverview(word, HOW_TO_TYPE) };
  await settle(deps, ctx, who, result, null);
}

/** A button of a message in the panel: the same handlers as a click in Slack or Teams. */
export async function clickButton(deps: ConsoleDeps, who: ConsoleUser, entryId: number, action: ActionId, value: string): Promise<void> {
  const entry = await visibleEntry(deps, who, entryId);
  const message = entry && (entry.kind === 'post' || entry.kind === 'reply' || entry.kind === 'note') ? entry.message : null;
  // Only a button the message shows, as shown: anything else is stale or forged.
  const shown = message?.blocks.some((b) => b.type === 'actions' && b.buttons.some((x) => x.action === action && x.value === value));
  const ctx = consoleContext(deps, who.workspace, who.userId, entry?.kind === 'post' ? entry.channelId : who.channelId);
  if (!entry || !shown) {
    await addPrivate(deps, who, 'note', plain('⚠ That button is no longer there: the message changed meanwhile. Nothing was done.'));
    return;
  }
  const origin = entry.kind === 'post' ? { channelId: entry.channelId, messageId: String(entry.id) } : null;
  let result: CommandResult;
  try {
    result = await handleAction(ctx, action, value, origin);
  } catch (error) {
    result = { reply: errorMessage(error, ctx) };
  }
  await settle(deps, ctx, who, result, result.replaceOriginal && entry.kind !== 'post' ? entry.id : null);
}

/** A form in the panel submitted: the same checks and handlers as Slack's modals and Teams' cards. */
export async function submitForm(deps: ConsoleDeps, who: ConsoleUser, entryId: number, fields: Readonly<Record<string, string>>): Promise<void> {
  const entry = await visibleEntry(deps, who, entryId);
  if (!entry || entry.kind !== 'form') {
    await addPrivate(deps, who, 'note', plain('⚠ That form was already submitted. Nothing was done.'));
    return;
  }
  const ctx = consoleContext(deps, who.workspace, who.userId, entry.state.channelId);
  const { state } = entry;
  if (state.form === 'contract-add') await submitContractForm(deps, ctx, who, entry.id, fields);
  else if (state.form === 'assign-successor') await submitSuccessorForm(deps, ctx, who, entry.id, state, fields);
  else await submitOneFieldForm(deps, ctx, who, entry.id, state, fields);
}

async function keepForm(deps: ConsoleDeps, who: ConsoleUser, id: number, state: FormState): Promise<void> {
  await updateConsoleEntry(deps.db, who.workspace.id, id, { body: JSON.stringify(state) });
}

async function submitContractForm(deps: ConsoleDeps, ctx: CommandContext, who: ConsoleUser, id: number, fields: Readonly<Record<string, string>>): Promise<void> {
  const values = formValues(fields);
  const back = (errors: Record<string, string>) => keepForm(deps, who, id, { form: 'contract-add', channelId: ctx.channelId, values, errors });
  const checked = await checkContractForm(ctx, values);
  if (!checked.ok) return back(checked.errors);
  try {
    await settle(deps, ctx, who, await createAndDescribe(ctx, checked.input), id);
  } catch (error) {
    if (error instanceof UsageError) return back({ form: error.message.replace(/[*`]/g, '') });
    await settle(deps, ctx, who, { reply: errorMessage(error, ctx) }, id);
  }
}

async function submitSuccessorForm(deps: ConsoleDeps, ctx: CommandContext, who: ConsoleUser, id: number, state: SuccessorFormState, fields: Readonly<Record<string, string>>): Promise<void> {
  const successor = fields['successor'] ?? '';
  const back = (error: string) => keepForm(deps, who, id, { ...state, error });
  if (!USER_ID_PATTERN.test(successor)) return back('Pick a person.');
  if (successor === state.fromUserId) return back('Pick someone else: this is the person leaving.');
  let result: CommandResult;
  try {
    result = await handOver(ctx, state.fromUserId, successor, [state.contractId]);
  } catch (error) {
    result = { reply: errorMessage(error, ctx) };
  }
  await settle(deps, ctx, who, result, id);
}

/** The amount credited or a survey comment: the same check and handler as Slack's modal and Teams' card; a problem comes back under the field. */
async function submitOneFieldForm(deps: ConsoleDeps, ctx: CommandContext, who: ConsoleUser, id: number, state: SmallFormState, fields: Readonly<Record<string, string>>): Promise<void> {
  if (fields['cancel'] === '1') {
    await updateConsoleEntry(deps.db, who.workspace.id, id, { kind: 'note', body: JSON.stringify(plain(`${state.title}: cancelled. Nothing was recorded.`)) });
    return;
  }
  const value = fields[SMALL_FORM_FIELD] ?? '';
  let result: CommandResult;
  try {
    const outcome = await submitSmallForm(ctx, state.form, state.context, value);
    if (!outcome.ok) return keepForm(deps, who, id, { ...state, value, error: outcome.error });
    result = outcome.result;
  } catch (error) {
    result = { reply: errorMessage(error, ctx) };
  }
  await settle(deps, ctx, who, result, id);
}

const asOf = z.string().trim().min(1).max(40);
export const SCHEDULER_EXAMPLE = '2026-12-02T09:00';

/**
 * "Run the scheduler as of …": one pass as of that instant, for this console workspace only, at once
 * (no pacing between posts); what it posts appears in the panel, after a note with what it did.
 */
export async function runSchedulerAsOf(deps: ConsoleDeps, who: ConsoleUser, typed: string): Promise<void> {
  const tz = who.workspace.timezone;
  const parsed = asOf.safeParse(typed);
  const at = parsed.success ? parseInstant(parsed.data, tz) : null;
  if (!at || at.getUTCFullYear() < 1990 || at.getUTCFullYear() > 2100) {
    await addPrivate(deps, who, 'note', plain(`⚠ \`${String(typed).slice(0, 40)}\` is not a date and time. Example: \`${SCHEDULER_EXAMPLE}\` (${tz}).`));
    return;
  }
  const when = `${formatInstant(at, tz)} ${tz}`;
  const note = await addPrivate(deps, who, 'note', plain(`⏩ Running the scheduler as of ${when}…`));
  let summary: Message;
  try {
    const report = await runPass({ db: deps.db, delivery: deps.delivery, clock: deps.clock, log: deps.log, workspaceId: who.workspace.id }, at);
    const skipped = report.skipped > 0 ? `, ${count(report.skipped, 'older reminder')} skipped (only the latest of each kind goes out)` : '';
    const late = report.late > 0 ? ` (${report.late} late)` : '';
    const none = report.posted === 0 ? ' Nothing was due by then: pick a later time, such as one of the next reminders below.' : '';
    summary = message(`Scheduler as of ${when}: ${count(report.posted, 'message')} posted.`, { type: 'section', text: `⏩ *Scheduler as of ${when}*: ${count(report.posted, 'message')} posted${late}${skipped}.${none}` });
  } catch (error) {
    deps.log(`console scheduler pass failed: ${(error as Error).message}`);
    summary = plain(`⚠ The scheduler pass as of ${when} failed on our side; run it again in a moment.`);
  }
  await updateConsoleEntry(deps.db, who.workspace.id, note, { body: JSON.stringify(summary) });
}
