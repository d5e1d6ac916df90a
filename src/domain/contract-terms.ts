import { addDays, addMonths, compareDays, type Day } from './days.js';

export type RenewalMode = 'auto' | 'manual';
export type Tier = 1 | 2 | 3;
export type Per = 'month' | 'year';

/** The parts of a contract that decide its dates. */
export interface ContractTerms {
  start: Day | null;
  end: Day;
  noticeDays: number;
  renewal: RenewalMode;
  termMonths: number;
  tier: Tier;
}

/** The last day to act: end − notice days when notice > 0, else end. */
export function deadlineOf(terms: Pick<ContractTerms, 'end' | 'noticeDays'>): Day {
  return terms.noticeDays > 0 ? addDays(terms.end, -terms.noticeDays) : terms.end;
}

/** The next term of an auto contract: it starts the day after the old end and lasts `termMonths`. */
export function nextTerm(terms: Pick<ContractTerms, 'end' | 'termMonths'>): { start: Day; end: Day } {
  return { start: addDays(terms.end, 1), end: addMonths(terms.end, terms.termMonths) };
}

/**
 * Rolls an auto contract forward until its end is on or after `today`; returns how many terms passed.
 * (After long downtime several terms may have rolled over at once.)
 */
export function rollForward<T extends Pick<ContractTerms, 'start' | 'end' | 'termMonths'>>(
  terms: T,
  today: Day,
): { terms: T; rolled: number } {
  let current = terms;
  let rolled = 0;
  while (compareDays(current.end, today) < 0) {
    const next = nextTerm(current);
    current = { ...current, ...next };
    rolled += 1;
  }
  return { terms: current, rolled };
}

export function annualValue(value: number | null, per: Per): number | null {
  if (value === null) return null;
  return per === 'month' ? value * 12 : value;
}
