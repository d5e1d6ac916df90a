import { creditTotals, formatTiers, monthlyFee, type CreditState } from '../../domain/credits.js';
import type { Per } from '../../domain/contract-terms.js';
import { dayIn } from '../../domain/zoned-time.js';
import { monthTitle, statusLine } from '../../messages/credit.js';
import { cents, count, day, daysLeft, uptimeFloor } from '../../messages/format.js';
import { creditLabel, creditsOf, figuresOf, stateOf, type Credit } from '../../store/credits.js';
import { slaPolicyOf } from '../../store/sla-policies.js';
import type { EvidenceProvider } from './evidence.js';
import { CreditEvidence, type CreditRow, type CreditTone, type CreditTotalsRow } from './views/evidence.js';

/** A contract page lists this many credits, newest month first (a contract earns at most one a month). */
const CREDITS_SHOWN = 36;

const STATES: Record<CreditState, { words: string; tone: CreditTone }> = {
  due: { words: 'to claim', tone: 'soon' },
  claimed: { words: 'claimed', tone: 'pending' },
  credited: { words: 'credited', tone: 'later' },
  rejected: { words: 'rejected', tone: 'urgent' },
  waived: { words: 'waived', tone: 'past' },
  lost: { words: 'lost', tone: 'urgent' },
};

function creditRow(credit: Credit, today: string, timezone: string): CreditRow {
  const state = stateOf(credit);
  return {
    label: creditLabel(credit),
    month: monthTitle(credit.month),
    uptime: `${uptimeFloor(credit.uptime)} (target ${credit.uptimeTarget ?? credit.below} %)`,
    tier: `below ${credit.below} % → ${credit.percent} %`,
    amount: credit.amount === null ? `${credit.percent} % of the fee (no value recorded)` : cents(credit.amount, credit.currency),
    state,
    stateWords: STATES[state].words,
    tone: STATES[state].tone,
    deadline: state === 'due' ? `${day(credit.claimDeadline)}, ${daysLeft(today, credit.claimDeadline)}` : day(credit.claimDeadline),
    recovered: credit.recovered === null ? '—' : cents(credit.recovered, credit.currency),
    status: statusLine(credit, timezone),
  };
}

/**
 * The contract page's service credits (SPEC §7): its tiers and claim window, each credit, and the
 * totals over all of them per currency, as `/sla credits "<contract>" all` counts them.
 */
export const creditEvidence: EvidenceProvider = async ({ db, contract, workspace, now, names }) => {
  const [policy, credits] = await Promise.all([slaPolicyOf(db, contract.id, workspace.timezone), creditsOf(db, workspace.id, { contractId: contract.id })]);
  const tz = workspace.timezone;
  const today = dayIn(now, tz);
  const fee = monthlyFee(contract.value, contract.per as Per);
  const terms = policy.creditTiers.length === 0 ? null
    : `Tiers (a month's uptime → its credit, in percent of the monthly fee${fee === null ? ', no contract value recorded' : ` of ${cents(fee, contract.currency)}`}): ${formatTiers(policy.creditTiers)}. Claim within *${count(policy.claimDays, 'day')}* after the month ends.`;
  const totals: CreditTotalsRow[] = [...creditTotals(credits.map(figuresOf)).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, t]) => ({ currency, owed: cents(t.owed, currency), claimed: cents(t.claimed, currency), recovered: cents(t.recovered, currency), lost: cents(t.lost, currency), open: cents(t.open, currency) }));
  const name = contract.name.replace(/"/g, '');
  const hint = policy.creditTiers.length === 0
    ? `Set tiers: \`/sla set "${name}" credits:"99.9:10,99:25,95:100" claim:30d\`. A month below a tier earns a credit, evaluated on the first business day of the next month.`
    : credits.length === 0
      ? 'No credit earned yet: each month is evaluated on the first business day of the next one.'
      : `*Claim sent*, *Credited* and *Waive* are on each credit's message in the channel, or type \`/sla credit ${creditLabel(credits[0]!)} claimed|credited|waived [amount:…]\`.${credits.length > CREDITS_SHOWN ? ` The newest ${CREDITS_SHOWN} are listed; \`/sla credits "${name}" all\` lists every one.` : ''}`;
  return {
    id: 'credits',
    title: 'Service credits',
    body: CreditEvidence({ names, terms, credits: credits.slice(0, CREDITS_SHOWN).map((c) => creditRow(c, today, tz)), totals, hint }),
  };
};
