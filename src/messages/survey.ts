import { resultText, type Tally } from '../domain/survey.js';
import type { Day } from '../domain/days.js';
import { dayIn } from '../domain/zoned-time.js';
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

/** "Survey: 4.2/5 from 9 people" (closed), or how far an open one has got. */
export function surveyLine(survey: Survey, t: Tally, timezone: string): string {
  if (survey.closedAt) return `Survey: ${resultText(t)}${t.count > 0 ? '' : ' (closed without votes)'}, closed ${dayIn(survey.closedAt, timezone)}`;
  return `Survey: open until ${survey.closesOn}, ${count(t.count, 'person has', 'people have')} voted so far`;
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

/** The comments, privately, for the owner or an approver: texts and days, never names. */
export function commentsMessage(contract: SurveyContract, survey: Survey, comments: readonly { text: string; at: Date }[], timezone: string): Message {
  const title = `Survey comments on ${contract.name} (${survey.closedAt ? 'closed' : `open until ${survey.closesOn}`})`;
  if (comments.length === 0) return { text: `${title}: none.`, blocks: [{ type: 'section', text: `*${title}*\nNo comments.` }] };
  // Typed text: no mentions or channel pings (<@U…>, <!channel>) may come through it.
  const lines = comments.map((c) => `• ${dayIn(c.at, timezone)}: ${c.text.replace(/\s+/g, ' ').replace(/</g, '‹').replace(/>/g, '›')}`);
  const blocks: Block[] = [{ type: 'header', text: title }];
  for (let i = 0; i < lines.length && i < 200; i += 10) blocks.push({ type: 'section', text: lines.slice(i, i + 10).join('\n') });
  blocks.push({ type: 'context', text: 'Shown to the owner and approvers only; who wrote them is not shown.' });
  return { text: `${title}: ${count(comments.length, 'comment')}.`, blocks };
}

/** The survey's message as it stands (votes and comments read now): posted, updated per vote, and with the results once closed. */
export async function surveyCard(db: Db | Tx, survey: Survey, contract: SurveyContract, options: { timezone: string; late?: Late }): Promise<Message> {
  const [t, comments] = await Promise.all([tallyOf(db, survey.id), commentCount(db, survey.id)]);
  return surveyMessage(survey, contract, t, { ...options, comments });
}
