import { describe, expect, it } from 'vitest';
import { handoverSteps, isOrphaned, weeklyAfter } from '../../src/domain/handover.js';

describe('the leaver ladder', () => {
  // Leaving Thu 2027-01-28: 30 days before = Tue 2026-12-29; 14 = Thu 01-14; 7 = Thu 01-21; 1 = Wed 01-27.
  it('is 30, 14, 7 and 1 days before the leaving date', () => {
    expect(handoverSteps('2027-01-28', '2026-11-23')).toEqual([
      { step: 'd30', dueDay: '2026-12-29' },
      { step: 'd14', dueDay: '2027-01-14' },
      { step: 'd7', dueDay: '2027-01-21' },
      { step: 'd1', dueDay: '2027-01-27' },
    ]);
  });

  it('moves weekend steps to the Friday before', () => {
    // Leaving Mon 2027-02-01: 1 day before = Sun 01-31 → Fri 01-29; 7 before = Mon 01-25; 14 = Mon 01-18; 30 = Sat 01-02 → Fri 01-01.
    expect(handoverSteps('2027-02-01', '2026-11-23').map((s) => s.dueDay)).toEqual(['2027-01-01', '2027-01-18', '2027-01-25', '2027-01-29']);
  });

  it('drops steps already past when the date is recorded late', () => {
    expect(handoverSteps('2027-01-28', '2027-01-20').map((s) => s.step)).toEqual(['d7', 'd1']);
    expect(handoverSteps('2027-01-28', '2027-01-28')).toEqual([]);
  });

  it('continues weekly after the leaving date', () => {
    expect(weeklyAfter('2027-01-28', 1)).toEqual({ step: 'w1', dueDay: '2027-02-04' });
    expect(weeklyAfter('2027-01-28', 3)).toEqual({ step: 'w3', dueDay: '2027-02-18' });
    expect(weeklyAfter('2027-01-30', 1)).toEqual({ step: 'w1', dueDay: '2027-02-05' }); // Sat → Fri before
  });
});

describe('the orphan rule', () => {
  it('roles still held on or after the leaving date are orphaned; before it they are pending', () => {
    expect(isOrphaned('2027-01-28', '2027-01-27', 2)).toBe(false);
    expect(isOrphaned('2027-01-28', '2027-01-28', 2)).toBe(true);
    expect(isOrphaned('2027-01-28', '2027-03-01', 1)).toBe(true);
    expect(isOrphaned('2027-01-28', '2027-03-01', 0)).toBe(false);
  });
});
