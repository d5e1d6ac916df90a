import type { Db } from '../store/client.js';
import type { Workspace } from '../store/workspaces.js';
import type { Effect } from '../effects/effect.js';
import type { Message } from '../messages/model.js';
import { dayIn } from '../domain/zoned-time.js';
import type { Day } from '../domain/days.js';
import type { Log } from '../log.js';

/** Everything a handler needs about one request; platforms build it, handlers never see the platform. */
export interface CommandContext {
  db: Db;
  workspace: Workspace;
  userId: string;
  /** The channel the command was typed in (the default channel for a new contract). */
  channelId: string | null;
  /** Read once per request at the boundary; handlers never read the clock. */
  now: Date;
  log: Log;
  /** Where people reach this server, for links it hands out (the calendar feed): PUBLIC_URL or http://localhost:<port>. */
  publicUrl?: string;
  /** Looks up chat users (display name, bot or not); absent where the platform offers none. */
  directory?: UserDirectory;
}

export interface UserInfo {
  displayName: string;
  isBot: boolean;
}

export interface UserDirectory {
  lookup(userId: string): Promise<UserInfo | null>;
}

/** Where a clicked message lives, so a decision can update it in place. */
export interface MessageRef {
  channelId: string;
  messageId: string;
}

export interface CommandResult {
  /** Shown to the requesting user only. */
  reply: Message;
  /** What it changes outside the database (posts, updates, a form to open), in order: see src/effects. */
  effects?: Effect[];
  /** Replace the clicked (private) message instead of adding a new one. */
  replaceOriginal?: boolean;
}

export function todayOf(ctx: Pick<CommandContext, 'now' | 'workspace'>): Day {
  return dayIn(ctx.now, ctx.workspace.timezone);
}
