import { daysBetween, weekday, type Day } from '../domain/days.js';
import type { Per } from '../domain/contract-terms.js';
import { formatInstant } from '../domain/zoned-time.js';
import { uptimePercentFloor } from '../domain/uptime.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// Made once: a formatter costs about as much to make as a thousand uses (a list of 50 contracts made 50).
const WHOLE_OR_CENTS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const WITH_CENTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** '2026-12-04 (Fri)': ISO so nobody misreads the month, with the weekday for planning. */
export function day(d: Day): string {
  return `${d} (${WEEKDAYS[weekday(d)]})`;
}

export function daysLeft(today: Day, target: Day): string {
  const n = daysBetween(today, target);
  if (n === 0) return 'today';
  if (n === 1) return 'tomorrow';
  if (n === -1) return 'yesterday';
  return n > 0 ? `in ${n} days` : `${-n} days ago`;
}

export function money(value: number | null, currency: string, per: Per): string {
  if (value === null) return 'not recorded';
  return `${WHOLE_OR_CENTS.format(value)} ${currency} per ${per}`;
}

export function amount(value: number, currency: string): string {
  return `${WHOLE_OR_CENTS.format(value)} ${currency}`;
}

/** "1 issue", "0 breaches": a count with its noun, singular only for exactly one. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

export function months(n: number): string {
  return `${n} month${n === 1 ? '' : 's'}`;
}

export function when(instant: Date, timezone: string): string {
  return `${formatInstant(instant, timezone)} ${timezone}`;
}

/** A user mention; an empty id is a contract imported without an owner. */
export function mention(userId: string): string {
  return userId ? `<@${userId}>` : 'nobody yet (set one with `/contract edit … owner:@…`)';
}

export function channel(channelId: string): string {
  return `<#${channelId}>`;
}

/** An amount of money with its cents: "1,250.00 USD". */
export function cents(value: number, currency: string): string {
  return `${WITH_CENTS.format(value)} ${currency}`;
}

/**
 * An uptime for summaries: two decimals, three from 99 % up where SLA targets sit ("98.21 %",
 * "99.942 %"), always rounded down like uptimeFloor, so that two lines of one message never disagree
 * (99.943 beside 99.942) and the scorecard beside it reads the same.
 */
export function uptimeShort(fraction: number): string {
  if (fraction >= 1) return '100 %';
  const floored = uptimePercentFloor(fraction);
  return fraction >= 0.99 ? `${floored.toFixed(3)} %` : `${(Math.floor(floored * 100 + 1e-6) / 100).toFixed(2)} %`;
}

/** An uptime to three decimals, rounded down ("99.899 %"): see uptimePercentFloor. */
export function uptimeFloor(fraction: number): string {
  return fraction >= 1 ? '100 %' : `${uptimePercentFloor(fraction).toFixed(3)} %`;
}
