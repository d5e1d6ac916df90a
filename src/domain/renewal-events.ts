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
