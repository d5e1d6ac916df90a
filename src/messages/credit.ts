import type { CreditState, CreditTotals } from '../domain/credits.js';
import type { Day } from '../domain/days.js';
import { formatInstant } from '../domain/zoned-time.js';
import { calendarMonth } from '../domain/periods.js';
import type { Credit, EvidenceItem } from '../store/credits.js';
import { creditLabel, evidenceOf, stateOf } from '../store/credits.js';
import { cents, day, daysLeft, mention, uptimeFloor, when } from './format.js';
import type { Block, Button, Message } from './model.js';
import { encode } from './payloads.js';
import { markLate, type Late } from './late.js';

/** What a credit message names about its contract. */
export interface CreditContract {
  name: string;
  vendor: string;
}

export interface VendorContactLine {
  role: string;
  name: string | null;
  email: string | null;
}

export function monthTitle(month: string): string {
  return calendarMonth(month, 'UTC').title;
}

function amountText(credit: Credit): string {
  return credit.amount === null ? `${credit.percent} % of the monthly fee (no contract value recorded)` : cents(credit.amount, credit.currency);
}

function targetText(credit: Credit): string {
  return credit.uptimeTarget === null ? `the ${credit.below} % tier` : `its ${credit.uptimeTarget} % target`;
}

/** "O-2 outage: 2026-11-10 08:00 → 2026-11-10 14:00, 360 min". */
function evidenceLine(item: EvidenceItem, timezone: string): string {
  const label = item.label ? `${item.label} ` : '';
  const start = formatInstant(new Date(item.start), timezone);
  const end = item.end ? formatInstant(new Date(item.end), timezone) : null;
  const minutes = item.minutes === null ? '' : `, ${item.minutes} min`;
  if (item.kind === 'outage') return `${label}outage: ${start} → ${end ?? 'still open'}${minutes}`;
  return `${label}${item.summary ?? 'issue'}: opened ${start}, ${end ? `resolved ${end}` : 'not resolved yet'}${minutes}`;
}

/** The ready-to-send claim: subject, addressees on record, the month, the incidents with their times, the amount. */
export function claimText(credit: Credit, contract: CreditContract, timezone: string, contacts: readonly VendorContactLine[]): string {
  const title = monthTitle(credit.month);
  const to = contacts.filter((c) => c.email).map((c) => `${c.name ?? c.role} <${c.email}> (${c.role})`);
  const incidents = evidenceOf(credit).map((item) => `- ${evidenceLine(item, timezone)}`);
  const request = credit.amount === null ? 'we request that credit for the month' : `we request a credit of ${cents(credit.amount, credit.currency)}`;
  return [
    `Subject: SLA credit request — ${contract.name} — ${title}`,
    ...(to.length > 0 ? [`To: ${to.join(', ')}`] : []),
    `Hello ${contract.vendor} team,`,
    `under our agreement for ${contract.name}, the service availability in ${title} was ${uptimeFloor(credit.uptime)}, below the committed ${credit.uptimeTarget ?? credit.below} %. Under the service credit terms (below ${credit.below} %: ${credit.percent} % of the monthly fee) ${request}.`,
    `Incidents (${timezone}):`,
    ...(incidents.length > 0 ? incidents : ['- see our outage records for the month']),
    'Please confirm the credit in writing and apply it to our next invoice.',
  ].join('\n');
}

/** Who did what with the credit, once it is no longer simply due. */
export function statusLine(credit: Credit, timezone: string): string | null {
  const at = (d: Date | null) => (d ? ` on ${when(d, timezone)}` : '');
  switch (stateOf(credit)) {
    case 'due':
      return null;
    case 'claimed':
      return `📨 Claim sent by ${mention(credit.claimedBy ?? '')}${at(credit.claimedAt)}. Waiting for the vendor to credit it.`;
    case 'credited': {
      const of = credit.amount !== null && credit.recovered !== null && credit.recovered !== credit.amount ? ` (of ${cents(credit.amount, credit.currency)} owed)` : '';
      return `💶 Credited: ${credit.recovered === null ? amountText(credit) : cents(credit.recovered, credit.currency)}${of}, recorded by ${mention(credit.settledBy ?? '')}${at(credit.settledAt)}.`;
    }
    case 'rejected':
      return `✖ Rejected by the vendor, recorded by ${mention(credit.settledBy ?? '')}${at(credit.settledAt)}.`;
    case 'waived':
      return `Waived by ${mention(credit.settledBy ?? '')}${at(credit.settledAt)}: not claimed on purpose.`;
    case 'lost':
      return `❌ Lost: not claimed by ${day(credit.claimDeadline)}.`;
  }
}

export function creditButtons(credit: Credit): Button[] {
  const value = encode({ k: credit.id });
  const state = stateOf(credit);
  if (state === 'due') {
    return [
      { action: 'credit.claimed', label: 'Claim sent', value, style: 'primary' },
      { action: 'credit.credited', label: 'Credited', value },
      { action: 'credit.waived', label: 'Waive', value, style: 'danger' },
    ];
  }
  if (state === 'claimed') {
    return [
      { action: 'credit.credited', label: 'Credited', value, style: 'primary' },
      { action: 'credit.waived', label: 'Waive', value, style: 'danger' },
    ];
  }
  return [];
}

const STATE_WORDS: Record<CreditState, string> = { due: 'to claim', claimed: 'claimed', credited: 'credited', rejected: 'rejected', waived: 'waived', lost: 'lost' };

/** The plain-text fallback: the contract, the amount, the month, and what is due by when (or what became of it). */
function creditFallback(credit: Credit, contract: CreditContract, today: Day): string {
  const head = `Service credit ${creditLabel(credit)}: ${contract.name} (${contract.vendor}) earned ${amountText(credit)} for ${monthTitle(credit.month)} (uptime ${uptimeFloor(credit.uptime)}, target ${credit.uptimeTarget ?? credit.below} %)`;
  const state = stateOf(credit);
  if (state === 'due') return `${head}; claim it by ${credit.claimDeadline} (${daysLeft(today, credit.claimDeadline)}).`;
  return `${head}; ${STATE_WORDS[state]}.`;
}

export interface CreditCardOptions {
  timezone: string;
  today: Day;
  contacts?: readonly VendorContactLine[];
  late?: Late;
}

/** The service-credit message: posted on the first business day, updated in place by its buttons. */
export function creditCard(credit: Credit, contract: CreditContract, options: CreditCardOptions): Message {
  const tz = options.timezone;
  const title = monthTitle(credit.month);
  const label = creditLabel(credit);
  const state = stateOf(credit);
  const fee = credit.fee === null ? 'the monthly fee (no contract value recorded: set one with `/contract edit … value:`)' : `the month's fee of ${cents(credit.fee, credit.currency)}`;
  const blocks: Block[] = [
    { type: 'header', text: `Service credit ${label}: ${contract.name}, ${title}` },
    {
      type: 'section',
      text: `${contract.vendor}'s uptime for *${contract.name}* in ${title} was *${uptimeFloor(credit.uptime)}* against ${targetText(credit)}: below ${credit.below} %, which earns *${credit.percent} %* of ${fee}${credit.amount === null ? '' : ` = *${cents(credit.amount, credit.currency)}*`}.`,
    },
    {
      type: 'fields',
      fields: [
        { label: 'Month', value: title },
        { label: 'Uptime', value: `${uptimeFloor(credit.uptime)} (target ${credit.uptimeTarget ?? credit.below} %)` },
        { label: 'Tier', value: `below ${credit.below} % → ${credit.percent} %` },
        { label: 'Amount', value: amountText(credit) },
        { label: 'Claim deadline', value: state === 'due' ? `${day(credit.claimDeadline)}, ${daysLeft(options.today, credit.claimDeadline)}` : day(credit.claimDeadline) },
        { label: 'Status', value: STATE_WORDS[state] },
      ],
    },
  ];
  const evidence = evidenceOf(credit);
  blocks.push({ type: 'section', text: `*Behind it* (${tz})\n${evidence.length > 0 ? evidence.map((item) => `• ${evidenceLine(item, tz)}`).join('\n') : '• no outage details recorded'}` });
  if (state === 'due' || state === 'claimed') {
    blocks.push({ type: 'section', text: `*Claim text* (ready to send)\n\`\`\`${claimText(credit, contract, tz, options.contacts ?? [])}\`\`\`` });
  }
  const status = statusLine(credit, tz);
  if (status) blocks.push({ type: 'section', text: status });
  const twin = state === 'claimed' ? `Vendor refused? \`/sla credit ${label} rejected\`` : `Or type \`/sla credit ${label} claimed|credited|waived [amount:…]\``;
  blocks.push({ type: 'context', text: `Renewal Desk · service credit${state === 'due' || state === 'claimed' ? ` · ${twin}` : ''}` });
  const buttons = creditButtons(credit);
  if (buttons.length > 0) blocks.push({ type: 'actions', buttons });
  return markLate({ text: creditFallback(credit, contract, options.today), blocks }, 'Service credit', options.late);
}

/** 7 days and 1 day before the claim deadline, while the credit is unclaimed. */
export function creditReminder(credit: Credit, contract: CreditContract, options: CreditCardOptions): Message {
  const label = creditLabel(credit);
  const left = daysLeft(options.today, credit.claimDeadline);
  const text = `Service credit to claim: ${label}, ${contract.name} (${contract.vendor}), ${monthTitle(credit.month)} — ${amountText(credit)}; claim deadline ${credit.claimDeadline}, ${left}.`;
  return markLate({
    text,
    blocks: [
      { type: 'header', text: `Claim service credit ${label}: ${contract.name}` },
      { type: 'section', text: `*${amountText(credit)}* for ${monthTitle(credit.month)} is not claimed yet. The claim deadline is *${day(credit.claimDeadline)}*, ${left}; after it the credit is lost.` },
      { type: 'section', text: `*Claim text*\n\`\`\`${claimText(credit, contract, options.timezone, options.contacts ?? [])}\`\`\`` },
      { type: 'context', text: `Renewal Desk · claim reminder · sent the claim? Click *Claim sent* or type \`/sla credit ${label} claimed\`` },
      { type: 'actions', buttons: creditButtons(credit) },
    ],
  }, 'Service credit to claim', options.late);
}

/** Said once, the day after a claim deadline passed with the credit unclaimed. */
export function creditLost(credit: Credit, contract: CreditContract, options: CreditCardOptions): Message {
  const label = creditLabel(credit);
  return markLate({
    text: `Service credit lost: ${label}, ${contract.name} (${contract.vendor}), ${monthTitle(credit.month)} — ${amountText(credit)} was not claimed by ${credit.claimDeadline}.`,
    blocks: [
      { type: 'header', text: `Service credit ${label} lost: ${contract.name}` },
      { type: 'section', text: `❌ *${amountText(credit)}* for ${monthTitle(credit.month)} was not claimed from ${contract.vendor} by the deadline, *${day(credit.claimDeadline)}*. It counts as lost in \`/sla credits\` and on the scorecard.` },
      { type: 'context', text: `Renewal Desk · service credit · if the vendor credits it anyway: \`/sla credit ${label} credited amount:…\`` },
    ],
  }, 'Service credit lost', options.late);
}

/** "owed 1,250.00 USD · claimed … · recovered … · lost …", per currency; null without credits. */
export function totalsLines(totals: ReadonlyMap<string, CreditTotals>): string[] {
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, t]) => {
      const extra = [t.open > 0 ? `still open ${cents(t.open, currency)}` : null, t.waived > 0 ? `waived ${cents(t.waived, currency)}` : null].filter(Boolean);
      return `owed ${cents(t.owed, currency)} · claimed ${cents(t.claimed, currency)} · recovered ${cents(t.recovered, currency)} · lost ${cents(t.lost, currency)}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
    });
}

/** One line of `/sla credits`. */
export function creditListLine(credit: Credit, contractName: string, today: Day): string {
  const state = stateOf(credit);
  const deadline = state === 'due' ? ` · claim by ${credit.claimDeadline} (${daysLeft(today, credit.claimDeadline)})` : '';
  const recovered = state === 'credited' && credit.recovered !== null ? ` · recovered ${cents(credit.recovered, credit.currency)}` : '';
  return `• *${creditLabel(credit)}* ${contractName}, ${monthTitle(credit.month)}: ${amountText(credit)} (uptime ${uptimeFloor(credit.uptime)}, ${credit.percent} %) · *${STATE_WORDS[state]}*${recovered}${deadline}`;
}
