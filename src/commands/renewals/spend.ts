import { z } from 'zod';
import { annualValue, deadlineOf, type Per } from '../../domain/contract-terms.js';
import { addDays, type Day } from '../../domain/days.js';
import { groupSpend, renewingUnexamined, totalSpend, upForRenewal, type SpendContract, type SpendGrouping } from '../../domain/spend.js';
import { activeContracts, termsOf } from '../../store/contracts.js';
import { currentDecisions } from '../../store/decisions.js';
import { cents, channel, count, day, daysLeft } from '../../messages/format.js';
import { message, type Block } from '../../messages/model.js';
import { todayOf, type CommandContext, type CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { parseOptions } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { window, windowEnd } from '../values.js';

const EXAMPLE = '/renewals spend by:department within:12m';
const RENEWAL_WINDOWS = [30, 90, 365] as const;
const UNEXAMINED_DAYS = 90;
const GROUPS_SHOWN = 30;

const grouping = z.enum(['vendor', 'department', 'channel'], { error: 'must be vendor, department or channel' });

/** "150,000.00 USD · 20,000.00 EUR"; when the contracts counted have no values, says so. */
function perCurrency(totals: ReadonlyMap<string, number>): string {
  const parts = [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => cents(amount, currency));
  return parts.length > 0 ? parts.join(' · ') : 'no values recorded';
}

/** The value of some contracts with how many they are; "none" when there are none. */
function valueOf(contracts: readonly SpendContract[]): string {
  return contracts.length === 0 ? 'none' : `${perCurrency(totalSpend(contracts))} (${count(contracts.length, 'contract')})`;
}

/**
 * `/renewals spend [by:vendor|department|channel] [within:12m]`: annualised spend per currency, grouped
 * (departments split by their percentages); `within:` keeps the contracts whose notice deadline falls in
 * that window. Then the value up for renewal in the next 30, 90 and 365 days, and the auto-renewing
 * contracts ending within 90 days with no decision ("renewing unexamined").
 */
export async function spendCommand(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const stray = tokens.find((t) => t.key === undefined);
  if (stray) throw new UsageError(`Unknown word \`${stray.value.slice(0, 40)}\`: spend takes \`by:\` and \`within:\`.`, EXAMPLE);
  const options = parseOptions(tokens, { by: grouping, within: window }, EXAMPLE);
  const by: SpendGrouping = options.by ?? 'vendor';
  const today = todayOf(ctx);
  const contracts = await spendContracts(ctx);
  const until = options.within ? windowEnd(today, options.within) : null;
  const counted = until ? upForRenewal(contracts, today, until) : contracts;
  const scope = until ? `, notice deadlines up to ${until}` : '';
  const total = totalSpend(counted);
  const groups = groupSpend(counted, by);
  const label = (key: string) => (by === 'channel' ? (key ? channel(key) : '(no channel)') : key);
  const groupLines = groups.slice(0, GROUPS_SHOWN).map((g) => `• *${label(g.key)}*: ${perCurrency(g.totals)} (${count(g.contracts, 'contract')})`);
  const windows = RENEWAL_WINDOWS.map((days) => {
    const due = upForRenewal(contracts, today, addDays(today, days));
    return `next ${days} days: ${valueOf(due)}`;
  });
  const unexamined = renewingUnexamined(contracts, today, addDays(today, UNEXAMINED_DAYS));
  const unexaminedLines = unexamined.slice(0, GROUPS_SHOWN).map((c) => {
    const annual = annualValue(c.value, c.per);
    return `• *${c.name}* (${c.vendor}) renews on ${day(c.end)}, ${daysLeft(today, c.end)} — ${annual === null ? 'value not recorded' : `${cents(annual, c.currency)} a year`}`;
  });
  const withoutValue = counted.filter((c) => c.value === null).length;
  const blocks: Block[] = [
    { type: 'header', text: `Spend by ${by}${scope}` },
    { type: 'section', text: `*Annualised spend* (${count(counted.length, 'active contract')}${scope}): ${counted.length === 0 ? 'nothing' : perCurrency(total)}` },
  ];
  if (groupLines.length > 0) blocks.push({ type: 'section', text: groupLines.join('\n') });
  blocks.push({ type: 'section', text: `*Up for renewal* (notice deadlines, annual value)\n${windows.map((w) => `• ${w}`).join('\n')}` });
  blocks.push({
    type: 'section',
    text: unexamined.length === 0
      ? `*Renewing unexamined:* none — every auto-renewing contract ending in the next ${UNEXAMINED_DAYS} days has a decision.`
      : `*Renewing unexamined* (auto-renew in the next ${UNEXAMINED_DAYS} days, no decision yet): ${count(unexamined.length, 'contract')}, ${perCurrency(totalSpend(unexamined))} a year\n${unexaminedLines.join('\n')}`,
  });
  const notes = [
    groups.length > GROUPS_SHOWN ? `showing the ${GROUPS_SHOWN} largest of ${groups.length} groups` : null,
    withoutValue > 0 ? `${count(withoutValue, 'contract')} without a value (not in the amounts)` : null,
    by === 'department' ? 'each contract split by its departments (`departments:IT:60,Finance:40`)' : null,
  ].filter(Boolean);
  if (notes.length > 0) blocks.push({ type: 'context', text: notes.join(' · ') });
  const soon = upForRenewal(contracts, today, addDays(today, UNEXAMINED_DAYS));
  const text = `Spend by ${by}${scope}: ${counted.length === 0 ? 'nothing' : `${perCurrency(total)} a year`} (${count(counted.length, 'contract')}); up for renewal in ${UNEXAMINED_DAYS} days: ${soon.length === 0 ? 'none' : perCurrency(totalSpend(soon))}; renewing unexamined: ${count(unexamined.length, 'contract')}${unexamined.length > 0 ? `, ${perCurrency(totalSpend(unexamined))}` : ''}.`;
  return { reply: message(text, ...blocks) };
}

async function spendContracts(ctx: CommandContext): Promise<SpendContract[]> {
  const contracts = await activeContracts(ctx.db, ctx.workspace.id);
  const decisions = await currentDecisions(ctx.db, contracts);
  return contracts.map((c) => ({
    id: c.id, name: c.name, vendor: c.vendor, value: c.value, per: c.per as Per, currency: c.currency, departments: c.departments,
    channel: c.channelId ?? ctx.workspace.defaultChannel, renewal: c.renewal as 'auto' | 'manual', deadline: deadlineOf(termsOf(c)) as Day, end: c.end,
    decided: decisions.get(c.id)?.status === 'final' || decisions.get(c.id)?.status === 'pending',
  }));
}
