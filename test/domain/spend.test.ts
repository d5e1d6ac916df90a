import { describe, expect, it } from 'vitest';
import { departmentShares, departmentSplit, groupSpend, renewingUnexamined, totalSpend, upForRenewal, type SpendContract } from '../../src/domain/spend.js';

const base: Omit<SpendContract, 'id' | 'name' | 'vendor'> = {
  value: 12000, per: 'year', currency: 'USD', departments: null, channel: 'C1', renewal: 'auto', deadline: '2027-01-31', end: '2027-02-28', decided: false,
};
const c = (name: string, vendor: string, extra: Partial<SpendContract> = {}): SpendContract => ({ ...base, id: name, name, vendor, ...extra });

const CONTRACTS: SpendContract[] = [
  c('Globex Support', 'Globex', { value: 1000, per: 'month', departments: 'IT:60,Finance:40', deadline: '2026-12-15', end: '2027-01-14' }),
  c('Globex Cloud', 'Globex', { value: 24000, departments: 'IT:100', deadline: '2027-03-01', end: '2027-03-31', channel: 'C2' }),
  c('Initech CRM', 'Initech', { value: 5000, currency: 'EUR', departments: 'Sales:100', deadline: '2026-12-01', end: '2026-12-31', decided: true }),
  c('Umbrella Print', 'Umbrella', { value: null, deadline: '2027-10-01', end: '2027-12-31', renewal: 'manual', channel: null }),
];
const TODAY = '2026-11-23';

describe('departments', () => {
  it('splits the annual cost by the stored percentages, to cents', () => {
    expect(departmentShares('IT:60,Finance:40')).toEqual([{ department: 'IT', percent: 60 }, { department: 'Finance', percent: 40 }]);
    expect(departmentShares(null)).toEqual([{ department: '(no department)', percent: 100 }]);
    expect(departmentSplit(1000, 'month', 'IT:60,Finance:40')).toEqual([{ department: 'IT', percent: 60, amount: 7200 }, { department: 'Finance', percent: 40, amount: 4800 }]);
    expect(departmentSplit(100, 'year', 'A:33,B:33,C:34')).toEqual([{ department: 'A', percent: 33, amount: 33 }, { department: 'B', percent: 33, amount: 33 }, { department: 'C', percent: 34, amount: 34 }]);
    expect(departmentSplit(null, 'year', 'IT:100')).toEqual([{ department: 'IT', percent: 100, amount: null }]);
  });
});

describe('groupSpend', () => {
  it('by vendor: annualised (per month × 12), currencies kept apart, largest first', () => {
    const groups = groupSpend(CONTRACTS, 'vendor');
    expect(groups.map((g) => [g.key, Object.fromEntries(g.totals), g.contracts])).toEqual([
      ['Globex', { USD: 36000 }, 2],
      ['Initech', { EUR: 5000 }, 1],
      ['Umbrella', {}, 1],
    ]);
  });

  it('by department: each contract split by its percentages', () => {
    const groups = groupSpend(CONTRACTS, 'department');
    expect(groups.map((g) => [g.key, Object.fromEntries(g.totals), g.contracts])).toEqual([
      ['IT', { USD: 31200 }, 2],
      ['Sales', { EUR: 5000 }, 1],
      ['Finance', { USD: 4800 }, 1],
      ['(no department)', {}, 1],
    ]);
  });

  it('by channel', () => {
    expect(groupSpend(CONTRACTS, 'channel').map((g) => [g.key, Object.fromEntries(g.totals)])).toEqual([
      ['C2', { USD: 24000 }],
      ['C1', { EUR: 5000, USD: 12000 }],
      ['', {}],
    ]);
  });

  it('totals per currency', () => {
    expect(Object.fromEntries(totalSpend(CONTRACTS))).toEqual({ USD: 36000, EUR: 5000 });
  });
});

describe('what comes up', () => {
  it('up for renewal: notice deadlines in the window, from today', () => {
    expect(upForRenewal(CONTRACTS, TODAY, '2026-12-23').map((x) => x.name)).toEqual(['Globex Support', 'Initech CRM']);
    expect(upForRenewal(CONTRACTS, TODAY, '2027-11-23').map((x) => x.name)).toEqual(['Globex Support', 'Globex Cloud', 'Initech CRM', 'Umbrella Print']);
    expect(upForRenewal(CONTRACTS, '2026-12-02', '2026-12-31').map((x) => x.name)).toEqual(['Globex Support']);
  });

  it('renewing unexamined: auto contracts ending in the window without a decision, soonest first', () => {
    expect(renewingUnexamined(CONTRACTS, TODAY, '2027-02-21').map((x) => x.name)).toEqual(['Globex Support']);
    expect(renewingUnexamined(CONTRACTS, TODAY, '2027-12-31').map((x) => x.name)).toEqual(['Globex Support', 'Globex Cloud']);
  });
});
