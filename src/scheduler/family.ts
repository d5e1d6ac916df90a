import type { Day } from '../domain/days.js';
import type { Db } from '../store/client.js';
import type { Reminder } from '../store/reminder-ledger.js';
import type { Workspace } from '../store/workspaces.js';
import type { Message } from '../messages/model.js';
import type { RowReads } from './row-reads.js';

/** What a family is told about one due ledger row. */
export interface FamilyContext {
  db: Db;
  /** The due ledger row (its kind, step, series and due instant), as the pass found it. */
  row: Reminder;
  workspace: Workspace;
  /** The pass's "as of" instant. */
  now: Date;
  /** The day of `now` in the workspace zone. */
  today: Day;
  /** Set when the post goes out after its due day: the message says so (`markLate`). */
  late: { dueDay: Day } | null;
  /**
   * Reads shared by the rows prepared together (each kind of read once for all of them): a family
   * with many rows due at once reads through these rather than with a query per row.
   */
  reads: RowReads;
}

/** A message and the channel it goes to (null: the row's own channel, else the workspace channel). */
export interface FamilyPost {
  message: Message;
  channelId: string | null;
  /** Updates this message of the channel in place instead of posting a new one (a survey's results). */
  replaces?: string | null;
  /** Messages brought up to date in place once this one is out (a credit's card when it is lost); best effort. */
  refresh?: { channelId: string; messageId: string; message: Message }[];
}

/**
 * One family of reminders sharing the ledger (contract renewals, SLA warnings, handovers, monthly
 * reports…). The pass calls, for each due row of the family's kinds:
 *
 * 1. `whyNotPost` before claiming the row: a reason to skip it (it no longer applies), or null;
 * 2. `beforePost` (optional), once the row is claimed: the state change the message reports (a
 *    term ends and rolls forward; the next weekly handover reminder is planned). A post that fails
 *    is retried with this step run again, so it must be idempotent (record what it did on the row,
 *    or check before changing). It may return a reason to skip the row after all;
 * 3. `build`: the message and its channel, from the stored state. It only reads: no writes, no posts.
 *    Null when it turned out not to apply (the row is skipped).
 *
 * Claiming, posting, pacing, retries and recording the outcome are the pass's; families never post.
 * Message texts live in `src/messages`. A new family is added to `FAMILIES` (src/scheduler/families/index.ts)
 * and gets a series in `src/store/ledger-keys.ts`.
 */
export interface ReminderFamily {
  kinds: readonly string[];
  whyNotPost(ctx: FamilyContext): Promise<string | null>;
  beforePost?(ctx: FamilyContext): Promise<string | null>;
  build(ctx: FamilyContext): Promise<FamilyPost | null>;
}
