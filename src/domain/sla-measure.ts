import { countedMs, deadlineAfter, type SlaHours } from './business-hours.js';

export type Priority = 'p1' | 'p2' | 'p3' | 'p4';
export const PRIORITIES: readonly Priority[] = ['p1', 'p2', 'p3', 'p4'];

/** What an SLA measures: until the vendor's first response, or until resolution. */
export type SlaMeasure = 'response' | 'resolution';

export interface IssueTimes {
  id: string;
  priority: Priority;
  category: string | null;
  opened: Date;
  responded: Date | null;
  resolved: Date | null;
  /**
   * The counted time from opening to each event, when it is known already (stored with the issue, in
   * the same hours): saves counting business hours again. Used only once the event has happened.
   */
  counted?: { response: number | null; resolution: number | null };
}

/** Counted milliseconds; null means no target for that measure. */
export interface PriorityTargets {
  responseMs: number | null;
  resolutionMs: number | null;
}

/** A priority without an entry has no targets. */
export type SlaTargets = Partial<Record<Priority, PriorityTargets>>;

/**
 * met / breached: decided. A finished measure meets its target when its time is at most the target
 * (SPEC §4), so a response after exactly the target still meets it. A running one is breached once
 * its target has run out, i.e. from the instant deadlineAfter(opened, target) on, which is when the
 * scheduler posts the 100 % breach: in business hours a target that runs out at 17:00 is breached
 * from 17:00 although the counted time then stays equal to the target until the next opening.
 * pending: still running and the target not yet run out. null: the measure has no target.
 */
export type SlaOutcome = 'met' | 'breached' | 'pending';

export interface Measurement {
  issueId: string;
  priority: Priority;
  measure: SlaMeasure;
  /** Counted time from opening to the event, or to `now` while the event has not happened. */
  elapsedMs: number;
  finished: boolean;
  targetMs: number | null;
  outcome: SlaOutcome | null;
}

/**
 * A resolved issue has been responded to, at the latest when it was resolved, so a missing response
 * time is taken as the resolution time. Events after `now` have not happened yet, so that `now`
 * works as an "as of" for reports and replays.
 */
function eventTime(issue: IssueTimes, measure: SlaMeasure, now: Date): Date | null {
  const event = measureEvent(issue, measure);
  return event !== null && event.getTime() <= now.getTime() ? event : null;
}

/** When a measure's clock stops: the first response (a resolution counts as one), or the resolution. */
export function measureEvent(issue: Pick<IssueTimes, 'responded' | 'resolved'>, measure: SlaMeasure): Date | null {
  return measure === 'response' ? (issue.responded ?? issue.resolved) : issue.resolved;
}

/** `count`: how counted time is worked out (countedMs; a caller measuring many issues may remember its answers). */
export function measureIssue(issue: IssueTimes, measure: SlaMeasure, targets: SlaTargets, hours: SlaHours, now: Date, count: typeof countedMs = countedMs): Measurement {
  const event = eventTime(issue, measure, now);
  const known = event !== null ? (issue.counted?.[measure] ?? null) : null;
  const elapsedMs = known ?? count(issue.opened, event ?? now, hours);
  const target = targets[issue.priority];
  const targetMs = (measure === 'response' ? target?.responseMs : target?.resolutionMs) ?? null;
  const finished = event !== null;
  let outcome: SlaOutcome | null = null;
  if (targetMs !== null) {
    if (elapsedMs > targetMs) outcome = 'breached';
    else if (finished) outcome = 'met';
    // elapsed === target: run out, unless a zero target's clock has not started yet (at night).
    else if (elapsedMs === targetMs) outcome = now.getTime() >= deadlineAfter(issue.opened, targetMs, hours).getTime() ? 'breached' : 'pending';
    else outcome = 'pending';
  }
  return { issueId: issue.id, priority: issue.priority, measure, elapsedMs, finished, targetMs, outcome };
}

/** How far through its target a measurement is (1 = the whole target used); Infinity past a zero target. */
export function targetFraction(measurement: Measurement): number | null {
  const { elapsedMs, targetMs } = measurement;
  if (targetMs === null) return null;
  if (targetMs === 0) return elapsedMs === 0 ? 0 : Infinity;
  return elapsedMs / targetMs;
}
