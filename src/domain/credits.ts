import { addDays, addMonths, daysBetween, type Day } from './days.js';
import type { Per } from './contract-terms.js';
import { uptime, type Outage, type Period } from './uptime.js';

/**
 * Service credits (SPEC §7): a month whose uptime is below a tier's threshold earns that tier's percent
 * of the monthly fee; the lowest tier reached applies. Pure: periods, outages and fees are passed in.
 */
export interface CreditTier {
  /** Uptime percent the month must reach to earn nothing from this tier (99.9). */
  below: number;
  /** Percent of the monthly fee credited (10). */
  percent: number;
}

export type TierParse = { ok: true; tiers: CreditTier[] } | { ok: false; problem: string };

export const MAX_TIERS = 10;
const TIER = /^(\d{1,3}(?:\.\d{1,4})?)%?:(-?\d{1,3}(?:\.\d{1,2})?)%?$/;

/**
 * `99.9:10,99:25,95:100` → tiers, thresholds strictly descending (each tier lower than the one
 * before), thresholds above 0 and at most 100, percents from 0 to 100 and growing as the thresholds
 * fall (a worse month never earns less).
 */
export function parseCreditTiers(text: string): TierParse {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length > MAX_TIERS) return { ok: false, problem: `has ${parts.length} tiers; at most ${MAX_TIERS}` };
  const tiers: CreditTier[] = [];
  for (const part of parts) {
    const match = TIER.exec(part);
    if (!match) return { ok: false, problem: `has \`${part.slice(0, 20)}\`, which is not uptime:percent (like 99.9:10)` };
    const below = Number(match[1]);
    const percent = Number(match[2]);
    if (!(below > 0 && below <= 100)) return { ok: false, problem: `has the threshold ${below}: uptime thresholds lie above 0 and at most 100` };
    if (percent < 0 || percent > 100) return { ok: false, problem: `has ${percent} % for ${below}: a credit is from 0 to 100 % of the monthly fee` };
    const previous = tiers.at(-1);
    if (previous && below >= previous.below) return { ok: false, problem: `is not descending: ${below} comes after ${previous.below} (list the highest threshold first)` };
    if (previous && percent < previous.percent) return { ok: false, problem: `gives less (${percent} %) below ${below} than below ${previous.below} (${previous.percent} %)` };
    tiers.push({ below, percent });
  }
  return { ok: true, tiers };
}

export function formatTiers(tiers: readonly CreditTier[]): string {
  return tiers.map((t) => `below ${t.below} % → ${t.percent} %`).join(', ');
}

/**
 * The tier a month's uptime reached: the lowest threshold it fell below (tiers descending). Uptime
 * exactly at a threshold is not below it; a hair of tolerance keeps float noise from moving a month.
 */
export function tierReached(uptimeFraction: number, tiers: readonly CreditTier[]): CreditTier | null {
  const percent = uptimeFraction * 100;
  let reached: CreditTier | null = null;
  for (const tier of tiers) if (percent < tier.below - 1e-9) reached = tier;
  return reached;
}

/** value per month, or value ÷ 12 per year; null without a value. Not rounded: only the credit is. */
export function monthlyFee(value: number | null, per: Per): number | null {
  if (value === null) return null;
  return per === 'month' ? value : value / 12;
}

/** Half away from zero, to cents; the float noise of a product (10.05 × 10) is cleared first. */
export function roundToCents(amount: number): number {
  const cents = Number((amount * 100).toFixed(6));
  return Math.sign(cents) * Math.round(Math.abs(cents)) / 100;
}

export interface MonthInput {
  /** The calendar month, in the workspace zone: [start, end). */
  month: Period;
  /** The first and last day of the month and the contract's start day (null: started before). */
  firstDay: Day;
  lastDay: Day;
  start: Day | null;
  /** When the service started (the contract's start at 00:00 in the workspace zone), if inside the month. */
  serviceStart: Date | null;
  outages: readonly Outage[];
  tiers: readonly CreditTier[];
  value: number | null;
  per: Per;
}

export interface MonthCredit {
  /** Uptime of the measured part of the month, as a fraction. */
  uptime: number;
  tier: CreditTier;
  /** The fee the percent applies to: the monthly fee, prorated by days in service for a contract that started in the month. */
  fee: number | null;
  amount: number | null;
  /** Days of the month the contract was in service (all of them unless it started in the month). */
  daysInService: number;
  daysInMonth: number;
}

/**
 * What a finished month earned, or null (no tiers, nothing measured, or every tier met). A contract
 * whose `start` falls inside the month is measured from its start and its fee prorated by the days
 * in service; one that started earlier (even if added to Renewal Desk mid-month) counts the whole
 * month. Maintenance does not count against uptime (SPEC §4).
 */
export function monthlyCredit(input: MonthInput): MonthCredit | null {
  if (input.tiers.length === 0) return null;
  const daysInMonth = daysBetween(input.firstDay, input.lastDay) + 1;
  const startsInside = input.start !== null && input.start > input.firstDay;
  if (input.start !== null && input.start > input.lastDay) return null;
  const measured: Period = startsInside && input.serviceStart ? { start: input.serviceStart, end: input.month.end } : input.month;
  const up = uptime(input.outages, measured, input.month.end);
  if (up === null) return null;
  const tier = tierReached(up, input.tiers);
  if (!tier) return null;
  const daysInService = startsInside ? daysBetween(input.start!, input.lastDay) + 1 : daysInMonth;
  const full = monthlyFee(input.value, input.per);
  const fee = full === null ? null : (full * daysInService) / daysInMonth;
  return { uptime: up, tier, fee, amount: fee === null ? null : roundToCents((fee * tier.percent) / 100), daysInService, daysInMonth };
}

/** The claim deadline: `claimDays` after the last day of the month (SPEC §7: the window after the month ends). */
export function claimDeadline(month: string, claimDays: number): Day {
  return addDays(lastDayOf(month), claimDays);
}

/** '2026-11' → '2026-11-30'. */
export function lastDayOf(month: string): Day {
  return addDays(addMonths(`${month}-01`, 1), -1);
}

export type CreditState = 'due' | 'claimed' | 'credited' | 'rejected' | 'waived' | 'lost';
export type CreditAction = 'claimed' | 'credited' | 'rejected' | 'waived';

export const CREDIT_STATES: readonly CreditState[] = ['due', 'claimed', 'credited', 'rejected', 'waived', 'lost'];
export const OPEN_STATES: readonly CreditState[] = ['due', 'claimed'];

/**
 * `due → claimed → credited | rejected`, or `waived` (from due or claimed), or `lost` (the scheduler,
 * when the claim deadline passes while due). A credit the vendor granted without a claim may go
 * straight from due to credited; a rejection needs a claim first. Settled states stay settled.
 */
export function creditTransition(from: CreditState, action: CreditAction): { ok: true } | { ok: false; reason: 'same' | 'settled' | 'not-claimed' } {
  if (from === action) return { ok: false, reason: 'same' };
  if (!OPEN_STATES.includes(from)) return { ok: false, reason: 'settled' };
  if (action === 'claimed' && from !== 'due') return { ok: false, reason: 'same' };
  if (action === 'rejected' && from !== 'claimed') return { ok: false, reason: 'not-claimed' };
  return { ok: true };
}

export interface CreditFigures {
  status: CreditState;
  currency: string;
  amount: number | null;
  recovered: number | null;
}

export interface CreditTotals {
  /** Earned under the SLA: every credit's amount. */
  owed: number;
  /** A claim was sent (claimed, then credited or rejected). */
  claimed: number;
  /** What the vendor actually credited. */
  recovered: number;
  /** Not claimed before the deadline. */
  lost: number;
  /** Still to recover: due or claimed. */
  open: number;
  waived: number;
  count: number;
}

/** Totals per currency (amounts in different currencies are never added together), in cents-exact sums. */
export function creditTotals(credits: readonly CreditFigures[]): Map<string, CreditTotals> {
  const byCurrency = new Map<string, CreditTotals>();
  for (const credit of credits) {
    const totals = byCurrency.get(credit.currency) ?? { owed: 0, claimed: 0, recovered: 0, lost: 0, open: 0, waived: 0, count: 0 };
    const amount = credit.amount ?? 0;
    totals.count += 1;
    totals.owed = roundToCents(totals.owed + amount);
    if (['claimed', 'credited', 'rejected'].includes(credit.status)) totals.claimed = roundToCents(totals.claimed + amount);
    if (credit.status === 'credited') totals.recovered = roundToCents(totals.recovered + (credit.recovered ?? amount));
    if (credit.status === 'lost') totals.lost = roundToCents(totals.lost + amount);
    if (OPEN_STATES.includes(credit.status)) totals.open = roundToCents(totals.open + amount);
    if (credit.status === 'waived') totals.waived = roundToCents(totals.waived + amount);
    byCurrency.set(credit.currency, totals);
  }
  return byCurrency;
}
