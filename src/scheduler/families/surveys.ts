import { deadlineOf } from '../../domain/contract-terms.js';
import { addDays } from '../../domain/days.js';
import { RECENT_SURVEY_DAYS, surveyCloseDay } from '../../domain/survey.js';
import { instantAt } from '../../domain/zoned-time.js';
import { contractOfRow, requireContractOfRow, termsOf } from '../../store/contracts.js';
import { seriesAs } from '../../store/ledger-keys.js';
import { hasFinalDecision } from '../../store/reminder-ledger.js';
import { closeSurvey, openSurvey, openSurveyOf, surveyedSince, surveyMessageRef, surveyOfRow, surveyOpenedBy } from '../../store/surveys.js';
import { surveyCard } from '../../messages/survey.js';
import type { FamilyContext, FamilyPost, ReminderFamily } from '../family.js';

/** Who opened a scheduled survey. */
const SCHEDULER = 'renewal-desk';

async function whyNotOpen({ db, row, today, now }: FamilyContext): Promise<string | null> {
  const contract = row.contractId ? await contractOfRow(db, row.contractId) : null;
  if (!contract) return 'contract gone';
  if (contract.status !== 'active' || contract.cycle !== row.cycle) return 'contract changed';
  if (await hasFinalDecision(db, contract.id, contract.cycle)) return 'already decided';
  if (await surveyOpenedBy(db, row.id)) return null; // this row opened it: its post is being retried
  if (surveyCloseDay(deadlineOf(termsOf(contract)), today) > addDays(deadlineOf(termsOf(contract)), -14)) return 'too close to the deadline for a survey';
  if (await openSurveyOf(db, contract.id)) return 'a survey is already open';
  if (await surveyedSince(db, contract.id, new Date(now.getTime() - RECENT_SURVEY_DAYS * 86_400_000))) return `surveyed by hand in the last ${RECENT_SURVEY_DAYS} days`;
  return null;
}

/** Opens the scheduled survey once (a retried post finds the one this row opened) and plans its close. */
async function open({ db, row, workspace, today, now }: FamilyContext): Promise<string | null> {
  if (await surveyOpenedBy(db, row.id)) return null;
  const contract = await requireContractOfRow(db, row.contractId!);
  const closesOn = surveyCloseDay(deadlineOf(termsOf(contract)), today);
  const channelId = contract.channelId ?? workspace.defaultChannel;
  const opened = await db.$transaction((tx) =>
    openSurvey(
      tx,
      { workspaceId: workspace.id, contractId: contract.id, cycle: contract.cycle, openedBy: SCHEDULER, openedAt: now, closesOn, reminderId: row.id },
      { at: instantAt(closesOn, workspace.reminderTime, workspace.timezone), channelId },
    ));
  return opened ? null : 'a survey was opened by hand a moment ago';
}

async function buildOpening({ db, row, workspace, late }: FamilyContext): Promise<FamilyPost | null> {
  const survey = await surveyOpenedBy(db, row.id);
  if (!survey) return null;
  const contract = await requireContractOfRow(db, survey.contractId);
  return { message: await surveyCard(db, survey, contract, { timezone: workspace.timezone, late }), channelId: contract.channelId };
}

/** The results, shown in place of the survey. */
async function buildClosing({ db, row, workspace }: FamilyContext): Promise<FamilyPost | null> {
  const closed = await surveyOfRow(db, seriesAs('survey', row).surveyId);
  if (!closed) return null;
  const contract = await requireContractOfRow(db, closed.contractId);
  const message = await surveyCard(db, closed, contract, { timezone: workspace.timezone });
  const posted = await surveyMessageRef(db, closed);
  return posted ? { message, channelId: posted.channelId, replaces: posted.messageId } : { message, channelId: closed.channelId ?? contract.channelId };
}

/** The pulse survey before a renewal: opened on its day (SPEC §7), closed 14 days before the deadline. */
export const pulseSurveys: ReminderFamily = {
  kinds: ['survey', 'survey-close'],

  async whyNotPost(ctx) {
    if (ctx.row.kind === 'survey') return whyNotOpen(ctx);
    const survey = await surveyOfRow(ctx.db, seriesAs('survey', ctx.row).surveyId);
    if (!survey) return 'survey gone';
    // Closed by the decision, which showed the results then; closed by this row, its post is being retried.
    return survey.closedAt && survey.closedBy !== 'schedule' ? 'closed at the decision' : null;
  },

  async beforePost(ctx) {
    if (ctx.row.kind === 'survey') return open(ctx);
    await closeSurvey(ctx.db, seriesAs('survey', ctx.row).surveyId, 'schedule', ctx.now);
    return null;
  },

  build(ctx) {
    return ctx.row.kind === 'survey' ? buildOpening(ctx) : buildClosing(ctx);
  },
};
