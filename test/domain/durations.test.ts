import { describe, expect, it } from 'vitest';
import { formatDuration, parseSlaDuration } from '../../src/domain/durations.js';

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
    ['30m', 'm means months elsewhere'],
    ['1y', 'years'],
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

  it('on the business clock a day is 8 h', () => {
    expect(formatDuration(8 * HOUR, 'business')).toBe('1 d');
    expect(formatDuration(7 * HOUR + 30 * MINUTE, 'business')).toBe('7 h 30 min');
    expect(formatDuration(20 * HOUR, 'business')).toBe('2 d 4 h');
    expect(formatDuration(80 * HOUR, 'business')).toBe('10 d');
  });

  it('formats what it parses back to the same words', () => {
    for (const text of ['30min', '4h', '1d', '90d']) {
      expect(formatDuration(parseSlaDuration(text)!).replace(/ /g, '')).toBe(text);
      expect(formatDuration(parseSlaDuration(text, 'business')!, 'business').replace(/ /g, '')).toBe(text);
    }
  });

  it('refuses NaN and infinity', () => {
    expect(() => formatDuration(NaN)).toThrow(RangeError);
    expect(() => formatDuration(Infinity)).toThrow(RangeError);
  });
});
