import { resultText, surveyClosedAsOf, type Tally } from '../domain/survey.js';
import type { Day } from '../domain/days.js';
import { dayIn, instantAt } from '../domain/zoned-time.js';
import type { Db, Tx } from '../store/client.js';
import { commentCount, tallyOf, type Survey } from '../store/surveys.js';
import { count, day } from './format.js';
import type { Block, Button, Message } from './model.js';
import { encode } from './payloads.js';
import { markLate, type Late } from './late.js';

export interface SurveyContract {
  name: string;
  vendor: string;
}

export function surveyQuestion(contract: SurveyContract): string {
  return `How well does ${contract.vendor} serve us on ${contract.name}?`;
}

const BAR = '█';

function distributionLines(t: Tally): string {
  const widest = Math.max(1, ...t.distribution);
  return [5, 4, 3, 2, 1]
    .map((rating) => {
      const n = t.distribution[rating - 1]!;
      const share = t.count === 0 ? 0 : Math.round((n / t.count) * 100);
      return `${rating} ${'★'.repeat(rating)}${'☆'.repeat(5 - rating)}  ${BAR.repeat(Math.round((n / widest) * 10))} ${n} (${share} %)`;
    })
    .join('\n');
}

function voteButtons(survey: Survey): Button[] {
  const value = encode({ s: survey.id });
  return [
    ...([1, 2, 3, 4, 5] as const).map((r): Button => ({ action: `survey.${r}`, label: String(r), value })),
    { action: 'survey.comment', label: 'Comment', value },
  ];
}

/** The instant a survey line is read at, and the workspace's reminder time that closes surveys. */
export interface SurveyClock {
  timezone: string;
  reminderTime: string;
  now: Date;
}

/** When the survey closed as of the clock's instant (its closing instant once passed); null while open. */
export function closedAsOf(survey: Pick<Survey, 'closedAt' | 'closesOn'>, at: SurveyClock): Date | null {
  return surveyClosedAsOf(survey, instantAt(survey.closesOn, at.reminderTime, at.timezone), at.now);
}

/**
 * "Survey: 4.2/5 from 9 people" (closed), or how far an open one has got. A survey whose closing
 * instant has passed reads as closed, so a renewal reminder due at the same instant as the close
 * shows the result whichever of the two the pass posts first.
 */
export function surveyLine(survey: Survey, t: Tally, at: SurveyClock): string {
  const closedAt = closedAsOf(survey, at);
  if (closedAt) return `Survey: ${resultText(t)}${t.count > 0 ? '' : ' (closed without votes)'}, closed ${dayIn(closedAt, at.timezone)}`;
  return `Survey: open until ${survey.closesOn}, ${t.count === 0 ? 'nobody has voted yet' : `${count(t.count, 'person has', 'people have')} voted so far`}`;
}

/**
 * The pulse survey. While open it shows only how many have voted; once closed, the average, the
 * distribution and the count. Comments never appear here: the owner and approvers read them privately.
 */
export function surveyMessage(survey: Survey, contract: SurveyContract, t: Tally, options: { timezone: string; comments: number; late?: Late }): Message {
  const question = surveyQuestion(contract);
  if (!survey.closedAt) {
    const votes = t.count === 0 ? 'Nobody has voted yet.' : `${count(t.count, 'person has', 'people have')} voted so far.`;
    return markLate({
      text: `Pulse survey: ${question} Vote 1–5 until ${survey.closesOn}; ${count(t.count, 'vote')} so far.`,
      blocks: [
        { type: 'header', text: `Pulse survey: ${contract.name}` },
        { type: 'section', text: `*${question}*` },
        { type: 'context', text: `1 = poorly … 5 = very well. Anyone here may vote, once; voting again replaces your vote. Open until *${day(survey.closesOn)}* (or the renewal decision); the results are shown here then. *Comment* goes to the owner and approvers, without your name.` },
        { type: 'section', text: `🗳 ${votes}` },
        { type: 'actions', buttons: voteButtons(survey) },
      ],
    }, 'Pulse survey', options.late);
  }
  const closed = survey.closedBy === 'decision' ? 'at the renewal decision' : `on ${day(dayIn(survey.closedAt, options.timezone) as Day)}`;
  const blocks: Block[] = [
    { type: 'header', text: `Pulse survey results: ${contract.name}` },
    { type: 'section', text: `*${question}*\nSurvey: *${resultText(t)}* (closed ${closed}).` },
  ];
  if (t.count > 0) blocks.push({ type: 'section', text: `\`\`\`${distributionLines(t)}\`\`\`` });
  if (options.comments > 0) {
    blocks.push({ type: 'context', text: `${count(options.comments, 'comment')} for the owner and approvers, without names: *Read comments* or \`/contract survey "${contract.name}" comments\`` });
    blocks.push({ type: 'actions', buttons: [{ action: 'survey.comments', label: 'Read comments', value: encode({ s: survey.id }) }] });
  }
  return { text: `Pulse survey closed: ${contract.name} (${contract.vendor}) — ${resultText(t)}.`, blocks };
}

/** Comment text shown on one page: what one message carries on both platforms (Teams takes about 28 KB a message). */
const PAGE_CHARACTERS = 10_000;
/** Comment text in one section (Slack takes 3,000 characters a section). */
const SECTION_CHARACTERS = 2_900;

/** Consecutive runs of `lines` of at most `budget` characters each (a longer line alone). */
function runsOf(lines: readonly string[], budget: number): string[][] {
  const runs: string[][] = [];
  let size = Infinity;
  for (const line of lines) {
    if (size + line.length + 1 > budget) {
      runs.push([]);
      size = 0;
    }
    runs.at(-1)!.push(line);
    size += line.length + 1;
  }
  return runs;
}

/** The comments, privately, for the owner or an approver: texts and days, never names; a page at a time when they are many. */
export function commentsMessage(contract: SurveyContract, survey: Survey, comments: readonly { text: string; at: Date }[], clock: SurveyClock, page = 1): Message {
  const { timezone } = clock;
  const title = `Survey comments on ${contract.name} (${closedAsOf(survey, clock) ? 'closed' : `open until ${survey.closesOn}`})`;
  if (comments.length === 0) return { text: `${title}: none.`, blocks: [{ type: 'section', text: `*${title}*\nNo comments.` }] };
  // Typed text: no mentions or channel pings (<@U…>, <!channel>) may come through it.
  const lines = comments.map((c) => `• ${dayIn(c.at, timezone)}: ${c.text.replace(/\s+/g, ' ').replace(/</g, '‹').replace(/>/g, '›')}`);
  const pages = runsOf(lines, PAGE_CHARACTERS);
  const shown = Math.min(Math.max(1, page), pages.length);
  const first = pages.slice(0, shown - 1).reduce((n, p) => n + p.length, 0) + 1;
  const onPage = pages[shown - 1]!;
  const blocks: Block[] = [{ type: 'header', text: pages.length > 1 ? `${title}, page ${shown} of ${pages.length}` : title }];
  for (const run of runsOf(onPage, SECTION_CHARACTERS)) blocks.push({ type: 'section', text: run.join('\n') });
  const more = shown < pages.length ? ` · comments ${first}–${first + onPage.length - 1} of ${comments.length}; next: \`/contract survey "${contract.name}" comments page:${shown + 1}\`` : '';
  blocks.push({ type: 'context', text: `Shown to the owner and approvers only; who wrote them is not shown.${more}` });
  const which = pages.length > 1 ? ` (page ${shown} of ${pages.length})` : '';
  return { text: `${title}: ${count(comments.length, 'comment')}${which}.`, blocks };
}

/** The survey's message as it stands (votes and comments read now): posted, updated per vote, and with the results once closed. */
export async function surveyCard(db: Db | Tx, survey: Survey, contract: SurveyContract, options: { timezone: string; late?: Late }): Promise<Message> {
  const [t, comments] = await Promise.all([tallyOf(db, survey.id), commentCount(db, survey.id)]);
  return surveyMessage(survey, contract, t, { ...options, comments });
}
