import { instantAsText } from './bulk-insert.js';
import type { DirectConnection } from './direct-connection.js';
import { workspaceOfRow, WORKSPACE_COLUMNS, type Platform, type Workspace } from './workspaces.js';

// What `renewal-desk import` reads and writes besides the contracts themselves (contract-batch.ts),
// through a direct connection.

/** Names looked up per query: one list of every row's name exceeds the databases' parameter limits. */
export const NAMES_PER_QUERY = 500;

/** The only workspace, when the database has exactly one. */
export async function soleWorkspaceId(conn: DirectConnection): Promise<string | undefined> {
  const rows = await conn.rows<{ id: string }>('SELECT "id" FROM "Workspace" LIMIT 2');
  return rows.length === 1 ? rows[0]!.id : undefined;
}

/** Which of these name keys (at most NAMES_PER_QUERY) the workspace has already. */
export async function existingNames(conn: DirectConnection, workspaceId: string, nameKeys: readonly string[]): Promise<{ name: string; nameKey: string }[]> {
  if (nameKeys.length === 0) return [];
  return conn.rows(`SELECT "name", "nameKey" FROM "Contract" WHERE "workspaceId" = ? AND "nameKey" IN (${nameKeys.map(() => '?').join(', ')})`, [workspaceId, ...nameKeys]);
}

/** The workspace; a new workspace is created with the default time zone (the other settings take the schema's defaults). */
export async function ensureWorkspaceDirect(conn: DirectConnection, id: string, platform: Platform, defaultTimezone: string, now: Date): Promise<Workspace> {
  const at = instantAsText(now, conn.provider);
  await conn.run('INSERT INTO "Workspace" ("id", "platform", "timezone", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?) ON CONFLICT ("id") DO NOTHING', [id, platform, defaultTimezone, at, at]);
  const [row] = await conn.rows<Parameters<typeof workspaceOfRow>[0]>(`SELECT ${WORKSPACE_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM "Workspace" WHERE "id" = ?`, [id]);
  return workspaceOfRow(row!);
}
