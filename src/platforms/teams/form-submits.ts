import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { createAndDescribe } from '../../commands/contract/add.js';
import { checkContractForm, formValues } from '../../commands/contract/form.js';
import { handOver } from '../../commands/contract/handover.js';
import { UsageError } from '../../commands/errors.js';
import { errorMessage } from '../../commands/router.js';
import type { Message } from '../../messages/model.js';
import { rememberNames } from '../../store/display-names.js';
import { channelOf, tenantOf } from './activity.js';
import { applyTeamsEffects, teamsContext, type TeamsDeps } from './context.js';
import { contractAddCard, submittedValues, successorCard } from './forms.js';
import { namesFor } from './names.js';
import { pickedPerson, resolvePicked } from './people.js';
import { cardActivity, toAdaptiveCard, type AdaptiveCard } from './render.js';

const origin = z.object({ channelId: z.string().max(200).nullable(), teamId: z.string().max(200).nullable() });
const keptPick = z.object({ owner: z.string().max(300).optional() });
const successorContext = origin.extend({ contractId: z.string().min(1).max(64), fromUserId: z.string().min(1).max(200) });

const NOT_FOUND = 'Teams does not know this person in this team. Leave it empty and set it later with contract edit … owner:@name.';
const NOT_A_PERSON = 'Pick a person with the people picker, or leave it empty (you become the owner).';

/** Shows `message` in place of the submitted form, for everyone who can see that form. */
async function replaceForm(context: TurnContext, deps: TeamsDeps, workspace: string, message: Message): Promise<AdaptiveCard> {
  // The form is replaced where it was submitted, for everyone who can see it there.
  const card = toAdaptiveCard(message, await namesFor(deps.db, workspace, message, { here: channelOf(context.activity) }));
  if (context.activity.replyToId) {
    try {
      await context.updateActivity({ ...cardActivity(card, message.text), id: context.activity.replyToId });
    } catch (error) {
      deps.log(`could not replace the submitted form: ${(error as Error).message}`, 'warn');
    }
  }
  return card;
}

/** The new-contract card submitted: the same checks and the same creation as Slack's modal. */
export async function submitContractForm(context: TurnContext, deps: TeamsDeps, data: Record<string, unknown>): Promise<AdaptiveCard> {
  const activity = context.activity;
  const where = origin.safeParse(data['origin']);
  const opened = where.success ? where.data : { channelId: channelOf(activity), teamId: null };
  const ctx = await teamsContext(deps, tenantOf(activity), activity.from.id, opened.channelId ?? channelOf(activity));
  const raw = submittedValues(data);
  const errors: Record<string, string> = {};
  // A person picked before the form came back with errors stays picked unless another one is.
  const kept = keptPick.safeParse(data['kept']);
  if (!raw['owner'] && kept.success && kept.data.owner) raw['owner'] = kept.data.owner;
  if (raw['owner']) {
    // The picker's choice is kept, resolved or not: it searched this organisation's people.
    const person = await pickedPerson(context, deps.db, ctx.workspace.id, raw['owner'], opened.teamId, opened.channelId);
    if (person) {
      raw['owner'] = `<@${person.id}>`;
      if (person.name) await rememberNames(deps.db, ctx.workspace.id, [{ userId: person.id, displayName: person.name }], ctx.now);
    } else {
      errors['owner'] = NOT_A_PERSON;
    }
  }
  const checked = await checkContractForm(ctx, formValues(raw));
  const picked = await namesFor(deps.db, ctx.workspace.id, { text: raw['owner'] ?? '', blocks: [] });
  if (!checked.ok || Object.keys(errors).length > 0) return contractAddCard(opened, raw, { ...(checked.ok ? {} : checked.errors), ...errors }, picked.users);
  try {
    const result = await createAndDescribe(ctx, checked.input);
    await applyTeamsEffects(deps, ctx, result);
    return await replaceForm(context, deps, ctx.workspace.id, result.reply);
  } catch (error) {
    if (error instanceof UsageError) return contractAddCard(opened, raw, { end: error.message.replace(/[*`]/g, '') }, picked.users);
    throw error;
  }
}

/** The successor picked: that contract's roles of the leaver move to them. */
export async function submitSuccessorForm(context: TurnContext, deps: TeamsDeps, data: Record<string, unknown>): Promise<InvokeCard> {
  const parsed = successorContext.safeParse(data['context']);
  if (!parsed.success) return 'This form is no longer valid. Use contract handover @from @to instead.';
  const form = parsed.data;
  const ctx = await teamsContext(deps, tenantOf(context.activity), context.activity.from.id, form.channelId);
  const again = async (problem: string) => {
    const names = await namesFor(deps.db, ctx.workspace.id, { text: `<@${form.fromUserId}>`, blocks: [] });
    const who = names.users.get(form.fromUserId) ?? 'the person leaving';
    return successorCard(`Who takes over the roles of ${who}?`, [], form, problem);
  };
  const picked = submittedValues(data)['successor'];
  if (!picked) return again('Pick a person.');
  const person = await resolvePicked(context, picked, form.teamId, form.channelId);
  if (!person) return again(NOT_FOUND.replace(/ Leave.*/, ''));
  if (person.id === form.fromUserId) return again('Pick someone else: this is the person leaving.');
  if (person.name) await rememberNames(deps.db, ctx.workspace.id, [{ userId: person.id, displayName: person.name }], ctx.now);
  let reply: Message;
  try {
    const result = await handOver(ctx, form.fromUserId, person.id, [form.contractId]);
    await applyTeamsEffects(deps, ctx, result);
    reply = result.reply;
  } catch (error) {
    reply = errorMessage(error, ctx);
  }
  return replaceForm(context, deps, ctx.workspace.id, reply);
}

type InvokeCard = AdaptiveCard | string;
