import { deadlineOf } from '../domain/contract-terms.js';
import type { Choice } from '../domain/decision-rules.js';
import type { Day } from '../domain/days.js';
import type { Contract } from '../store/contracts.js';
import { termsOf, perOf } from '../store/contracts.js';
import { day, daysLeft, mention, money, months, when } from './format.js';
import type { Block, Button, Message } from './model.js';
import { encode } from './payloads.js';
import { lateLine } from './late.js';

export const CHOICE_LABELS: Record<Choice, string> = { renew: 'Renew', renegotiate: 'Renegotiate', terminate: 'Terminate' };
/** A final decision's mark: a tick reads as "renewed", so terminating and renegotiating get their own. */
export const CHOICE_ICONS: Record<Choice, string> = { renew: '✅', renegotiate: '🔄', terminate: '🛑' };

export interface DecisionNote {
  choice: Choice;
  status: 'final' | 'pending' | 'rejected';
  proposedBy: string;
  approvedBy: string | null;
  at: Date;
  decisionId: string;
}

export interface RenewalMessageOptions {
  today: Day;
  timezone: string;
  /** Days-before-deadline step, e.g. 30; null for a snoozed reminder; absent for a card that is no ladder step (a proposal). */
  daysBefore?: number | null;
  late?: { dueDay: Day } | null;
  slaSummary?: string;
  /** "Survey: 4.2/5 from 9 people, closed 2027-01-15". */
  surveyLine?: string;
  decision?: DecisionNote | null;
  /** Who snoozed the contract's reminders, for the "⏰ Snoozed" note. */
  snoozedBy?: string | null;
  /** The scorecard, on the first renewal reminder of a cycle. */
  scorecard?: Block[];
}

/** What happens when nobody acts, in one phrase. */
export function fallbackOutcome(contract: Contract): string {
  return contract.renewal === 'auto'
    ? `auto-renews on ${contract.end} for ${months(contract.termMonths)} unless notice is given`
    : `expires on ${contract.end} unless renewed`;
}

export function decisionButtons(contract: Contract, withSnooze: boolean): Button[] {
  const value = encode({ c: contract.id, y: contract.cycle });
  const buttons: Button[] = [
    { action: 'decide.renew', label: 'Renew', value, style: 'primary' },
    { action: 'decide.renegotiate', label: 'Renegotiate', value },
    { action: 'decide.terminate', label: 'Terminate', value, style: 'danger' },
  ];
  if (withSnooze) buttons.push({ action: 'snooze', label: 'Snooze 7 days', value });
  return buttons;
}

export function decisionLine(note: DecisionNote, timezone: string): string {
  const what = CHOICE_LABELS[note.choice];
  if (note.status === 'pending') {
    return `⏳ ${mention(note.proposedBy)} proposed *${what}* on ${when(note.at, timezone)}. Another approver must confirm.`;
  }
  if (note.status === 'rejected') {
    return `✖ *${what}* proposed by ${mention(note.proposedBy)} was rejected by ${mention(note.approvedBy ?? '')} on ${when(note.at, timezone)}. Reminders continue.`;
  }
  const approval = note.approvedBy ? `, approved by ${mention(note.approvedBy)}` : '';
  return `${CHOICE_ICONS[note.choice]} *${what}* decided by ${mention(note.proposedBy)}${approval} on ${when(note.at, timezone)}.`;
}

/** The decision line for a plain-text fallback: no bold markers. */
export function plainDecisionLine(note: DecisionNote, timezone: string): string {
  return decisionLine(note, timezone).replace(/\*/g, '');
}

export function approvalButtons(decisionId: string): Button[] {
  const value = encode({ d: decisionId });
  return [
    { action: 'approval.approve', label: 'Approve', value, style: 'primary' },
    { action: 'approval.reject', label: 'Reject', value, style: 'danger' },
  ];
}

export function contractFields(contract: Contract, today: Day): Block {
  const deadline = deadlineOf(termsOf(contract));
  return {
    type: 'fields',
    fields: [
      { label: 'Vendor', value: contract.vendor },
      { label: 'Value', value: money(contract.value, contract.currency, perOf(contract)) },
      { label: 'Notice deadline', value: `${day(deadline)}, ${daysLeft(today, deadline)}` },
      { label: 'Ends', value: day(contract.end) },
      { label: 'Renewal', value: contract.renewal === 'auto' ? `automatic, ${months(contract.termMonths)}` : 'manual' },
      { label: 'Owner', value: mention(contract.ownerId) },
    ],
  };
}

/** What happens when nobody acts, as the reminder says it: "If no notice is given by then, it *auto-renews…*". */
function ifNobodyActs(contract: Contract): string {
  return contract.renewal === 'auto'
    ? `If no notice is given by then, it *auto-renews on ${day(contract.end)} for ${months(contract.termMonths)}*.`
    : `Unless it is renewed, it *expires on ${day(contract.end)}*.`;
}

/** What a final decision means for the contract, in place of what would happen without one; it follows the contract's name. */
function decidedOutcome(contract: Contract, choice: Choice, deadline: Day): string {
  if (choice === 'renew') {
    return contract.renewal === 'auto'
      ? `renews on ${day(contract.end)} for ${months(contract.termMonths)}; no more renewal reminders this term.`
      : `is renewed: its term now runs to ${day(contract.end)}; no more renewal reminders this term.`;
  }
  if (choice === 'terminate') return `is being terminated: notice is to be given by ${day(deadline)}, and it ends on ${day(contract.end)}.`;
  return `is being renegotiated; no more renewal reminders this term.`;
}

function reminderBody(contract: Contract, deadline: Day, left: string, decision: DecisionNote | null): string {
  if (decision?.status === 'final') return `*${contract.name}* (${contract.vendor}) ${decidedOutcome(contract, decision.choice, deadline)}`;
  return `*${contract.name}* (${contract.vendor}): the notice deadline is *${day(deadline)}*, ${left}. ${ifNobodyActs(contract)}`;
}

/** The renewal reminder: what is due, by when, what happens if nobody acts, and the decision buttons. */
export function renewalReminder(contract: Contract, options: RenewalMessageOptions): Message {
  const deadline = deadlineOf(termsOf(contract));
  const left = daysLeft(options.today, deadline);
  const lateNote = options.late ? ` (${lateLine(options.late)})` : '';
  // Once decided (or proposed), the fallback says so: it is what notifications and screen readers show.
  const text = options.decision
    ? `Renewal reminder: ${contract.name} (${contract.vendor}), notice deadline ${deadline} — ${plainDecisionLine(options.decision, options.timezone)}`
    : `Renewal reminder${options.late ? ' (late)' : ''}: ${contract.name} (${contract.vendor}) — notice deadline ${deadline}, ${left}; ` + `${fallbackOutcome(contract)}.`;
  const blocks: Block[] = [
    { type: 'header', text: `Renewal reminder: ${contract.name}${options.late ? ' (late)' : ''}` },
    { type: 'section', text: reminderBody(contract, deadline, left, options.decision ?? null) },
    contractFields(contract, options.today),
  ];
  if (options.slaSummary) blocks.push({ type: 'section', text: options.slaSummary });
  if (options.surveyLine) blocks.push({ type: 'section', text: options.surveyLine });
  if (options.scorecard) blocks.push({ type: 'section', text: '*Scorecard, last 12 months*' }, ...options.scorecard);
  if (contract.snoozedUntil && contract.snoozedUntil > options.today && options.decision?.status !== 'final') {
    const by = options.snoozedBy ? ` by ${mention(options.snoozedBy)}` : '';
    blocks.push({ type: 'section', text: `⏰ Snoozed${by}: the next renewal reminder comes on ${day(contract.snoozedUntil)}.` });
  }
  // Once decided, "120 days before the deadline" no longer describes the card (the dates above may have moved).
  const step = options.decision?.status === 'final'
    ? 'renewal decision'
    : options.daysBefore
    ? `${options.daysBefore} day${options.daysBefore === 1 ? '' : 's'} before the deadline`
    : options.daysBefore === null
      ? 'snoozed reminder'
      : 'renewal decision';
  blocks.push({ type: 'context', text: `Renewal Desk · ${step}${lateNote}` });
  const decision = options.decision;
  if (decision) {
    blocks.push({ type: 'section', text: decisionLine(decision, options.timezone) });
    if (decision.status === 'pending') blocks.push({ type: 'actions', buttons: approvalButtons(decision.decisionId) });
    if (decision.status === 'rejected') blocks.push({ type: 'actions', buttons: decisionButtons(contract, true) });
  } else {
    blocks.push({ type: 'actions', buttons: decisionButtons(contract, true) });
  }
  return { text, blocks };
}
