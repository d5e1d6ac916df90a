import { z } from 'zod';
import { deadlineOf } from '../../domain/contract-terms.js';
import { surveyCloseDay, surveyClosedAsOf } from '../../domain/survey.js';
import { instantAt } from '../../domain/zoned-time.js';
import { findContractById, termsOf, type Contract } from '../../store/contracts.js';
import { audit } from '../../store/decisions.js';
import {
  castVote, closeSurvey, commentsOf, findSurveyById, latestSurvey, openSurvey, openSurveyOf, saveComment, surveyMessageRef, tallyOf, type Survey,
} from '../../store/surveys.js';
import { day } from '../../messages/format.js';
import { plain } from '../../messages/model.js';
import { commentsMessage, surveyCard } from '../../messages/survey.js';
import { post, update, type Effect } from '../../effects/effect.js';
import { ensureAllowed } from '../authorise.js';
import { todayOf, type CommandContext, type CommandResult, type MessageRef } from '../context.js';
import { UsageError } from '../errors.js';
import { parseOptions, positionals } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { requireContract } from './lookup.js';

const EXAMPLE = '/contract survey "Globex Support"';
export const MAX_COMMENT = 1000;

const COMMENTS_EXAMPLE = '/contract survey "Globex Support" comments page:2';
const page = z.string().regex(/^[1-9]\d{0,3}$/, { error: 'must be a page number such as 2' }).transform(Number);

/** `/contract survey <name>` starts a pulse survey now; `/contract survey <name> comments [page:2]` shows its comments (owner or approver). */
export async function surveyCommand(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const words = positionals(tokens);
  const comments = words.length > 1 && words.at(-1)!.toLowerCase() === 'comments';
  if (!comments && tokens.some((t) => t.key !== undefined)) throw new UsageError('`/contract survey` takes no options.', EXAMPLE);
  const options = comments ? parseOptions(tokens, { page }, COMMENTS_EXAMPLE) : {};
  const contract = await requireContract(ctx, (comments ? words.slice(0, -1) : words).join(' '), EXAMPLE);
  if (comments) return showComments(ctx, contract, null, options.page);
  return startSurvey(ctx, contract);
}

async function startSurvey(ctx: CommandContext, contract: Contract): Promise<CommandResult> {
  ensureAllowed(ctx, { kind: 'run-survey', contract }, { doing: `start a survey on ${contract.name}`, contract });
  if (contract.status !== 'active') throw new UsageError(`*${contract.name}* is ${contract.status}: there is no renewal to survey for.`, EXAMPLE);
  const channelId = contract.channelId ?? ctx.workspace.defaultChannel;
  if (!channelId) throw new UsageError(`*${contract.name}* has no channel to post the survey in: set one with \`/contract edit "${contract.name}" channel:#…\`.`, EXAMPLE);
  const open = await openSurveyOf(ctx.db, contract.id);
  if (open) return { reply: plain(`A survey of ${contract.name} is already open until ${day(open.closesOn)}. Nothing was changed.`) };
  const today = todayOf(ctx);
  const closesOn = surveyCloseDay(deadlineOf(termsOf(contract)), today);
  const survey = await ctx.db.$transaction(async (tx) => {
    const opened = await openSurvey(
      tx,
      { workspaceId: ctx.workspace.id, contractId: contract.id, cycle: contract.cycle, openedBy: ctx.userId, openedAt: ctx.now, closesOn, reminderId: null },
      { at: instantAt(closesOn, ctx.workspace.reminderTime, ctx.workspace.timezone), channelId },
    );
    if (opened) await audit(tx, { workspaceId: ctx.workspace.id, contractId: contract.id, actorId: ctx.userId, action: 'survey.opened', detail: { closesOn }, at: ctx.now });
    return opened;
  });
  if (!survey) return { reply: plain(`A survey of ${contract.name} was opened a moment ago. Nothing was changed.`) };
  const card = await surveyCard(ctx.db, survey, contract, { timezone: ctx.workspace.timezone });
  return {
    reply: plain(`Survey of ${contract.name} started in <#${channelId}>; it closes on ${day(closesOn)} (or at the renewal decision).`),
    effects: [post(channelId, card, `the survey of ${contract.name}`, { remember: { as: 'survey-message', surveyId: survey.id } })],
  };
}

/** A survey by the id a button or form carried, in the clicker's workspace only (another workspace's payload is refused). */
async function surveyForClick(ctx: CommandContext, surveyId: string): Promise<{ survey: Survey; contract: Contract }> {
  const survey = await findSurveyById(ctx.db, ctx.workspace.id, surveyId);
  const contract = survey ? await findContractById(ctx.db, ctx.workspace.id, survey.contractId) : null;
  if (!survey || !contract) throw new UsageError('That survey was not found.');
  return { survey, contract };
}

/** Why a survey takes no more votes or comments, or null while it does (until its closing instant, not only until the pass closes it). */
function closedReason(ctx: CommandContext, survey: Survey, contract: Contract): string | null {
  const closesAt = instantAt(survey.closesOn, ctx.workspace.reminderTime, ctx.workspace.timezone);
  if (surveyClosedAsOf(survey, closesAt, ctx.now)) return `The survey of ${contract.name} has closed; votes and comments are no longer counted.`;
  if (contract.status !== 'active') return `${contract.name} is ${contract.status}; its survey takes no more votes.`;
  return null;
}

/** The survey's message brought up to date where it was posted (and where it was clicked). */
async function refreshSurvey(ctx: CommandContext, survey: Survey, contract: Contract, origin: MessageRef | null): Promise<Effect[]> {
  const card = await surveyCard(ctx.db, survey, contract, { timezone: ctx.workspace.timezone });
  const posted = await surveyMessageRef(ctx.db, survey);
  const targets = [origin, posted].filter((r): r is MessageRef => r !== null);
  const unique = targets.filter((ref, i) => targets.findIndex((r) => r.channelId === ref.channelId && r.messageId === ref.messageId) === i);
  return unique.map((ref) => update(ref.channelId, ref.messageId, card, `the survey of ${contract.name}`));
}

/** **1** … **5**: one vote per person, a new one replaces it. */
export async function vote(ctx: CommandContext, surveyId: string, rating: number, origin: MessageRef | null): Promise<CommandResult> {
  const { survey, contract } = await surveyForClick(ctx, surveyId);
  const closed = closedReason(ctx, survey, contract);
  if (closed) return { reply: plain(`${closed} Nothing was changed.`) };
  const previous = await castVote(ctx.db, survey.id, ctx.userId, rating, ctx.now);
  const t = await tallyOf(ctx.db, survey.id);
  const what = previous === null ? `Your vote (${rating}) is counted` : previous === rating ? `Your vote stays ${rating}` : `Your vote is now ${rating} (was ${previous})`;
  return {
    reply: plain(`${what} for ${contract.name}: ${t.count} ${t.count === 1 ? 'person has' : 'people have'} voted. Voting again replaces it; the results are shown when the survey closes on ${day(survey.closesOn)}.`),
    effects: await refreshSurvey(ctx, survey, contract, origin),
  };
}

/** Before the comment form opens: the survey must still take comments. */
export async function ensureOpenForComments(ctx: CommandContext, surveyId: string): Promise<{ survey: Survey; contract: Contract }> {
  const found = await surveyForClick(ctx, surveyId);
  const closed = closedReason(ctx, found.survey, found.contract);
  if (closed) throw new UsageError(closed);
  return found;
}

/** A comment: kept with who wrote it (one per person, a new one replaces it), shown without the name. */
export async function comment(ctx: CommandContext, surveyId: string, text: string): Promise<CommandResult> {
  const { survey, contract } = await ensureOpenForComments(ctx, surveyId);
  await saveComment(ctx.db, survey.id, ctx.userId, text, ctx.now);
  return { reply: plain(`Thank you: your comment on ${contract.vendor} goes to the owner and approvers of ${contract.name}, without your name. A new comment replaces it.`) };
}

/** The comments, privately, for the owner or an approver; `surveyId` null: the contract's latest survey. */
export async function showComments(ctx: CommandContext, contract: Contract, surveyId: string | null, page = 1): Promise<CommandResult> {
  ensureAllowed(ctx, { kind: 'read-comments', contract }, { doing: `read the survey comments on ${contract.name}`, contract });
  const survey = surveyId ? (await surveyForClick(ctx, surveyId)).survey : await latestSurvey(ctx.db, contract.id);
  if (!survey) return { reply: plain(`${contract.name} has had no survey yet: \`/contract survey "${contract.name}"\` starts one.`) };
  return { reply: commentsMessage(contract, survey, await commentsOf(ctx.db, survey.id), { timezone: ctx.workspace.timezone, reminderTime: ctx.workspace.reminderTime, now: ctx.now }, page) };
}

/** **Read comments** on a survey's message. */
export async function commentsButton(ctx: CommandContext, surveyId: string): Promise<CommandResult> {
  const { contract } = await surveyForClick(ctx, surveyId);
  return showComments(ctx, contract, surveyId);
}

/** A final decision closes the contract's open survey: its message shows the results. */
export async function closeSurveyAtDecision(ctx: CommandContext, contractId: string): Promise<Effect[]> {
  const survey = await openSurveyOf(ctx.db, contractId);
  if (!survey || !(await closeSurvey(ctx.db, survey.id, 'decision', ctx.now))) return [];
  const contract = await findContractById(ctx.db, ctx.workspace.id, contractId);
  const closed = await findSurveyById(ctx.db, ctx.workspace.id, survey.id);
  if (!contract || !closed) return [];
  return refreshSurvey(ctx, closed, contract, null);
}
