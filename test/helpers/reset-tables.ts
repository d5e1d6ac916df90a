import type { Db } from '../../src/store/client.js';
import { isPostgresqlUrl } from '../../src/store/client.js';

const MIGRATIONS_TABLE = '_prisma_migrations';

/** The bot's tables (every table but the migrations' bookkeeping), read from the database itself. */
async function tablesOf(db: Db, postgresql: boolean): Promise<string[]> {
  const rows = postgresql
    ? await db.$queryRawUnsafe<{ name: string }[]>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`)
    : await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  return rows.map((r) => r.name).filter((name) => name !== MIGRATIONS_TABLE).sort();
}

/**
 * Empties every table of a migrated database (SQLite or PostgreSQL) and keeps the schema, so that one
 * bot can serve a whole test file with a clean database for each test. Tables are found in the
 * database, not listed here: a table added by a new migration is emptied too.
 */
export async function emptyTables(db: Db, databaseUrl: string): Promise<void> {
  const postgresql = isPostgresqlUrl(databaseUrl);
  const tables = await tablesOf(db, postgresql);
  if (tables.length === 0) return;
  if (postgresql) {
    await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
    return;
  }
  // One transaction, foreign keys checked at its end (when every table is empty): the order of the
  // tables does not matter.
  await db.$transaction([db.$executeRawUnsafe('PRAGMA defer_foreign_keys = ON'), ...tables.map((t) => db.$executeRawUnsafe(`DELETE FROM "${t}"`))]);
}

/** How many rows each table holds (tables with none left out): what a reset must bring to `{}`. */
export async function rowCounts(db: Db, databaseUrl: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesOf(db, isPostgresqlUrl(databaseUrl))) {
    const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "${table}"`);
    const n = Number(row?.n ?? 0);
    if (n > 0) counts[table] = n;
  }
  return counts;
}
