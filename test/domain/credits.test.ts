import { describe, expect, it } from 'vitest';
import {
  claimDeadline, creditTotals, creditTransition, monthlyCredit, monthlyFee, parseCreditTiers, roundToCents, tierReached,
  type CreditTier, type MonthInput,
} from '../../src/domain/credits.js';
import type { Outage } from '../../src/domain/uptime.js';

const TIERS: CreditTier[] = [{ below: 99.9, percent: 10 }, { below: 99, percent: 25 }, { below: 95, percent: 100 }];
const t = (iso: string) => new Date(iso);
const down = (start: string, end: string, maintenance = false): Outage => ({ start: t(start), end: t(end), maintenance });

// November 2026 in UTC: 30 days, 43,200 minutes.
const NOVEMBER: Omit<MonthInput, 'outages' | 'value' | 'per'> = {
  month: { start: t('2026-11-01T00:00:00Z'), end: t('2026-12-01T00:00:00Z') },
  firstDay: '2026-11-01',
  lastDay: '2026-11-30',
  start: null,
  serviceStart: null,
  tiers: TIERS,
};
const MINUTES = 43_200;
/** An outage of `minutes` starting 2026-11-10 00:00 UTC. */
const outageOf = (minutes: number, maintenance = false) => down('2026-11-10T00:00:00Z', new Date(t('2026-11-10T00:00:00Z').getTime() + minutes * 60_000).toISOString(), maintenance);

describe('parseCreditTiers', () => {
  it.each([
    ['99.9:10,99:25,95:100', TIERS],
    ['99.95:5', [{ below: 99.95, percent: 5 }]],
    ['99.9%:10%, 99%:25%', [{ below: 99.9, percent: 10 }, { below: 99, percent: 25 }]],
    ['100:0,99.5:10', [{ below: 100, percent: 0 }, { below: 99.5, percent: 10 }]],
  ])('%s', (text, tiers) => {
    expect(parseCreditTiers(text)).toEqual({ ok: true, tiers });
  });

  it.each([
    ['99:25,99.9:10', 'is not descending'],
    ['99.9:10,99.9:25', 'is not descending'],
    ['99.9:110', 'from 0 to 100 %'],
    ['99.9:-5', 'from 0 to 100 %'],
    ['101:10', 'above 0 and at most 100'],
    ['0:10', 'above 0 and at most 100'],
    ['99.9:25,99:10', 'gives less'],
    ['99.9', 'not uptime:percent'],
    ['abc:10', 'not uptime:percent'],
    ['', 'not uptime:percent'],
    [Array.from({ length: 11 }, (_, i) => `${99 - i}:${i}`).join(','), 'at most 10'],
  ])('refuses %s', (text, problem) => {
    const parsed = parseCreditTiers(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(problem);
  });
});

describe('tierReached: the lowest tier the uptime fell below', () => {
  it.each([
    [1, null],
    [0.9995, null],
    [0.999, null], // exactly at 99.9: not below it
    [0.99899, 10],
    [0.99, 10], // exactly at 99: still only below 99.9
    [0.9899, 25],
    [0.95, 25],
    [0.9499, 100],
    [0, 100],
  ])('uptime %s → %s %', (fraction, percent) => {
    expect(tierReached(fraction, TIERS)?.percent ?? null).toBe(percent);
  });

  it('is null without tiers', () => {
    expect(tierReached(0.5, [])).toBeNull();
  });
});

describe('monthlyFee and rounding', () => {
  it.each([
    [1000, 'month', 1000],
    [12000, 'year', 1000],
    [10000, 'year', 10000 / 12],
    [null, 'year', null],
  ] as const)('%s per %s → %s', (value, per, fee) => {
    expect(monthlyFee(value, per)).toBe(fee);
  });

  it.each([
    [833.3333, 833.33],
    [0.125, 0.13],
    [1.005, 1.01],
    [10.05 * 10, 100.5],
    [2.675, 2.68],
    [0.1 + 0.2, 0.3],
  ])('%s → %s', (amount, cents) => {
    expect(roundToCents(amount)).toBe(cents);
  });
});

describe('monthlyCredit: vendor-style examples', () => {
  const month = (outages: Outage[], value: number | null, per: 'month' | 'year' = 'month', extra: Partial<MonthInput> = {}) =>
    monthlyCredit({ ...NOVEMBER, outages, value, per, ...extra });

  it('a clean month earns nothing', () => {
    expect(month([], 1000)).toBeNull();
  });

  it('43 minutes down stays at 99.9 % (43.2 allowed): nothing', () => {
    expect(month([outageOf(43)], 1000)).toBeNull();
  });

  it('44 minutes down: below 99.9 % → 10 % of 1,000 = 100.00', () => {
    const credit = month([outageOf(44)], 1000)!;
    expect(credit.tier).toEqual({ below: 99.9, percent: 10 });
    expect(credit.amount).toBe(100);
    expect(credit.uptime).toBeCloseTo(1 - 44 / MINUTES, 12);
  });

  it('exactly 432 minutes down is 99.00 %: still the 10 % tier (not below 99)', () => {
    expect(month([outageOf(432)], 1000)!.tier.percent).toBe(10);
    expect(month([outageOf(433)], 1000)!.tier.percent).toBe(25);
  });

  it('a long outage (2 days) is below 95 %: 100 % of the fee', () => {
    expect(month([outageOf(2 * 24 * 60)], 1000)!.amount).toBe(1000);
  });

  it('a per-year value: 10,000 a year, 25 % of 833.33… = 208.33', () => {
    expect(month([outageOf(600)], 10000, 'year')!.amount).toBe(208.33);
  });

  it('maintenance windows do not count: 10 h of maintenance and 30 min down earn nothing', () => {
    expect(month([outageOf(600, true), down('2026-11-20T00:00:00Z', '2026-11-20T00:30:00Z')], 1000)).toBeNull();
    expect(month([outageOf(600, true), down('2026-11-20T00:00:00Z', '2026-11-20T01:00:00Z')], 1000)!.tier.percent).toBe(10);
  });

  it('outages reaching into the next month count only their part in this one', () => {
    // 30 h before the month ends, 10 h after: 30 h of 720 = 95.83 % → 25 %.
    const credit = month([down('2026-11-29T18:00:00Z', '2026-12-01T10:00:00Z')], 1000)!;
    expect(credit.uptime).toBeCloseTo(1 - 30 / 720, 12);
    expect(credit.tier.percent).toBe(25);
  });

  it('a contract that started mid-month is measured from its start, its fee prorated by days in service', () => {
    // Started 16 Nov: 15 days (360 h) in service; 6 h down = 98.33 % → 25 % of 1,000 × 15/30 = 125.00.
    const credit = month([outageOf(0), down('2026-11-20T00:00:00Z', '2026-11-20T06:00:00Z')], 1000, 'month', { start: '2026-11-16', serviceStart: t('2026-11-16T00:00:00Z') })!;
    expect(credit.daysInService).toBe(15);
    expect(credit.uptime).toBeCloseTo(1 - 6 / 360, 12);
    expect(credit.fee).toBe(500);
    expect(credit.amount).toBe(125);
  });

  it('a contract that started before the month, added to Renewal Desk mid-month, counts the whole month', () => {
    const credit = month([down('2026-11-03T00:00:00Z', '2026-11-03T06:00:00Z')], 1000, 'month', { start: '2026-01-01' })!;
    expect(credit.daysInService).toBe(30);
    expect(credit.uptime).toBeCloseTo(1 - 6 / 720, 12);
    expect(credit.amount).toBe(100);
  });

  it('a contract starting after the month earns nothing for it', () => {
    expect(month([outageOf(6000)], 1000, 'month', { start: '2026-12-01', serviceStart: t('2026-12-01T00:00:00Z') })).toBeNull();
  });

  it('without a value the tier is known and the amount is not', () => {
    const credit = month([outageOf(600)], null)!;
    expect(credit.tier.percent).toBe(25);
    expect(credit.amount).toBeNull();
  });

  it('without tiers nothing is earned', () => {
    expect(monthlyCredit({ ...NOVEMBER, tiers: [], outages: [outageOf(6000)], value: 1000, per: 'month' })).toBeNull();
  });

  it('a month of 31 days in a zone with a DST change measures its real length', () => {
    // October 2026 in Berlin: 31 days and one extra hour (745 h). 45 min down: 99.899 % → 10 %.
    const credit = monthlyCredit({
      month: { start: t('2026-09-30T22:00:00Z'), end: t('2026-10-31T23:00:00Z') }, firstDay: '2026-10-01', lastDay: '2026-10-31', start: null, serviceStart: null,
      tiers: TIERS, outages: [down('2026-10-05T10:00:00Z', '2026-10-05T10:45:00Z')], value: 31, per: 'month',
    })!;
    expect(credit.uptime).toBeCloseTo(1 - 45 / (745 * 60), 12);
    expect(credit.amount).toBe(3.1);
  });
});

describe('claimDeadline', () => {
  it.each([
    ['2026-11', 30, '2026-12-30'],
    ['2026-12', 30, '2027-01-30'],
    ['2027-01', 30, '2027-03-02'],
    ['2028-02', 1, '2028-03-01'],
  ])('%s + %s days → %s', (month, days, deadline) => {
    expect(claimDeadline(month, days)).toBe(deadline);
  });
});

describe('creditTransition', () => {
  it.each([
    ['due', 'claimed', true],
    ['due', 'credited', true],
    ['due', 'waived', true],
    ['due', 'rejected', false],
    ['claimed', 'credited', true],
    ['claimed', 'rejected', true],
    ['claimed', 'waived', true],
    ['claimed', 'claimed', false],
    ['credited', 'waived', false],
    ['lost', 'claimed', false],
    ['waived', 'credited', false],
    ['rejected', 'credited', false],
  ] as const)('%s → %s: %s', (from, action, ok) => {
    expect(creditTransition(from, action).ok).toBe(ok);
  });
});

describe('creditTotals', () => {
  it('keeps currencies apart and sums each state', () => {
    const totals = creditTotals([
      { status: 'credited', currency: 'USD', amount: 100, recovered: 80 },
      { status: 'claimed', currency: 'USD', amount: 50.1, recovered: null },
      { status: 'lost', currency: 'USD', amount: 20.2, recovered: null },
      { status: 'due', currency: 'EUR', amount: 70, recovered: null },
      { status: 'waived', currency: 'EUR', amount: 5, recovered: null },
      { status: 'rejected', currency: 'EUR', amount: 30, recovered: null },
      { status: 'due', currency: 'EUR', amount: null, recovered: null },
    ]);
    expect(totals.get('USD')).toEqual({ owed: 170.3, claimed: 150.1, recovered: 80, lost: 20.2, open: 50.1, waived: 0, count: 3 });
    expect(totals.get('EUR')).toEqual({ owed: 105, claimed: 30, recovered: 0, lost: 0, open: 70, waived: 5, count: 4 });
  });
});
