import { resultText, type Tally } from '../../domain/survey.js';
import { dayIn } from '../../domain/zoned-time.js';
import { day } from '../../messages/format.js';
import { closedAsOf, surveyQuestion, type SurveyClock } from '../../messages/survey.js';
import { commentCount, latestSurvey, tallyOf, type Survey } from '../../store/surveys.js';
import type { EvidenceProvider } from './evidence.js';
import { SurveyEvidence, type SurveyView } from './views/evidence.js';

async function surveyView(db: Parameters<EvidenceProvider>[0]['db'], survey: Survey, clock: SurveyClock): Promise<SurveyView> {
  const [t, comments]: [Tally, number] = await Promise.all([tallyOf(db, survey.id), commentCount(db, survey.id)]);
  const closedAt = closedAsOf(survey, clock);
  if (!closedAt) {
    return { state: 'open', when: `Open until ${day(survey.closesOn)}, or the renewal decision`, count: t.count, comments, results: null };
  }
  const closed = dayIn(closedAt, clock.timezone);
  return {
    state: 'closed',
    when: `Closed ${survey.closedBy === 'decision' ? 'at the renewal decision on' : 'on'} ${day(closed)}`,
    count: t.count,
    comments,
    results: {
      result: resultText(t),
      bars: [5, 4, 3, 2, 1].map((rating) => {
        const votes = t.distribution[rating - 1]!;
        return { rating, votes, share: t.count === 0 ? 0 : Math.round((votes / t.count) * 100) };
      }),
    },
  };
}

/**
 * The contract page's pulse survey (SPEC §7): the open survey with how many have voted (its results
 * stay hidden until it closes, as on its message), and the last closed one with its average,
 * distribution and count. Who voted or commented is never read.
 */
export const surveyEvidence: EvidenceProvider = async ({ db, contract, workspace, now, names }) => {
  const clock: SurveyClock = { timezone: workspace.timezone, reminderTime: workspace.reminderTime, now };
  const latest = await latestSurvey(db, contract.id);
  const latestOpen = latest !== null && closedAsOf(latest, clock) === null;
  const lastClosed = latest && latestOpen ? await latestSurvey(db, contract.id, { closed: true }) : null;
  const shown = [latest, lastClosed].filter((s): s is Survey => s !== null);
  const surveys = await Promise.all(shown.map((s) => surveyView(db, s, clock)));
  const name = contract.name.replace(/"/g, '');
  const comments = surveys.some((s) => s.comments > 0) ? ` Comments: *Read comments* on the closed survey's message, or \`/contract survey "${name}" comments\` (owner and approvers).` : '';
  const hint = latestOpen
    ? `Anyone in the channel votes on the survey's message (*1* … *5*, *Comment*).${comments}`
    : `\`/contract survey "${name}"\` starts one now (owner or approver); one also opens on its own before each notice deadline (\`/renewals settings survey:60d\`).${comments}`;
  return { id: 'survey', title: 'Pulse survey', body: SurveyEvidence({ question: surveyQuestion(contract), surveys, hint, names }) };
};
