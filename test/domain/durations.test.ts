import { describe, expect, it } from 'vitest';
import { describeSlaDuration, formatDuration, parseSlaDuration } from '../../src/domain/durations.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseSlaDuration', () => {
  it.each([
    ['30min', 30 * MINUTE],
    ['4h', 4 * HOUR],
    ['1d', DAY],
    ['90d', 90 * DAY],
    ['2w', 14 * DAY],
    ['1min', MINUTE],
    ['4H', 4 * HOUR],
    ['30MIN', 30 * MINUTE],
    [' 8h ', 8 * HOUR],
    ['366d', 366 * DAY],
    ['52w', 52 * 7 * DAY],
    ['8784h', 366 * DAY],
    ['527040min', 366 * DAY],
    ['1m', 30 * DAY],
    ['12m', 360 * DAY],
    ['12M', 360 * DAY],
    ['1y', 365 * DAY],
  ])('%j is %d ms', (text, expected) => {
    expect(parseSlaDuration(text)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['4', 'no unit'],
    ['h', 'no amount'],
    ['0h', 'zero'],
    ['-4h', 'negative'],
    ['1.5h', 'a fraction'],
    ['4 h', 'a space inside'],
    ['13m', 'more than a year of months'],
    ['2y', 'more than a year'],
    ['0y', 'zero years'],
    ['1mo', 'a long unit for months'],
    ['4hours', 'a long unit'],
    ['4h30min', 'two units'],
    ['367d', 'more than a year'],
    ['53w', 'more than a year'],
    ['1e3h', 'exponent notation'],
    ['１h', 'a full-width digit'],
    ['9999999h', 'too many digits'],
  ])('%j is refused (%s)', (text) => {
    expect(parseSlaDuration(text)).toBeNull();
  });

  it('on the business clock a day is 8 working hours and a week 40', () => {
    expect(parseSlaDuration('1d', 'business')).toBe(8 * HOUR);
    expect(parseSlaDuration('2w', 'business')).toBe(80 * HOUR);
    expect(parseSlaDuration('4h', 'business')).toBe(4 * HOUR);
    expect(parseSlaDuration('30min', 'business')).toBe(30 * MINUTE);
    // The one-year limit is on what was typed, not on the working time it stands for.
    expect(parseSlaDuration('366d', 'business')).toBe(366 * 8 * HOUR);
    expect(parseSlaDuration('367d', 'business')).toBeNull();
  });

  it('months are 30 days around the clock and 21 working days in business hours; a year 365 days or 52 working weeks', () => {
    expect(parseSlaDuration('1m', 'business')).toBe(21 * 8 * HOUR);
    expect(parseSlaDuration('12m', 'business')).toBe(252 * 8 * HOUR);
    expect(parseSlaDuration('1y', 'business')).toBe(52 * 5 * 8 * HOUR);
    // 12m is never longer than 1y, so `response:12m resolution:1y` is a valid pair on both clocks.
    for (const clock of ['24x7', 'business'] as const) expect(parseSlaDuration('12m', clock)!).toBeLessThanOrEqual(parseSlaDuration('1y', clock)!);
    expect(parseSlaDuration('13m', 'business')).toBeNull();
    expect(parseSlaDuration('2y', 'business')).toBeNull();
  });

  it('30m is 30 months, over a year, so refused: minutes are min', () => {
    expect(parseSlaDuration('30m')).toBeNull();
    expect(parseSlaDuration('30min')).toBe(30 * MINUTE);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 min'],
    [10_000, '< 1 min'],
    [29_999, '< 1 min'],
    [30_000, '1 min'],
    [45 * MINUTE, '45 min'],
    [59 * MINUTE + 29_000, '59 min'],
    [59 * MINUTE + 31_000, '1 h'],
    [HOUR, '1 h'],
    [90 * MINUTE, '1 h 30 min'],
    [23 * HOUR + 59 * MINUTE, '23 h 59 min'],
    [23 * HOUR + 59 * MINUTE + 40_000, '1 d'], // rounds up to a whole day
    [DAY, '1 d'],
    [2 * DAY + 4 * HOUR, '2 d 4 h'],
    [2 * DAY + 4 * HOUR + 29 * MINUTE, '2 d 4 h'],
    [2 * DAY + 4 * HOUR + 30 * MINUTE, '2 d 5 h'],
    [DAY + 23 * HOUR + 40 * MINUTE, '2 d'],
    [90 * DAY, '90 d'],
    [-90 * MINUTE, '-1 h 30 min'],
  ])('%d ms is %j', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it('on the business clock a day is a working day of 8 h, and says so', () => {
    expect(formatDuration(8 * HOUR, 'business')).toBe('1 working day');
    expect(formatDuration(7 * HOUR + 30 * MINUTE, 'business')).toBe('7 h 30 min');
    expect(formatDuration(7 * HOUR + 59 * MINUTE + 40_000, 'business')).toBe('1 working day'); // rounds up
    expect(formatDuration(10 * HOUR, 'business')).toBe('1 working day 2 h');
    expect(formatDuration(16 * HOUR, 'business')).toBe('2 working days');
    expect(formatDuration(20 * HOUR, 'business')).toBe('2 working days 4 h');
    expect(formatDuration(80 * HOUR, 'business')).toBe('10 working days');
    expect(formatDuration(2080 * HOUR, 'business')).toBe('260 working days');
    expect(formatDuration(-10 * HOUR, 'business')).toBe('-1 working day 2 h');
  });

  it('24x7 days stay "d", also for months and years', () => {
    expect(formatDuration(30 * DAY)).toBe('30 d');
    expect(formatDuration(365 * DAY)).toBe('365 d');
    expect(formatDuration(DAY + 2 * HOUR)).toBe('1 d 2 h');
  });

  it('formats what it parses back to the same words', () => {
    for (const text of ['30min', '4h', '1d', '90d']) {
      expect(formatDuration(parseSlaDuration(text)!).replace(/ /g, '')).toBe(text);
    }
    for (const [text, words] of [['30min', '30 min'], ['4h', '4 h'], ['1d', '1 working day'], ['90d', '90 working days'], ['1w', '5 working days']]) {
      expect(formatDuration(parseSlaDuration(text!, 'business')!, 'business')).toBe(words);
    }
  });

  it('refuses NaN and infinity', () => {
    expect(() => formatDuration(NaN, 'business')).toThrow(RangeError);
    expect(() => formatDuration(NaN)).toThrow(RangeError);
    expect(() => formatDuration(Infinity)).toThrow(RangeError);
  });
});

describe('describeSlaDuration: a target as typed, unmistakable', () => {
  it.each([
    ['8h', '24x7', '8 h'],
    ['8h', 'business', '8 h'],
    ['30MIN', '24x7', '30 min'],
    ['2d', '24x7', '2 d'],
    ['2d', 'business', '2 working days'],
    ['1d', 'business', '1 working day'],
    ['1w', '24x7', '1 w'],
    ['2w', 'business', '2 working weeks'],
    ['1m', '24x7', '1 month (30 d)'],
    ['12m', '24x7', '12 months (360 d)'],
    ['1m', 'business', '1 month (21 working days)'],
    ['1y', '24x7', '1 year (365 d)'],
    ['1y', 'business', '1 year (260 working days)'],
    ['4 hours', '24x7', '4 hours'],
  ] as const)('%j on %s is %j', (text, clock, expected) => {
    expect(describeSlaDuration(text, clock)).toBe(expected);
  });
});
