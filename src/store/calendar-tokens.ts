import { randomBytes } from 'node:crypto';
import type { Db, Tx } from './client.js';
import { workspaceOfRow, type Workspace } from './workspaces.js';

/** A calendar feed token: 256 random bits, base64url (43 characters, safe in a URL path). */
export function newCalendarToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The workspace's feed token, created on first use (two first requests at once agree on one). */
export async function ensureCalendarToken(db: Db | Tx, workspaceId: string): Promise<string> {
  await db.workspace.updateMany({ where: { id: workspaceId, calendarToken: null }, data: { calendarToken: newCalendarToken() } });
  const row = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { calendarToken: true } });
  return row.calendarToken!;
}

/** Replaces the workspace's feed token: the old URL stops working at once. */
export async function rotateCalendarToken(db: Db | Tx, workspaceId: string): Promise<string> {
  const token = newCalendarToken();
  await db.workspace.update({ where: { id: workspaceId }, data: { calendarToken: token } });
  return token;
}

/** The workspace a feed token belongs to; null for anything else (malformed, unknown, rotated). */
export async function workspaceOfCalendarToken(db: Db, token: string): Promise<Workspace | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await db.workspace.findUnique({ where: { calendarToken: token } });
  return row ? workspaceOfRow(row) : null;
}
