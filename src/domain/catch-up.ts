import { compareDays, type Day } from './days.js';
import type { ReminderKind } from './reminder-plan.js';
import { dayIn } from './zoned-time.js';

export interface DueReminder {
  id: string;
  /** What the reminder is about, e.g. "contract:<id>". */
  subject: string;
  kind: ReminderKind | string;
  dueAt: Date;
}

/**
 * After downtime several steps of one kind may be due at once: only the most recent of each kind per
 * subject (contract) is posted, the older ones are skipped (never a burst of stale reminders).
 */
export function pickLatestPerKind<R extends DueReminder>(due: readonly R[]): { post: R[]; skip: R[] } {
  const latest = new Map<string, R>();
  for (const reminder of due) {
    const key = `${reminder.subject}\u0000${reminder.kind}`;
    const current = latest.get(key);
    if (!current || reminder.dueAt.getTime() > current.dueAt.getTime()) latest.set(key, reminder);
  }
  const post = [...latest.values()];
  const skip = due.filter((r) => !post.includes(r));
  return { post, skip };
}

/** A reminder is late when it goes out after its due day (in the workspace zone). */
export function isLate(dueAt: Date, now: Date, timezone: string): boolean {
  return compareDays(dayIn(now, timezone), dayIn(dueAt, timezone)) > 0;
}

/** A renewal reminder is pointless once its deadline has passed: the "deadline passed" one replaces it. */
export function isRenewalStale(deadline: Day, today: Day): boolean {
  return compareDays(today, deadline) > 0;
}
