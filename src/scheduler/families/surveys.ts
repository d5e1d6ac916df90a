import { deadlineOf } from '../../domain/contract-terms.js';
import { addDays } from '../../domain/days.js';
import { RECENT_SURVEY_DAYS, surveyCloseDay } from '../../domain/survey.js';
import { instantAt } from '../../domain/zoned-time.js';
import { contractOfRow, requireContractOfRow, termsOf } from '../../store/contracts.js';
import { seriesAs } from '../../store/ledger-keys.js';
import { hasFinalDecision } from '../../store/reminder-ledger.js';
import { closeSurvey, openSurvey, openSurveyOf, surveyedSince, surveyMessageRef, surveyOfRow, surveyOpenedBy } from '../../store/surveys.js';
import { surveyCard } from '../../messages/survey.js';
import type { Built, FamilyContext, ReminderFamily } from '../family.js';

/** Who opened a scheduled survey. */
const SCHEDULER = 'renewal-desk';

async function staleOpening({ db, reminder, today, now }: FamilyContext): Promise<string | null> {
  const contract = reminder.contractId ? await contractOfRow(db, reminder.contractId) : null;
  if (!contract) return 'contract gone';
  if (contract.status !== 'active' || contract.cycle !== reminder.cycle) return 'contract changed';
  if (await hasFinalDecision(db, contract.id, contract.cycle)) return 'already decided';
  if (await surveyOpenedBy(db, reminder.id)) return null; // this row opened it: its post is being retried
  if (surveyCloseDay(deadlineOf(termsOf(contract)), today) > addDays(deadlineOf(termsOf(contract)), -14)) return 'too close to the deadline for a survey';
  if (await openSurveyOf(db, contract.id)) return 'a survey is already open';
  if (await surveyedSince(db, contract.id, new Date(now.getTime() - RECENT_SURVEY_DAYS * 86_400_000))) return `surveyed by hand in the last ${RECENT_SURVEY_DAYS} days`;
  return null;
}

/** Opens the scheduled survey once (a retried post finds the one it opened) and plans its close. */
async function buildOpening({ db, reminder, workspace, today, now, late }: FamilyContext): Promise<Built | null> {
  const contract = await requireContractOfRow(db, reminder.contractId!);
  const closesOn = surveyCloseDay(deadlineOf(termsOf(contract)), today);
  const channelId = contract.channelId ?? workspace.defaultChannel;
  const survey = (await surveyOpenedBy(db, reminder.id)) ?? (await db.$transaction((tx) =>
    openSurvey(
      tx,
      { workspaceId: workspace.id, contractId: contract.id, cycle: contract.cycle, openedBy: SCHEDULER, openedAt: now, closesOn, reminderId: reminder.id },
      { at: instantAt(closesOn, workspace.reminderTime, workspace.timezone), channelId },
    )));
  if (!survey) return null; // one was opened by hand a moment ago
  return { message: await surveyCard(db, survey, contract, { timezone: workspace.timezone, late }), channelId: contract.channelId };
}

/** Closes the survey (unless the decision did) and shows the results in place of the survey. */
async function buildClosing({ db, reminder, workspace, now }: FamilyContext): Promise<Built | null> {
  const survey = await surveyOfRow(db, seriesAs('survey', reminder).surveyId);
  if (!survey) return null;
  await closeSurvey(db, survey.id, 'schedule', now);
  const closed = (await surveyOfRow(db, survey.id))!;
  const contract = await requireContractOfRow(db, survey.contractId);
  const message = await surveyCard(db, closed, contract, { timezone: workspace.timezone });
  const posted = await surveyMessageRef(db, closed);
  return posted ? { message, channelId: posted.channelId, replaces: posted.messageId } : { message, channelId: closed.channelId ?? contract.channelId };
}

/** The pulse survey before a renewal: opened on its day (SPEC §7), closed 14 days before the deadline. */
export const pulseSurveys: ReminderFamily = {
  kinds: ['survey', 'survey-close'],

  async stale(ctx) {
    if (ctx.reminder.kind === 'survey') return staleOpening(ctx);
    const survey = await surveyOfRow(ctx.db, seriesAs('survey', ctx.reminder).surveyId);
    if (!survey) return 'survey gone';
    // Closed by the decision, which showed the results then; closed by this row, its post is being retried.
    return survey.closedAt && survey.closedBy !== 'schedule' ? 'closed at the decision' : null;
  },

  build(ctx) {
    return ctx.reminder.kind === 'survey' ? buildOpening(ctx) : buildClosing(ctx);
  },
};
