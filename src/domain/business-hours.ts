import { windowsAfter, workingMsBetween, type BusinessCalendar } from './working-windows.js';

/**
 * The hours in which an SLA clock runs (SPEC §1): around the clock, or Monday to Friday 09:00–17:00
 * on the wall clock of `timezone`, minus the listed holidays ('YYYY-MM-DD' in that zone).
 */
export type SlaHours = { kind: '24x7' } | ({ kind: 'business' } & BusinessCalendar);

function epochMs(instant: Date, name: string): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}

/** How much of [from, to) falls in working time, in milliseconds; 0 when `to` is not after `from`. */
export function countedMs(from: Date, to: Date, hours: SlaHours): number {
  const start = epochMs(from, 'from');
  const end = epochMs(to, 'to');
  if (end <= start) return 0;
  if (hours.kind === '24x7') return end - start;
  return workingMsBetween(start, end, hours);
}

/**
 * countedMs(from, to) for many `from` instants and one `to`, by instant (epoch ms): one walk over
 * [earliest, to) instead of one per instant, because counted time adds up over adjoining spans. A
 * report over a contract with thousands of open issues counts each of them to now this way.
 */
export function countedMsUntil(froms: readonly Date[], to: Date, hours: SlaHours): Map<number, number> {
  const end = epochMs(to, 'to');
  const starts = [...new Set(froms.map((from) => epochMs(from, 'from')))].sort((a, b) => b - a);
  const counted = new Map<number, number>();
  let total = 0;
  let upTo = end;
  for (const start of starts) {
    if (start < upTo) {
      total += countedMs(new Date(start), new Date(upTo), hours);
      upTo = start;
    }
    counted.set(start, start >= end ? 0 : total);
  }
  return counted;
}

/**
 * The instant at which the SLA clock, started at `from`, shows `targetMs` of counted time: the
 * earliest instant with countedMs(from, instant) === targetMs.
 *
 * The clock only runs in working time, so:
 * - an issue opened at night, on a weekend or on a holiday starts its clock at the next opening;
 * - a target of 0 is due the moment the clock starts: `from` itself in working time, else the next
 *   opening (never a night-time instant nobody could act on);
 * - a target that runs out exactly at a closing time is due at that closing (Friday 17:00), not at
 *   the next opening, although an issue answered at Monday 09:00 has still met it: still open at
 *   Friday 17:00 it is breached from then (measureIssue), when the scheduler posts the breach.
 */
export function deadlineAfter(from: Date, targetMs: number, hours: SlaHours): Date {
  const start = epochMs(from, 'from');
  if (!Number.isFinite(targetMs) || targetMs < 0) throw new RangeError(`not a duration: ${targetMs}`);
  if (hours.kind === '24x7') return new Date(start + targetMs);
  let remaining = targetMs;
  for (const window of windowsAfter(start, hours)) {
    const clockStart = Math.max(window.start, start);
    const available = window.end - clockStart;
    if (remaining <= available) return new Date(clockStart + remaining);
    remaining -= available;
  }
  throw new Error('unreachable: working windows never run out');
}
