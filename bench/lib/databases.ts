import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { applyMigrations } from '../../src/store/migrations.js';

export type DatabaseKind = 'SQLite' | 'PostgreSQL';

export interface ScratchDatabase {
  kind: DatabaseKind;
  url: string;
  drop: () => Promise<void>;
}

async function onServer(server: string, sql: string): Promise<void> {
  const adapter = await new PrismaPg({ connectionString: server, max: 1 }).connect();
  await adapter.executeScript(sql).finally(() => adapter.dispose());
}

/**
 * A fresh, migrated database: a SQLite file in `dir`, or a database created on the PostgreSQL server
 * `postgres` names (dropped again by `drop`).
 */
export async function scratchDatabase(kind: DatabaseKind, name: string, dir: string, postgres: string | null): Promise<ScratchDatabase> {
  let database: ScratchDatabase;
  if (kind === 'SQLite') {
    database = { kind, url: `file:${join(dir, `${name}.db`)}`, drop: async () => {} };
  } else {
    if (!postgres) throw new Error('PostgreSQL needs BENCH_POSTGRES_URL (or TEST_POSTGRES_URL)');
    const db = `renewal_desk_bench_${name}_${process.pid}`;
    await onServer(postgres, `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await onServer(postgres, `CREATE DATABASE "${db}"`);
    const url = new URL(postgres);
    url.pathname = `/${db}`;
    database = { kind, url: url.toString(), drop: () => onServer(postgres, `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`) };
  }
  await applyMigrations(database.url);
  return database;
}

/**
 * After bulk seeding, the database as it would be in use some time later: on PostgreSQL the tables
 * vacuumed and analysed and a checkpoint taken (what autovacuum and the checkpointer would do anyway,
 * otherwise in the middle of the timed requests); on SQLite the write-ahead log folded into the file.
 */
export async function settle(database: ScratchDatabase): Promise<void> {
  if (database.kind === 'PostgreSQL') {
    await onServer(database.url, 'VACUUM ANALYZE');
    await onServer(database.url, 'CHECKPOINT');
    return;
  }
  const { default: Database } = await import('better-sqlite3');
  const file = new Database(database.url.replace(/^file:/, ''));
  try {
    file.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    file.close();
  }
}
