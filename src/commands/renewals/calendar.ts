import { mergeEvents } from '../../domain/renewal-events.js';
import { contractsFallingDue, termsOf } from '../../store/contracts.js';
import { day, daysLeft, mention } from '../../messages/format.js';
import { message, type Block } from '../../messages/model.js';
import { CHOICE_ICONS, CHOICE_LABELS, fallbackOutcome } from '../../messages/renewal.js';
import { currentDecisions, type Decision } from '../../store/decisions.js';
import type { Choice } from '../../domain/decision-rules.js';
import { todayOf, type CommandContext, type CommandResult } from '../context.js';
import { parseOptions } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { UsageError } from '../errors.js';
import { pageNumber, window, windowEnd } from '../values.js';
import { LINES_PER_PAGE, pageNote } from '../../messages/pages.js';

const EXAMPLE = '/renewals within:90d';

/** The renewal calendar: notice deadlines and ends inside the window, soonest first, a page of them at a time. */
export async function renewalCalendar(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  if (tokens.some((t) => t.key === undefined)) throw new UsageError(`Unknown word \`${tokens.find((t) => t.key === undefined)!.value.slice(0, 40)}\`.`, EXAMPLE);
  const options = parseOptions(tokens, { within: window, page: pageNumber }, EXAMPLE);
  const today = todayOf(ctx);
  const until = windowEnd(today, options.within ?? { amount: 90, unit: 'd' });
  const page = options.page ?? 1;
  const skip = (page - 1) * LINES_PER_PAGE;
  const due = await contractsFallingDue(ctx.db, ctx.workspace.id, { from: today, until, take: skip + LINES_PER_PAGE });
  const total = due.deadlines + due.ends;
  const dates = mergeEvents(due.byDeadline.map((c) => ({ id: c.id, terms: termsOf(c) })), due.byEnd.map((c) => ({ id: c.id, terms: termsOf(c) }))).slice(skip, skip + LINES_PER_PAGE);
  const byId = new Map([...due.byDeadline, ...due.byEnd].map((c) => [c.id, c]));
  const decisions = await currentDecisions(ctx.db, [...new Set(dates.map((e) => e.contractId))].map((id) => byId.get(id)!));
  const events = dates.map((e) => {
    const c = byId.get(e.contractId)!;
    const decided = decisionMark(decisions.get(c.id));
    if (e.kind === 'deadline') return { day: e.day, line: `• ${day(e.day)}, ${daysLeft(today, e.day)}: notice deadline of *${c.name}* (${c.vendor}) · ${mention(c.ownerId)}${decided}` };
    const outcome = decided ? '' : `; it ${fallbackOutcome(c)}`;
    return { day: e.day, line: `• ${day(e.day)}, ${daysLeft(today, e.day)}: *${c.name}* (${c.vendor}) ends${outcome} · ${mention(c.ownerId)}${decided}` };
  });
  const title = `Renewals from ${today} to ${until}`;
  if (total === 0) return { reply: message(`${title}: nothing due.`, { type: 'header', text: title }, { type: 'section', text: 'Nothing falls due in this window.' }) };
  const blocks: Block[] = [{ type: 'header', text: title }];
  for (let i = 0; i < events.length; i += 20) blocks.push({ type: 'section', text: events.slice(i, i + 20).map((e) => e.line).join('\n') });
  const more = pageNote({ page, shown: events.length, total, what: 'dates', next: `/renewals within:${options.within ? tokens.find((t) => t.key === 'within')!.value : '90d'} page:${page + 1}` });
  if (more) blocks.push({ type: 'context', text: more });
  const first = events[0]?.day ?? '';
  return { reply: message(`${title}: ${total} date(s)${first ? `; ${page > 1 ? `page ${page} starts` : 'first'} ${first}` : ''}.`, ...blocks) };
}

/** " · ✅ decided: Renew" (🛑 Terminate, 🔄 Renegotiate) or " · ⏳ Terminate awaiting approval"; empty without a live decision. */
export function decisionMark(decision: Decision | undefined): string {
  if (!decision) return '';
  const what = CHOICE_LABELS[decision.choice as Choice];
  return decision.status === 'final' ? ` · ${CHOICE_ICONS[decision.choice as Choice]} decided: ${what}` : decision.status === 'pending' ? ` · ⏳ ${what} awaiting approval` : '';
}
