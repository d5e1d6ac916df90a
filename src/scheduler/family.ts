import type { Db } from '../store/client.js';
import type { Reminder } from '../store/reminder-ledger.js';
import type { WorkspaceSettings } from '../store/workspaces.js';
import type { Message } from '../messages/model.js';

export interface FamilyContext {
  db: Db;
  reminder: Reminder;
  workspace: WorkspaceSettings;
  now: Date;
  /** The day of `now` in the workspace zone. */
  today: string;
  late: { dueDay: string } | null;
}

/** What a family builds for a claimed row. */
export interface Built {
  message: Message;
  channelId: string | null;
  /** Updates this message of the channel in place instead of posting a new one (a survey's results). */
  replaces?: string | null;
  /** Messages refreshed in place once this one is out (a credit's card when it is lost); best effort. */
  refresh?: { channelId: string; messageId: string; message: Message }[];
}

/**
 * One family of reminders sharing the ledger (contract renewals, SLA warnings, handovers…): it says
 * whether a due row still applies, and builds its message once the row is claimed.
 */
export interface ReminderFamily {
  kinds: readonly string[];
  /** Before claiming: a reason to skip the row (it no longer applies), or null to post it. */
  stale(ctx: FamilyContext): Promise<string | null>;
  /** After claiming: the message and where it goes; null when it turned out not to apply. */
  build(ctx: FamilyContext): Promise<Built | null>;
}
