import { z } from 'zod';
import { addDays, addMonths, isValidDay, type Day } from '../domain/days.js';
import { isValidTimeOfDay, isValidTimeZone } from '../domain/zoned-time.js';
import { parseInstant } from '../domain/instants.js';

/** How far ahead a date may lie before we call it a typo. */
export const MAX_YEARS_AHEAD = 30;
const MIN_DAY = '1990-01-01';

export function daySchema(today: Day) {
  const latest = addDays(today, MAX_YEARS_AHEAD * 366);
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'use the form YYYY-MM-DD' })
    .refine(isValidDay, { error: 'is not a real calendar date' })
    .refine((d) => d >= MIN_DAY && d <= latest, { error: `must lie between ${MIN_DAY} and ${latest}` });
}

const nameText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `is longer than ${max} characters` })
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: 'contains control characters' });

export const contractName = nameText(80);
export const vendorName = nameText(80);
export const servicesText = nameText(500);

/** `60d` or `60` → days. */
export const noticeDays = z
  .string()
  .regex(/^-?\d+d?$/i, { error: 'must be a number of days, like 60d' })
  .transform((s) => Number.parseInt(s, 10))
  .refine((n) => n >= 0, { error: 'must not be negative' })
  .refine((n) => n <= 730, { error: 'must be at most 730 days' });

/** `12m`, `12`, `1y` → months. */
export const termMonths = z
  .string()
  .regex(/^\d+(m|y)?$/i, { error: 'must be months like 12m, or years like 2y' })
  .transform((s) => (s.toLowerCase().endsWith('y') ? Number.parseInt(s, 10) * 12 : Number.parseInt(s, 10)))
  .refine((n) => n >= 1 && n <= 120, { error: 'must be between 1 and 120 months' });

export const renewalMode = z.enum(['auto', 'manual'], { error: 'must be auto or manual' });
export const perPeriod = z.enum(['month', 'year'], { error: 'must be month or year' });
export const tier = z
  .enum(['1', '2', '3'], { error: 'must be 1, 2 or 3' })
  .transform((t) => Number(t) as 1 | 2 | 3);

/** `12000`, `12,000`, `12000.50` → a non-negative amount. */
export const money = z
  .string()
  .regex(/^\d{1,3}(,\d{3})*(\.\d{1,2})?$|^\d+(\.\d{1,2})?$/, { error: 'must be an amount like 12000 or 12,000.50' })
  .transform((s) => Number(s.replace(/,/g, '')))
  .refine((n) => n <= 1e12, { error: 'is implausibly large' });

export const currency = z
  .string()
  .regex(/^[a-z]{3}$/i, { error: 'must be a three-letter currency code like USD or EUR' })
  .transform((s) => s.toUpperCase());

/** `IT:60,Finance:40`: percentages that add up to 100. */
export const departments = z
  .string()
  .regex(/^[^:,]{1,40}:\d{1,3}(,[^:,]{1,40}:\d{1,3})*$/, { error: 'must look like IT:60,Finance:40' })
  .refine((s) => s.split(',').reduce((sum, part) => sum + Number(part.split(':')[1]), 0) === 100, {
    error: 'percentages must add up to 100',
  })
  .transform((s) => s.split(',').map((part) => part.trim()).join(','));

/**
 * User ids of both platforms: Slack (`U123`, `W123`), Teams (`29:…` users, `28:…` bots, `8:orgid:…`)
 * and Entra (AAD) object ids, as the Teams adapter writes them (`<@29:1AbC-_…>`); also the test users
 * of Microsoft 365 Agents Playground (`user-id-1`), so mentions work when trying the bot locally.
 */
const USER_ID = String.raw`[UW][A-Z0-9]+|2[89]:[A-Za-z0-9_-]+|8:orgid:[0-9a-fA-F-]{36}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|user-id-\d{1,4}`;
/** Channel ids: Slack (`C…`, `G…`, `D…`) and Teams (`19:…@thread.tacv2`, `…@thread.skype`, `…@thread.v2`). */
const CHANNEL_ID = String.raw`[CGD][A-Z0-9]+|19:[A-Za-z0-9_.-]+@thread\.(?:tacv2|skype|v2)`;

export const USER_ID_PATTERN = new RegExp(`^(?:${USER_ID})$`);
export const CHANNEL_ID_PATTERN = new RegExp(`^(?:${CHANNEL_ID})$`);
const USER_MENTION = new RegExp(`^<@(${USER_ID})(?:\\|[^>]*)?>$`);
const CHANNEL_MENTION = new RegExp(`^<#(${CHANNEL_ID})(?:\\|[^>]*)?>$`);

/** A user mention: Slack's escaped `<@U123>` / `<@U123|name>`, or a Teams mention as the adapter writes it. */
export const userMention = z
  .string()
  .regex(USER_MENTION, { error: 'must be a user mention like @alice' })
  .transform((s) => USER_MENTION.exec(s)![1]!);

/** A channel mention: Slack's escaped `<#C123|name>` / `<#C123>`, or a Teams channel mention. */
export const channelMention = z
  .string()
  .regex(CHANNEL_MENTION, { error: 'must be a channel mention like #renewals' })
  .transform((s) => CHANNEL_MENTION.exec(s)![1]!);

export const userList = z
  .string()
  .transform((s) => s.split(/[,\s]+/).filter(Boolean))
  .pipe(z.array(userMention).min(1, { error: 'needs at least one user' }).max(20));

export const timeOfDay = z.string().refine(isValidTimeOfDay, { error: 'must be a time like 09:00' });
export const timeZone = z
  .string()
  .refine(isValidTimeZone, { error: 'must be an IANA time zone like Europe/Berlin' })
  .transform((zone) => Intl.supportedValuesOf('timeZone').find((z) => z.toLowerCase() === zone.toLowerCase()) ?? zone);

/** `page:2` of a long list. */
export const pageNumber = z
  .string()
  .regex(/^\d{1,6}$/, { error: 'must be a page number such as 2' })
  .transform(Number)
  .refine((n) => n >= 1, { error: 'must be a page number such as 2' });

/** `90d`, `8w`, `6m`, `1y` → a calendar window; `windowEnd` turns it into the last day. */
export const window = z
  .string()
  .regex(/^\d{1,4}(d|w|m|y)$/i, { error: 'must be a window like 90d, 8w, 6m or 1y' })
  .transform((s) => ({ amount: Number.parseInt(s, 10), unit: s.slice(-1).toLowerCase() as 'd' | 'w' | 'm' | 'y' }))
  .refine((w) => w.amount >= 1 && (w.unit === 'd' ? w.amount <= 3660 : w.unit === 'w' ? w.amount <= 520 : w.unit === 'm' ? w.amount <= 120 : w.amount <= 10), {
    error: 'must be between 1 day and 10 years',
  });

export function windowEnd(today: Day, w: { amount: number; unit: 'd' | 'w' | 'm' | 'y' }): Day {
  if (w.unit === 'd') return addDays(today, w.amount);
  if (w.unit === 'w') return addDays(today, w.amount * 7);
  return addMonths(today, w.unit === 'm' ? w.amount : w.amount * 12);
}

/** An instant typed by a user: ISO 8601, in `zone` when it has no offset, and not in the future. */
export function pastInstant(zone: string, now: Date) {
  return z
    .string()
    .transform((s, ctx) => {
      const at = parseInstant(s, zone);
      if (!at) {
        ctx.addIssue({ code: 'custom', message: 'must be a date and time like 2026-11-20T14:30 (or with an offset, …T14:30+01:00)' });
        return z.NEVER;
      }
      return at;
    })
    .refine((at) => at.getTime() <= now.getTime() + 60_000, { error: 'is in the future' })
    .refine((at) => at.getFullYear() >= 1990, { error: 'is implausibly old' });
}

export const category = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(40, { error: 'is longer than 40 characters' })
  .regex(/^[\p{L}\p{N} _./-]+$/u, { error: 'may hold letters, digits, spaces and - _ . /' })
  .transform((s) => s.toLowerCase());

export const summaryText = nameText(300);

export const monthOption = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month like 2026-10' });
