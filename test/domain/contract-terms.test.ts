import { describe, expect, it } from 'vitest';
import { annualValue, deadlineOf, nextTerm, rollForward } from '../../src/domain/contract-terms.js';

describe('deadlineOf', () => {
  it.each([
    ['2026-12-31', 30, '2026-12-01'],
    ['2027-03-31', 90, '2026-12-31'],
    ['2027-01-15', 60, '2026-11-16'],
    ['2028-03-01', 1, '2028-02-29'],
    ['2026-03-01', 1, '2026-02-28'],
    ['2027-12-31', 365, '2026-12-31'],
  ])('end %s with %d days notice → %s', (end, noticeDays, expected) => {
    expect(deadlineOf({ end, noticeDays })).toBe(expected);
  });

  it('is the end itself when there is no notice period', () => {
    expect(deadlineOf({ end: '2026-12-31', noticeDays: 0 })).toBe('2026-12-31');
    expect(deadlineOf({ end: '2028-02-29', noticeDays: 0 })).toBe('2028-02-29');
  });

  it('does not move a deadline that falls on a weekend (only reminders move)', () => {
    // 2027-01-31 is a Sunday; 2027-01-31 − 30 = 2027-01-01, a Friday; − 29 = 2027-01-02, a Saturday.
    expect(deadlineOf({ end: '2027-01-31', noticeDays: 0 })).toBe('2027-01-31');
    expect(deadlineOf({ end: '2027-01-31', noticeDays: 29 })).toBe('2027-01-02');
  });
});

describe('nextTerm', () => {
  it('starts the day after the old end and lasts termMonths', () => {
    expect(nextTerm({ end: '2026-12-31', termMonths: 12 })).toEqual({ start: '2027-01-01', end: '2027-12-31' });
    expect(nextTerm({ end: '2026-06-15', termMonths: 24 })).toEqual({ start: '2026-06-16', end: '2028-06-15' });
    expect(nextTerm({ end: '2026-09-30', termMonths: 3 })).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(nextTerm({ end: '2026-01-14', termMonths: 1 })).toEqual({ start: '2026-01-15', end: '2026-02-14' });
  });

  it('keeps a term that ends on the last day of February ending on the last day of February', () => {
    // 2027-03-01 .. 2028-02-29: the leap day belongs to the term.
    expect(nextTerm({ end: '2027-02-28', termMonths: 12 })).toEqual({ start: '2027-03-01', end: '2028-02-29' });
    expect(nextTerm({ end: '2028-02-29', termMonths: 12 })).toEqual({ start: '2028-03-01', end: '2029-02-28' });
  });

  it('keeps monthly terms that end on a month end on month ends', () => {
    expect(nextTerm({ end: '2026-01-31', termMonths: 1 })).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(nextTerm({ end: '2026-02-28', termMonths: 1 })).toEqual({ start: '2026-03-01', end: '2026-03-31' });
    expect(nextTerm({ end: '2026-04-30', termMonths: 1 })).toEqual({ start: '2026-05-01', end: '2026-05-31' });
  });
});

describe('rollForward', () => {
  it('does nothing while the end is today or later', () => {
    const terms = { start: '2026-01-01', end: '2026-12-31', termMonths: 12 };
    expect(rollForward(terms, '2026-12-31')).toEqual({ terms, rolled: 0 });
    expect(rollForward(terms, '2026-06-01')).toEqual({ terms, rolled: 0 });
  });

  it('rolls one term the day after the end', () => {
    const terms = { start: '2026-01-01', end: '2026-12-31', termMonths: 12 };
    expect(rollForward(terms, '2027-01-01')).toEqual({ terms: { start: '2027-01-01', end: '2027-12-31', termMonths: 12 }, rolled: 1 });
  });

  it('rolls over several terms after long downtime', () => {
    const terms = { start: '2024-01-01', end: '2024-12-31', termMonths: 12 };
    expect(rollForward(terms, '2026-06-01')).toEqual({ terms: { start: '2026-01-01', end: '2026-12-31', termMonths: 12 }, rolled: 2 });
    // Exactly on the end of the second next term: still that term.
    expect(rollForward(terms, '2026-12-31').rolled).toBe(2);
    expect(rollForward(terms, '2027-01-01').rolled).toBe(3);
  });

  it('rolls monthly terms month by month, keeping month ends', () => {
    const terms = { start: '2026-01-01', end: '2026-01-31', termMonths: 1 };
    // Feb (ends 02-28), Mar (03-31), Apr (04-30): 2026-04-15 lies in the April term.
    expect(rollForward(terms, '2026-04-15')).toEqual({ terms: { start: '2026-04-01', end: '2026-04-30', termMonths: 1 }, rolled: 3 });
  });

  it('rolls across a leap day', () => {
    const terms = { start: '2026-03-01', end: '2027-02-28', termMonths: 12 };
    expect(rollForward(terms, '2028-02-29')).toEqual({ terms: { start: '2027-03-01', end: '2028-02-29', termMonths: 12 }, rolled: 1 });
    expect(rollForward(terms, '2028-03-01')).toEqual({ terms: { start: '2028-03-01', end: '2029-02-28', termMonths: 12 }, rolled: 2 });
  });

  it('fills in a missing start and keeps the other fields', () => {
    const terms = { id: 'c1', name: 'Acme Cloud', start: null, end: '2026-06-30', termMonths: 6 };
    const result = rollForward(terms, '2026-07-01');
    expect(result).toEqual({ terms: { id: 'c1', name: 'Acme Cloud', start: '2026-07-01', end: '2026-12-31', termMonths: 6 }, rolled: 1 });
  });

  it('does not change the object it was given', () => {
    const terms = { start: '2024-01-01', end: '2024-12-31', termMonths: 12 };
    rollForward(terms, '2026-06-01');
    expect(terms).toEqual({ start: '2024-01-01', end: '2024-12-31', termMonths: 12 });
  });
});

describe('annualValue', () => {
  it('multiplies a monthly value by 12', () => {
    expect(annualValue(1000, 'month')).toBe(12000);
    expect(annualValue(99.5, 'month')).toBe(1194);
    expect(annualValue(0, 'month')).toBe(0);
  });

  it('takes a yearly value as it is', () => {
    expect(annualValue(12000, 'year')).toBe(12000);
    expect(annualValue(0, 'year')).toBe(0);
  });

  it('is unknown when there is no value', () => {
    expect(annualValue(null, 'month')).toBeNull();
    expect(annualValue(null, 'year')).toBeNull();
  });
});
