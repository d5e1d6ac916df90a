import { describe, expect, it } from 'vitest';
import { slaPeriod } from '../../src/commands/sla/status.js';

const message = (input: string) => {
  const result = slaPeriod.safeParse(input);
  return result.success ? null : result.error.issues[0]?.message;
};

describe('/sla period:', () => {
  it.each([
    ['30d', { unit: 'd', amount: 30 }],
    ['366d', { unit: 'd', amount: 366 }],
    ['8w', { unit: 'd', amount: 56 }],
    ['52w', { unit: 'd', amount: 364 }],
    ['1m', { unit: 'm', amount: 1 }],
    ['12m', { unit: 'm', amount: 12 }],
    ['12M', { unit: 'm', amount: 12 }],
    ['1y', { unit: 'm', amount: 12 }],
  ])('%s is %j', (input, expected) => {
    expect(slaPeriod.parse(input)).toEqual(expected);
  });

  it.each(['0d', '367d', '53w', '0m', '13m', '2y', '0y'])('refuses %s as longer than a year or empty', (input) => {
    expect(message(input)).toBe('must be from 1d up to a year (366d, 52w, 12m or 1y)');
  });

  it.each(['30', '30 d', '12months', '1.5y', '30min', '4h', ''])('refuses the malformed %j', (input) => {
    expect(message(input)).toBe('must be a period like 30d, 8w, 12m or 1y');
  });
});
