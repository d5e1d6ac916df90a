import type { Day } from '../domain/days.js';
import type { SlaMeasure } from '../domain/sla-measure.js';

/**
 * What a reminder series is about. A ledger row is unique by workspace, `subject`, `cycle`, `kind` and
 * `step`; `subject` and `cycle` name the series and mean something different for each family. They
 * are built and read back here only.
 */
export type LedgerSeries =
  /** A contract's renewal and deadline steps; `cycle` is the contract's term (1, 2…). */
  | { of: 'contract'; contractId: string; cycle: number }
  /** An issue's 75 % warning and breach of one SLA clock; `cycle` counts reopenings (0 first). */
  | { of: 'issue'; issueId: string; measure: SlaMeasure; cycle: number }
  /** A leaver's handover reminders in one channel; a new leaving date starts a new series. */
  | { of: 'handover'; userId: string; channelId: string; leavingOn: Day }
  /** A channel's monthly SLA report, once per month (`2026-11`). */
  | { of: 'monthly-report'; channelId: string; month: string }
  /** The report that a channel's reminders could not be delivered, once per day. */
  | { of: 'delivery-problem'; channelId: string; day: Day }
  /** A service credit: its message, the claim reminders before its deadline, and "lost" after it. */
  | { of: 'credit'; creditId: string }
  /** A pulse survey's close (its results posted in place of the survey). */
  | { of: 'survey'; surveyId: string };

export interface SeriesKey {
  subject: string;
  cycle: number;
}

const compact = (dashed: string): number => Number(dashed.replaceAll('-', ''));

/** "20261231" → "2026-12-31"; "202611" → "2026-11". */
function dashed(cycle: number): string {
  const digits = String(cycle);
  return digits.length === 8 ? `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}` : `${digits.slice(0, 4)}-${digits.slice(4, 6)}`;
}

export function seriesKey(series: LedgerSeries): SeriesKey {
  switch (series.of) {
    case 'contract':
      return { subject: `contract:${series.contractId}`, cycle: series.cycle };
    case 'issue':
      return { subject: `issue:${series.issueId}:${series.measure}`, cycle: series.cycle };
    case 'handover':
      return { subject: `handover:${series.userId}:${series.channelId}`, cycle: compact(series.leavingOn) };
    case 'monthly-report':
      return { subject: `report:${series.channelId}`, cycle: compact(series.month) };
    case 'delivery-problem':
      return { subject: `delivery:${series.channelId}`, cycle: compact(series.day) };
    case 'credit':
      return { subject: `credit:${series.creditId}`, cycle: 0 };
    case 'survey':
      return { subject: `survey:${series.surveyId}`, cycle: 0 };
  }
}

/** The subject prefix every handover series of a person shares (ids may hold colons: the prefix ends with one). */
export function handoverSubjectPrefix(userId: string): string {
  return `handover:${userId}:`;
}

/**
 * The series of a ledger row, or null for a subject no family writes. A handover's subject ends with
 * its channel, and ids may hold colons (Teams: 29:…, 19:…@thread.tacv2): the channel is taken from
 * the row's own `channelId`.
 */
export function seriesOf(row: { subject: string; cycle: number; channelId: string | null }): LedgerSeries | null {
  const colon = row.subject.indexOf(':');
  const family = row.subject.slice(0, colon);
  const rest = row.subject.slice(colon + 1);
  if (colon < 0 || rest === '') return null;
  switch (family) {
    case 'contract':
      return { of: 'contract', contractId: rest, cycle: row.cycle };
    case 'issue': {
      const at = rest.lastIndexOf(':');
      const measure = rest.slice(at + 1);
      if (at <= 0 || (measure !== 'response' && measure !== 'resolution')) return null;
      return { of: 'issue', issueId: rest.slice(0, at), measure, cycle: row.cycle };
    }
    case 'handover': {
      const suffix = `:${row.channelId ?? ''}`;
      if (!row.channelId || !rest.endsWith(suffix) || rest.length === suffix.length) return null;
      return { of: 'handover', userId: rest.slice(0, -suffix.length), channelId: row.channelId, leavingOn: dashed(row.cycle) };
    }
    case 'report':
      return { of: 'monthly-report', channelId: rest, month: dashed(row.cycle) };
    case 'delivery':
      return { of: 'delivery-problem', channelId: rest, day: dashed(row.cycle) };
    case 'credit':
      return { of: 'credit', creditId: rest };
    case 'survey':
      return { of: 'survey', surveyId: rest };
    default:
      return null;
  }
}

/** `seriesOf`, for a family that knows which series its rows belong to: anything else is a broken ledger row. */
export function seriesAs<K extends LedgerSeries['of']>(of: K, row: { subject: string; cycle: number; channelId: string | null }): Extract<LedgerSeries, { of: K }> {
  const series = seriesOf(row);
  if (series?.of !== of) throw new Error(`reminder ledger: subject ${JSON.stringify(row.subject)} is not a ${of} series`);
  return series as Extract<LedgerSeries, { of: K }>;
}
