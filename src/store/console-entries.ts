import type { ConsoleEntry } from '../generated/prisma/client.js';
import type { Db, Tx } from './client.js';

export type { ConsoleEntry };

/** post: in a channel, for everyone; command, reply, form, note: one console user's private transcript. */
export type ConsoleEntryKind = 'post' | 'command' | 'reply' | 'form' | 'note';

export interface NewConsoleEntry {
  workspaceId: string;
  kind: ConsoleEntryKind;
  /** A post's channel. */
  channelId?: string | null;
  /** Whose private entry it is. */
  userId?: string | null;
  /** JSON (the message model, or a form's state); the console validates it when it reads it. */
  body: string;
  at: Date;
}

export async function addConsoleEntry(db: Db | Tx, entry: NewConsoleEntry): Promise<number> {
  const row = await db.consoleEntry.create({
    data: { workspaceId: entry.workspaceId, kind: entry.kind, channelId: entry.channelId ?? null, userId: entry.userId ?? null, body: entry.body, createdAt: entry.at },
    select: { id: true },
  });
  return row.id;
}

/** Replaces an entry's content (a message updated in place, a form answered); false when there is no such entry. */
export async function updateConsoleEntry(db: Db | Tx, workspaceId: string, id: number, change: { kind?: ConsoleEntryKind; body: string }): Promise<boolean> {
  const { count } = await db.consoleEntry.updateMany({ where: { id, workspaceId }, data: change });
  return count === 1;
}

export async function findConsoleEntry(db: Db | Tx, workspaceId: string, id: number): Promise<ConsoleEntry | null> {
  return db.consoleEntry.findFirst({ where: { id, workspaceId } });
}

/** The latest entries a console user sees, oldest first: the workspace's posts and their own private ones. */
export async function consoleTranscript(db: Db | Tx, workspaceId: string, userId: string | null, limit: number): Promise<ConsoleEntry[]> {
  const rows = await db.consoleEntry.findMany({
    where: { workspaceId, OR: [{ userId: null }, ...(userId ? [{ userId }] : [])] },
    orderBy: { id: 'desc' },
    take: limit,
  });
  return rows.reverse();
}

