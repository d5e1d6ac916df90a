import { describe, expect, it } from 'vitest';
import { resultText, surveyCloseDay, surveyClosedAsOf, surveyOpenDay, tally } from '../../src/domain/survey.js';

describe('survey days', () => {
  it.each([
    ['2027-03-31', 60, '2027-01-29'], // Sat 30 Jan → Fri
    ['2027-03-31', 30, '2027-03-01'],
    ['2027-03-15', 60, '2027-01-14'],
  ])('deadline %s, %s days → opens %s', (deadline, days, open) => {
    expect(surveyOpenDay(deadline, days)).toBe(open);
  });

  it.each([
    ['2027-03-31', '2027-01-29', '2027-03-17'], // 14 days before (Wed)
    ['2027-03-28', '2027-01-29', '2027-03-12'], // Sun 14 Mar → Fri 12 Mar
    ['2027-03-31', '2027-03-17', '2027-03-24'], // opened on the closing day: a week
    ['2027-03-31', '2027-03-25', '2027-04-01'], // opened later: a week
    ['2027-03-31', '2027-03-22', '2027-03-29'], // Mon + 7 = Mon
    ['2027-03-31', '2027-03-19', '2027-03-26'], // Fri + 7 = Fri
    ['2027-03-31', '2027-03-20', '2027-03-26'], // Sat + 7 = Sat → Fri
  ])('deadline %s, opened %s → closes %s', (deadline, opened, closes) => {
    expect(surveyCloseDay(deadline, opened)).toBe(closes);
  });
});

describe('tally', () => {
  it('counts, distributes and averages to one decimal', () => {
    expect(tally([5, 4, 4, 3, 5, 4, 5, 4, 4])).toEqual({ count: 9, distribution: [0, 0, 1, 5, 3], average: 4.2 });
    expect(tally([1, 2])).toEqual({ count: 2, distribution: [1, 1, 0, 0, 0], average: 1.5 });
    expect(tally([])).toEqual({ count: 0, distribution: [0, 0, 0, 0, 0], average: null });
    expect(tally([0, 6, 2.5, 3])).toEqual({ count: 1, distribution: [0, 0, 1, 0, 0], average: 3 });
  });

  it('says it the way reminders and the scorecard show it', () => {
    expect(resultText(tally([5, 4, 4, 3, 5, 4, 5, 4, 4]))).toBe('4.2/5 from 9 people');
    expect(resultText(tally([4]))).toBe('4.0/5 from 1 person');
    expect(resultText(tally([]))).toBe('no votes');
  });
});

describe('surveyClosedAsOf: a survey takes votes until the decision or its closing instant, whichever comes first', () => {
  const closesAt = new Date('2027-02-15T09:00:00Z');
  const decidedAt = new Date('2027-02-10T12:00:00Z');
  it.each([
    ['open, before its closing instant', null, '2027-02-15T08:59:59Z', null],
    ['at its closing instant, before the pass has closed it', null, '2027-02-15T09:00:00Z', '2027-02-15T09:00:00.000Z'],
    ['after its closing instant', null, '2027-03-01T00:00:00Z', '2027-02-15T09:00:00.000Z'],
    ['closed at the decision, before its closing instant', decidedAt, '2027-02-11T00:00:00Z', '2027-02-10T12:00:00.000Z'],
    ['closed at the decision, read after its closing instant', decidedAt, '2027-03-01T00:00:00Z', '2027-02-10T12:00:00.000Z'],
  ] as const)('%s', (_what, closedAt, now, expected) => {
    expect(surveyClosedAsOf({ closedAt }, closesAt, new Date(now))?.toISOString() ?? null).toBe(expected);
  });
});
