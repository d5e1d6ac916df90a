import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  channelMention,
  contractName,
  currency,
  daySchema,
  departments,
  MAX_YEARS_AHEAD,
  money,
  noticeDays,
  perPeriod,
  renewalMode,
  servicesText,
  termMonths,
  tier,
  timeOfDay,
  timeZone,
  userList,
  userMention,
  vendorName,
  window,
  windowEnd,
} from '../../src/commands/values.js';

/** The parsed value; fails the test with the message when the input is refused. */
function ok<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new Error(`expected ${JSON.stringify(input)} to parse, got: ${result.error.issues.map((i) => i.message).join('; ')}`);
  return result.data;
}

/** The first message of a refused input (what parseOptions shows the user). */
function bad(schema: z.ZodType<unknown>, input: unknown): string {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${JSON.stringify(result.data)}`);
  return result.error.issues[0]?.message ?? '';
}

describe('daySchema', () => {
  const today = '2026-01-15';
  const day = daySchema(today);

  it('accepts real days', () => {
    expect(ok(day, '2026-12-31')).toBe('2026-12-31');
    expect(ok(day, '2028-02-29')).toBe('2028-02-29');
    expect(ok(day, '1990-01-01')).toBe('1990-01-01');
  });

  it('refuses days that do not exist', () => {
    expect(bad(day, '2026-02-30')).toBe('is not a real calendar date');
    expect(bad(day, '2027-02-29')).toBe('is not a real calendar date');
    expect(bad(day, '2026-13-01')).toBe('is not a real calendar date');
    expect(bad(day, '2026-04-31')).toBe('is not a real calendar date');
  });

  it('refuses other forms', () => {
    for (const input of ['31.12.2026', '12/31/2026', '2026-1-5', '2026-12-31T00:00', 'next friday', '']) {
      expect(bad(day, input), input).toBe('use the form YYYY-MM-DD');
    }
  });

  it(`refuses dates before 1990 and more than ${MAX_YEARS_AHEAD} years ahead`, () => {
    // 2026-01-15 + 30 × 366 = 10,980 days = 2056-02-07.
    expect(ok(day, '2056-02-07')).toBe('2056-02-07');
    expect(bad(day, '2056-02-08')).toBe('must lie between 1990-01-01 and 2056-02-07');
    expect(bad(day, '2206-12-31')).toMatch(/^must lie between/);
    expect(bad(day, '9999-12-31')).toMatch(/^must lie between/);
    expect(bad(day, '1989-12-31')).toMatch(/^must lie between/);
  });

  it('refuses non-strings', () => {
    expect(day.safeParse(20261231).success).toBe(false);
    expect(day.safeParse(undefined).success).toBe(false);
  });
});

describe('names and free text', () => {
  it('trims and accepts ordinary names', () => {
    expect(ok(contractName, '  Acme Cloud  ')).toBe('Acme Cloud');
    expect(ok(vendorName, 'Acme, Inc.')).toBe('Acme, Inc.');
    expect(ok(contractName, 'Ünïcødé – Straße 東京')).toBe('Ünïcødé – Straße 東京');
  });

  it('refuses empty or blank names', () => {
    expect(bad(contractName, '')).toBe('must not be empty');
    expect(bad(contractName, '   ')).toBe('must not be empty');
  });

  it('refuses names that are too long', () => {
    expect(ok(contractName, 'x'.repeat(80))).toHaveLength(80);
    expect(bad(contractName, 'x'.repeat(81))).toBe('is longer than 80 characters');
    expect(ok(servicesText, 'x'.repeat(500))).toHaveLength(500);
    expect(bad(servicesText, 'x'.repeat(501))).toBe('is longer than 500 characters');
  });

  it('refuses control characters inside a name', () => {
    expect(bad(contractName, 'Acme\u0000Cloud')).toBe('contains control characters');
    expect(bad(vendorName, 'Acme\u001bCloud')).toBe('contains control characters');
    expect(bad(contractName, 'Acme\nCloud')).toBe('contains control characters');
  });
});

describe('noticeDays', () => {
  it.each([
    ['60d', 60],
    ['60', 60],
    ['60D', 60],
    ['0', 0],
    ['0d', 0],
    ['730d', 730],
  ])('%s → %d days', (input, expected) => {
    expect(ok(noticeDays, input)).toBe(expected);
  });

  it('refuses a negative notice', () => {
    expect(bad(noticeDays, '-5d')).toBe('must not be negative');
    expect(bad(noticeDays, '-1')).toBe('must not be negative');
  });

  it('refuses more than two years', () => {
    expect(bad(noticeDays, '731')).toBe('must be at most 730 days');
  });

  it.each(['60 days', '2m', '1w', 'sixty', '', '6.5d', 'd'])('refuses %j', (input) => {
    expect(bad(noticeDays, input)).toBe('must be a number of days, like 60d');
  });
});

describe('termMonths', () => {
  it.each([
    ['12m', 12],
    ['12', 12],
    ['12M', 12],
    ['1y', 12],
    ['2Y', 24],
    ['10y', 120],
    ['1', 1],
    ['120m', 120],
  ])('%s → %d months', (input, expected) => {
    expect(ok(termMonths, input)).toBe(expected);
  });

  it('refuses 0 and more than 10 years', () => {
    expect(bad(termMonths, '0')).toBe('must be between 1 and 120 months');
    expect(bad(termMonths, '121m')).toBe('must be between 1 and 120 months');
    expect(bad(termMonths, '11y')).toBe('must be between 1 and 120 months');
  });

  it.each(['-12m', '1.5y', '12 months', '52w', '', 'y'])('refuses %j', (input) => {
    expect(bad(termMonths, input)).toBe('must be months like 12m, or years like 2y');
  });
});

describe('renewalMode / perPeriod', () => {
  it('accepts the listed words only', () => {
    expect(ok(renewalMode, 'auto')).toBe('auto');
    expect(ok(renewalMode, 'manual')).toBe('manual');
    expect(bad(renewalMode, 'automatic')).toBe('must be auto or manual');
    expect(bad(renewalMode, 'Auto')).toBe('must be auto or manual');
    expect(ok(perPeriod, 'month')).toBe('month');
    expect(ok(perPeriod, 'year')).toBe('year');
    expect(bad(perPeriod, 'week')).toBe('must be month or year');
    expect(bad(perPeriod, 'monthly')).toBe('must be month or year');
  });
});

describe('tier', () => {
  it('turns 1, 2 and 3 into numbers', () => {
    expect(ok(tier, '1')).toBe(1);
    expect(ok(tier, '2')).toBe(2);
    expect(ok(tier, '3')).toBe(3);
  });

  it.each(['0', '4', 'gold', '', ' 2', '2.0', 'tier1'])('refuses the unknown tier %j', (input) => {
    expect(bad(tier, input)).toBe('must be 1, 2 or 3');
  });

  it('refuses a number (options are always text)', () => {
    expect(tier.safeParse(2).success).toBe(false);
  });
});

describe('money', () => {
  it.each([
    ['12000', 12000],
    ['12,000', 12000],
    ['12,000.50', 12000.5],
    ['1,234,567.89', 1234567.89],
    ['999', 999],
    ['0', 0],
    ['0.5', 0.5],
    ['12000.5', 12000.5],
    ['1,000,000,000,000', 1e12],
  ])('%s → %d', (input, expected) => {
    expect(ok(money, input)).toBe(expected);
  });

  it.each(['12,00', '1,2345', '12,000,00', ',000', '12.345', '-5', '$100', '100 USD', '1e5', '.5', '12000.', '', '12 000', '12.000,50'])(
    'refuses %j',
    (input) => {
      expect(bad(money, input)).toBe('must be an amount like 12000 or 12,000.50');
    },
  );

  it('refuses an implausibly large amount', () => {
    expect(bad(money, '1000000000001')).toBe('is implausibly large');
    expect(bad(money, '5,000,000,000,000')).toBe('is implausibly large');
  });
});

describe('currency', () => {
  it('upper-cases three-letter codes', () => {
    expect(ok(currency, 'USD')).toBe('USD');
    expect(ok(currency, 'eur')).toBe('EUR');
    expect(ok(currency, 'Chf')).toBe('CHF');
  });

  it.each(['US', 'EURO', 'US$', '€', '', 'U5D'])('refuses %j', (input) => {
    expect(bad(currency, input)).toBe('must be a three-letter currency code like USD or EUR');
  });
});

describe('departments', () => {
  it('accepts percentages that add up to 100', () => {
    expect(ok(departments, 'IT:60,Finance:40')).toBe('IT:60,Finance:40');
    expect(ok(departments, 'IT:100')).toBe('IT:100');
    expect(ok(departments, 'IT:33,Finance:33,Legal Ops:34')).toBe('IT:33,Finance:33,Legal Ops:34');
  });

  it('trims the parts', () => {
    expect(ok(departments, 'IT:60, Finance:40')).toBe('IT:60,Finance:40');
  });

  it('refuses percentages that do not add up to 100', () => {
    expect(bad(departments, 'IT:60,Finance:30')).toBe('percentages must add up to 100');
    expect(bad(departments, 'IT:60,Finance:50')).toBe('percentages must add up to 100');
    expect(bad(departments, 'IT:99')).toBe('percentages must add up to 100');
  });

  it.each(['IT', 'IT:', ':100', 'IT:60;Finance:40', 'IT:60,', 'IT:60%,Finance:40%', 'IT=100', 'IT:1000'])('refuses the shape %j', (input) => {
    expect(bad(departments, input)).toBe('must look like IT:60,Finance:40');
  });
});

describe('userMention', () => {
  it.each([
    ['<@U123ABC>', 'U123ABC'],
    ['<@U123|alice>', 'U123'],
    ['<@W0ENTERPRISE>', 'W0ENTERPRISE'],
    ['<@U123|>', 'U123'],
  ])('%s → %s', (input, expected) => {
    expect(ok(userMention, input)).toBe(expected);
  });

  it.each(['@alice', 'alice', 'U123', '<@u123>', '<@X123>', '<#C123|general>', '<@U123', '<@U123|alice> ', '<@>', '<!here>'])(
    'refuses %j',
    (input) => {
      expect(bad(userMention, input)).toBe('must be a user mention like @alice');
    },
  );
});

describe('userMention: Teams ids', () => {
  it.each([
    ['<@29:1AbC-_xyz09>', '29:1AbC-_xyz09'],
    ['<@29:1-3RRgVKKCKwSfa_pVZIyhYf6dUdKEEa-V2Fkw8Ut5gA5ZrUuzgd76_EWsMjVsH1UzmqwO7aGSZJMV3v2JbE6Hg>', '29:1-3RRgVKKCKwSfa_pVZIyhYf6dUdKEEa-V2Fkw8Ut5gA5ZrUuzgd76_EWsMjVsH1UzmqwO7aGSZJMV3v2JbE6Hg'],
    ['<@29:abc|Alice Smith>', '29:abc'],
    ['<@28:bot-id>', '28:bot-id'],
    ['<@8:orgid:8f2a3c1e-1b2c-4d5e-9f00-123456789abc>', '8:orgid:8f2a3c1e-1b2c-4d5e-9f00-123456789abc'],
    ['<@8F2A3C1E-1B2C-4D5E-9F00-123456789ABC>', '8F2A3C1E-1B2C-4D5E-9F00-123456789ABC'],
    ['<@8f2a3c1e-1b2c-4d5e-9f00-123456789abc>', '8f2a3c1e-1b2c-4d5e-9f00-123456789abc'],
    ['<@user-id-3>', 'user-id-3'], // Agents Playground's test users
  ])('%s → %s', (input, expected) => {
    expect(ok(userMention, input)).toBe(expected);
  });

  it.each(['<@user-id-x>', '<@user-id->', '<@29:>', '<@29:a b>', '<@29:a>b>', '<@30:abc>', '<@29:a.b>', '<@8f2a3c1e-1b2c-4d5e-9f00>', '<@19:abc@thread.tacv2>', '29:abc', '<@29:abc'])('refuses %j', (input) => {
    expect(bad(userMention, input)).toBe('must be a user mention like @alice');
  });
});

describe('channelMention', () => {
  it.each([
    ['<#C123|general>', 'C123'],
    ['<#C0ABC>', 'C0ABC'],
    ['<#G123|private-group>', 'G123'],
    ['<#D123>', 'D123'],
  ])('%s → %s', (input, expected) => {
    expect(ok(channelMention, input)).toBe(expected);
  });

  it.each(['#general', 'general', 'C123', '<#c123>', '<#X123>', '<@U123>', '<#C123|general', '<#>'])('refuses %j', (input) => {
    expect(bad(channelMention, input)).toBe('must be a channel mention like #renewals');
  });
});

describe('channelMention: Teams ids', () => {
  it.each([
    ['<#19:abc123@thread.tacv2>', '19:abc123@thread.tacv2'],
    ['<#19:abc-DEF_1.x@thread.skype|General>', '19:abc-DEF_1.x@thread.skype'],
    ['<#19:meeting_abc@thread.v2>', '19:meeting_abc@thread.v2'],
  ])('%s → %s', (input, expected) => {
    expect(ok(channelMention, input)).toBe(expected);
  });

  it.each(['<#19:abc>', '<#19:abc@thread.tacv2;messageid=1>', '<#19:@thread.tacv2>', '<#a:1abc>', '<@19:abc@thread.tacv2>', '19:abc@thread.tacv2'])('refuses %j', (input) => {
    expect(bad(channelMention, input)).toBe('must be a channel mention like #renewals');
  });
});

describe('userList', () => {
  it('reads mentions separated by commas and/or spaces', () => {
    expect(ok(userList, '<@U1>,<@U2|bo>')).toEqual(['U1', 'U2']);
    expect(ok(userList, '<@U1> <@U2>')).toEqual(['U1', 'U2']);
    expect(ok(userList, '<@U1>, <@U2>,,<@U3>,')).toEqual(['U1', 'U2', 'U3']);
    expect(ok(userList, '<@U1>')).toEqual(['U1']);
  });

  it('reads Teams mentions, mixed with Slack ones', () => {
    expect(ok(userList, '<@29:a-1>,<@29:b_2|Bo> <@U3>')).toEqual(['29:a-1', '29:b_2', 'U3']);
  });

  it('needs at least one user', () => {
    expect(bad(userList, '')).toBe('needs at least one user');
    expect(bad(userList, ' , ')).toBe('needs at least one user');
  });

  it('refuses anything that is not a mention', () => {
    expect(bad(userList, '<@U1>,bob')).toBe('must be a user mention like @alice');
  });

  it('takes at most 20 users', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `<@U${i}>`).join(',');
    expect(ok(userList, twenty)).toHaveLength(20);
    expect(userList.safeParse(`${twenty},<@U99>`).success).toBe(false);
  });
});

describe('timeOfDay / timeZone', () => {
  it('accepts HH:MM in 24-hour form', () => {
    expect(ok(timeOfDay, '09:00')).toBe('09:00');
    expect(ok(timeOfDay, '23:59')).toBe('23:59');
    expect(ok(timeOfDay, '00:00')).toBe('00:00');
    for (const input of ['9:00', '24:00', '09:60', '9am', '0900', '']) expect(bad(timeOfDay, input), input).toBe('must be a time like 09:00');
  });

  it('accepts IANA zones and refuses the rest', () => {
    for (const input of ['Europe/Berlin', 'America/New_York', 'UTC', 'Asia/Kolkata', 'Australia/Lord_Howe']) expect(ok(timeZone, input)).toBe(input);
    for (const input of ['Mars/Olympus', 'Berlin', 'Europe/Berlinn', '', 'CEST+1']) {
      expect(bad(timeZone, input), input).toBe('must be an IANA time zone like Europe/Berlin');
    }
  });
});

describe('window', () => {
  it.each([
    ['90d', { amount: 90, unit: 'd' }],
    ['90D', { amount: 90, unit: 'd' }],
    ['8w', { amount: 8, unit: 'w' }],
    ['6m', { amount: 6, unit: 'm' }],
    ['1y', { amount: 1, unit: 'y' }],
    ['3660d', { amount: 3660, unit: 'd' }],
    ['520w', { amount: 520, unit: 'w' }],
    ['120m', { amount: 120, unit: 'm' }],
    ['10y', { amount: 10, unit: 'y' }],
  ])('%s → %o', (input, expected) => {
    expect(ok(window, input)).toEqual(expected);
  });

  it.each(['0d', '3661d', '521w', '121m', '11y', '0y'])('refuses the out-of-range window %s', (input) => {
    expect(bad(window, input)).toBe('must be between 1 day and 10 years');
  });

  it.each(['90', 'd90', '90 d', '12345d', '3q', '-5d', '1.5y', ''])('refuses the malformed window %j', (input) => {
    expect(bad(window, input)).toBe('must be a window like 90d, 8w, 6m or 1y');
  });
});

describe('windowEnd', () => {
  it('counts days and weeks as days', () => {
    expect(windowEnd('2026-01-31', { amount: 90, unit: 'd' })).toBe('2026-05-01');
    expect(windowEnd('2026-01-31', { amount: 8, unit: 'w' })).toBe('2026-03-28');
    expect(windowEnd('2026-12-25', { amount: 1, unit: 'w' })).toBe('2027-01-01');
  });

  it('counts months and years as calendar months, clamping month ends', () => {
    expect(windowEnd('2026-01-31', { amount: 1, unit: 'm' })).toBe('2026-02-28');
    expect(windowEnd('2026-01-15', { amount: 6, unit: 'm' })).toBe('2026-07-15');
    expect(windowEnd('2026-01-31', { amount: 1, unit: 'y' })).toBe('2027-01-31');
    expect(windowEnd('2028-02-29', { amount: 1, unit: 'y' })).toBe('2029-02-28');
    expect(windowEnd('2026-06-10', { amount: 2, unit: 'y' })).toBe('2028-06-10');
  });

  it('works on what window() parses', () => {
    expect(windowEnd('2026-03-01', ok(window, '90d'))).toBe('2026-05-30');
    expect(windowEnd('2026-03-01', ok(window, '3m'))).toBe('2026-06-01');
  });
});
