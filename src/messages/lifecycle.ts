import { deadlineOf } from '../domain/contract-terms.js';
import type { Day } from '../domain/days.js';
import type { Contract } from '../store/contracts.js';
import { termsOf } from '../store/contracts.js';
import { day, mention, months } from './format.js';
import type { Block, Message } from './model.js';
import { lateLine } from './late.js';
import { decisionButtons, decisionLine, approvalButtons, plainDecisionLine, type DecisionNote } from './renewal.js';

function lateContext(late: { dueDay: Day } | null | undefined): Block[] {
  return late ? [{ type: 'context', text: `Renewal Desk · ${lateLine(late)}` }] : [];
}

/** The day after the deadline, when nobody decided. */
export function deadlinePassed(contract: Contract, options: { timezone: string; late?: { dueDay: Day } | null; decision?: DecisionNote | null }): Message {
  const deadline = deadlineOf(termsOf(contract));
  const outcome =
    contract.renewal === 'auto'
      ? `renews on ${contract.end} for ${months(contract.termMonths)} unless the vendor accepts late notice`
      : `expires on ${contract.end}`;
  const decision = options.decision;
  const decided = decision?.status === 'final' || decision?.status === 'pending';
  const text = decided
    ? `Notice deadline passed: ${contract.name} (${contract.vendor}) — the deadline was ${deadline}; ${plainDecisionLine(decision!, options.timezone)}`
    : `Notice deadline passed${options.late ? ' (late)' : ''}: ${contract.name} (${contract.vendor}) — the deadline was ${deadline} and no decision was recorded; it ${outcome}.`;
  const blocks: Block[] = [
    { type: 'header', text: `Notice deadline passed: ${contract.name}` },
    {
      type: 'section',
      text: decided
        ? `The notice deadline for *${contract.name}* (${contract.vendor}) was *${day(deadline)}*. Owner: ${mention(contract.ownerId)}.`
        : `The notice deadline for *${contract.name}* (${contract.vendor}) was *${day(deadline)}* and no decision was recorded. It *${outcome}*. Owner: ${mention(contract.ownerId)}.`,
    },
    ...lateContext(options.late),
  ];
  if (decision) {
    blocks.push({ type: 'section', text: decisionLine(decision, options.timezone) });
    if (decision.status === 'pending') blocks.push({ type: 'actions', buttons: approvalButtons(decision.decisionId) });
  } else {
    blocks.push({ type: 'actions', buttons: decisionButtons(contract, false) });
  }
  return { text, blocks };
}

export type EndOutcome =
  | { kind: 'auto-renewed'; previousEnd: Day; rolled: number }
  | { kind: 'expired' }
  | { kind: 'terminated' };

/** The day after `end`: an auto contract rolled into a new term, or the contract expired / ended. */
export function contractEnded(contract: Contract, outcome: EndOutcome, options: { late?: { dueDay: Day } | null }): Message {
  const late = options.late ? ' (late)' : '';
  if (outcome.kind === 'auto-renewed') {
    const deadline = deadlineOf(termsOf(contract));
    const terms = outcome.rolled > 1 ? ` (${outcome.rolled} terms rolled over while the bot was offline)` : '';
    const text = `Auto-renewed${late}: ${contract.name} (${contract.vendor}) renewed on ${outcome.previousEnd} for ${months(contract.termMonths)}; the new term runs ${contract.start ?? '?'} to ${contract.end}, next notice deadline ${deadline}.`;
    return {
      text,
      blocks: [
        { type: 'header', text: `Auto-renewed: ${contract.name}` },
        {
          type: 'section',
          text: `*${contract.name}* (${contract.vendor}) renewed automatically${terms}. New term: *${day(contract.start ?? outcome.previousEnd)}* to *${day(contract.end)}*. Next notice deadline: *${day(deadline)}*. Owner: ${mention(contract.ownerId)}.`,
        },
        ...lateContext(options.late),
      ],
    };
  }
  const verb = outcome.kind === 'expired' ? 'Expired' : 'Ended';
  const why = outcome.kind === 'expired' ? 'manual renewal and no renew decision' : 'terminated';
  const text = `${verb}${late}: ${contract.name} (${contract.vendor}) ended on ${contract.end} (${why}).`;
  return {
    text,
    blocks: [
      { type: 'header', text: `${verb}: ${contract.name}` },
      { type: 'section', text: `*${contract.name}* (${contract.vendor}) ended on *${day(contract.end)}* (${why}). Owner: ${mention(contract.ownerId)}.` },
      ...lateContext(options.late),
    ],
  };
}
