import { deadlineOf, type ContractTerms } from './contract-terms.js';
import { compareDays, type Day } from './days.js';

/** A date on the renewal calendar: a contract's notice deadline, or its end. */
export interface RenewalEvent {
  contractId: string;
  kind: 'deadline' | 'end';
  day: Day;
}

/**
 * The notice deadline and the end of each contract's current term, soonest first. Without a notice
 * period the deadline is the end itself: one event, the end.
 */
export function renewalEvents(contracts: readonly { id: string; terms: Pick<ContractTerms, 'end' | 'noticeDays'> }[]): RenewalEvent[] {
  const events: RenewalEvent[] = [];
  for (const c of contracts) {
    if (c.terms.noticeDays > 0) events.push({ contractId: c.id, kind: 'deadline', day: deadlineOf(c.terms) });
    events.push({ contractId: c.id, kind: 'end', day: c.terms.end });
  }
  // Stable: on one day, contracts keep their order and a deadline comes before an end.
  return events.sort((a, b) => compareDays(a.day, b.day));
}

/** The events from `from` to `until`, both included. */
export function eventsBetween(events: readonly RenewalEvent[], from: Day, until: Day): RenewalEvent[] {
  return events.filter((e) => compareDays(e.day, from) >= 0 && compareDays(e.day, until) <= 0);
}

/**
 * The notice deadlines of `byDeadline` and the ends of `byEnd` (each list soonest first), merged in
 * the order `renewalEvents` gives: by day, then by the contract's end (on one day the contract that
 * ends sooner comes first), else in the order given.
 */
export function mergeEvents(
  byDeadline: readonly { id: string; terms: Pick<ContractTerms, 'end' | 'noticeDays'> }[],
  byEnd: readonly { id: string; terms: Pick<ContractTerms, 'end'> }[],
): RenewalEvent[] {
  const events = [
    ...byDeadline.map((c, i) => ({ event: { contractId: c.id, kind: 'deadline' as const, day: deadlineOf(c.terms) }, end: c.terms.end, order: i })),
    ...byEnd.map((c, i) => ({ event: { contractId: c.id, kind: 'end' as const, day: c.terms.end }, end: c.terms.end, order: byDeadline.length + i })),
  ];
  return events
    .sort((a, b) => compareDays(a.event.day, b.event.day) || compareDays(a.end, b.end) || a.order - b.order)
    .map((e) => e.event);
}
