import { eventsBetween, renewalEvents } from '../../domain/renewal-events.js';
import { activeContracts, termsOf } from '../../store/contracts.js';
import { day, daysLeft, mention } from '../../messages/format.js';
import { message, type Block } from '../../messages/model.js';
import { CHOICE_ICONS, CHOICE_LABELS, fallbackOutcome } from '../../messages/renewal.js';
import { currentDecisions, type Decision } from '../../store/decisions.js';
import type { Choice } from '../../domain/decision-rules.js';
import { todayOf, type CommandContext, type CommandResult } from '../context.js';
import { parseOptions } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { UsageError } from '../errors.js';
import { window, windowEnd } from '../values.js';

const EXAMPLE = '/renewals within:90d';

/** The renewal calendar: notice deadlines and ends inside the window, soonest first. */
export async function renewalCalendar(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  if (tokens.some((t) => t.key === undefined)) throw new UsageError(`Unknown word \`${tokens.find((t) => t.key === undefined)!.value.slice(0, 40)}\`.`, EXAMPLE);
  const options = parseOptions(tokens, { within: window }, EXAMPLE);
  const today = todayOf(ctx);
  const until = windowEnd(today, options.within ?? { amount: 90, unit: 'd' });
  const contracts = await activeContracts(ctx.db, ctx.workspace.id);
  const decisions = await currentDecisions(ctx.db, contracts);
  const byId = new Map(contracts.map((c) => [c.id, c]));
  const dates = eventsBetween(renewalEvents(contracts.map((c) => ({ id: c.id, terms: termsOf(c) }))), today, until);
  const events = dates.map((e) => {
    const c = byId.get(e.contractId)!;
    const decided = decisionMark(decisions.get(c.id));
    if (e.kind === 'deadline') return { day: e.day, line: `• ${day(e.day)}, ${daysLeft(today, e.day)}: notice deadline of *${c.name}* (${c.vendor}) · ${mention(c.ownerId)}${decided}` };
    const outcome = decided ? '' : `; it ${fallbackOutcome(c)}`;
    return { day: e.day, line: `• ${day(e.day)}, ${daysLeft(today, e.day)}: *${c.name}* (${c.vendor}) ends${outcome} · ${mention(c.ownerId)}${decided}` };
  });
  const title = `Renewals from ${today} to ${until}`;
  if (events.length === 0) return { reply: message(`${title}: nothing due.`, { type: 'header', text: title }, { type: 'section', text: 'Nothing falls due in this window.' }) };
  const blocks: Block[] = [{ type: 'header', text: title }];
  for (let i = 0; i < events.length && i < 900; i += 20) blocks.push({ type: 'section', text: events.slice(i, i + 20).map((e) => e.line).join('\n') });
  return { reply: message(`${title}: ${events.length} date(s); first ${events[0]!.day}.`, ...blocks.slice(0, 50)) };
}

/** " · ✅ decided: Renew" (🛑 Terminate, 🔄 Renegotiate) or " · ⏳ Terminate awaiting approval"; empty without a live decision. */
export function decisionMark(decision: Decision | undefined): string {
  if (!decision) return '';
  const what = CHOICE_LABELS[decision.choice as Choice];
  return decision.status === 'final' ? ` · ${CHOICE_ICONS[decision.choice as Choice]} decided: ${what}` : decision.status === 'pending' ? ` · ⏳ ${what} awaiting approval` : '';
}
