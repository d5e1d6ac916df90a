import { annualValue } from '../domain/contract-terms.js';
import type { Choice } from '../domain/decision-rules.js';
import { addDays } from '../domain/days.js';
import { contentLines, dateValue, escapeText, utcStamp } from '../domain/icalendar.js';
import { renewalEvents, type RenewalEvent } from '../domain/renewal-events.js';
import { perOf, termsOf, type Contract } from '../store/contracts.js';
import type { Decision } from '../store/decisions.js';
import { money } from './format.js';
import { CHOICE_LABELS, fallbackOutcome } from './renewal.js';

export interface FeedInput {
  /** The workspace's active contracts. */
  contracts: readonly Contract[];
  /** Live decisions of their current cycles, by contract id. */
  decisions: ReadonlyMap<string, Decision>;
  /** Display names of owners, by user id (an id without one is shown as it is). */
  names: ReadonlyMap<string, string>;
  now: Date;
}

/** Days before a notice deadline that its alarm goes off. */
export const DEADLINE_ALARM_DAYS = 7;

function decisionText(decision: Decision | undefined): string | null {
  if (!decision || decision.status === 'rejected') return null;
  const what = CHOICE_LABELS[decision.choice as Choice];
  return decision.status === 'final' ? `Decided: ${what}.` : `Proposed: ${what}, awaiting a second approver.`;
}

function description(c: Contract, event: RenewalEvent, input: FeedInput): string {
  const owner = c.ownerId ? (input.names.get(c.ownerId) ?? c.ownerId) : 'nobody yet';
  const yearly = annualValue(c.value, perOf(c));
  const value = c.value === null ? 'not recorded' : `${money(c.value, c.currency, perOf(c))}${c.per === 'month' && yearly !== null ? ` (${money(yearly, c.currency, 'year')})` : ''}`;
  const decision = input.decisions.get(c.id);
  const decided = decisionText(decision);
  const what = event.kind === 'deadline' ? `Last day to give notice on ${c.name} (ends ${c.end}).` : `${c.name} ends.`;
  return [
    what,
    `Vendor: ${c.vendor}`,
    `Value: ${value}`,
    `Owner: ${owner}`,
    ...(decision?.status === 'final' ? [] : [`If nothing is done: it ${fallbackOutcome(c)}.`]),
    ...(decided ? [decided] : []),
  ].join('\n');
}

function vevent(c: Contract, event: RenewalEvent, input: FeedInput, stamp: string): string[] {
  const deadline = event.kind === 'deadline';
  const summary = `${deadline ? 'Notice deadline' : 'Contract ends'}: ${c.name} (${c.vendor})`;
  return [
    'BEGIN:VEVENT',
    // Stable across feeds and edits of the dates: one per contract, kind and term (cycle).
    `UID:${c.id}-${event.kind}-${c.cycle}@renewal-desk`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${dateValue(event.day)}`,
    `DTEND;VALUE=DATE:${dateValue(addDays(event.day, 1))}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description(c, event, input))}`,
    'TRANSP:TRANSPARENT',
    ...(deadline
      ? ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(`In ${DEADLINE_ALARM_DAYS} days: ${summary}`)}`, `TRIGGER:-P${DEADLINE_ALARM_DAYS}D`, 'END:VALARM']
      : []),
    'END:VEVENT',
  ];
}

/**
 * The private calendar feed (RFC 5545): one all-day event per notice deadline and one per end date
 * of the active contracts, with a 7-day alarm on deadlines.
 */
export function calendarFeedIcs(input: FeedInput): string {
  const byId = new Map(input.contracts.map((c) => [c.id, c]));
  const stamp = utcStamp(input.now);
  const events = renewalEvents(input.contracts.map((c) => ({ id: c.id, terms: termsOf(c) })));
  return contentLines([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Renewal Desk//Renewal calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Renewal Desk: contract renewals',
    'X-WR-CALDESC:Notice deadlines and end dates of vendor contracts',
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...events.flatMap((e) => vevent(byId.get(e.contractId)!, e, input, stamp)),
    'END:VCALENDAR',
  ]);
}
