import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { applyMigrations, defaultMigrationsDir, diffMigrationsToSchema, parseDatabaseUrl, repoRoot } from '../../src/store/migrations.js';

const migrationsDir = defaultMigrationsDir('sqlite');
const migrationNames = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const schema = readFileSync(join(repoRoot, 'prisma/schema.prisma'), 'utf8');
const models = [...schema.matchAll(/^model (\w+)/gm)].map((m) => m[1]);
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

const tmp = mkdtempSync(join(tmpdir(), 'renewal-desk-migrations-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface MigrationRow {
  migration_name: string;
  checksum: string;
  started_at: unknown;
  finished_at: unknown;
  rolled_back_at: unknown;
  logs: unknown;
  applied_steps_count: number;
}
function readTable<T>(path: string, sql: string): T[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe('applyMigrations (SQLite)', () => {
  const path = join(tmp, 'missing/parent/renewal-desk.db');
  const url = `file:${path}`;

  it('applies every migration to a fresh file, creating it and its directory', async () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    const started = performance.now();
    const { applied } = await applyMigrations(url);
    console.info(`fresh apply of ${applied.length} migration(s): ${Math.round(performance.now() - started)} ms`);
    expect(applied).toEqual(migrationNames);
  });

  it('keeps the bookkeeping of `prisma migrate deploy` in _prisma_migrations', () => {
    const rows = readTable<MigrationRow>(path, 'SELECT * FROM _prisma_migrations ORDER BY started_at');
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      expect(row.checksum).toBe(sha256(join(migrationsDir, row.migration_name, 'migration.sql')));
      expect(row).toMatchObject({ rolled_back_at: null, logs: null, applied_steps_count: 1 });
      // The native engine writes these as Unix epoch milliseconds on SQLite.
      expect(typeof row.started_at).toBe('number');
      expect(typeof row.finished_at).toBe('number');
      expect(row.finished_at as number).toBeGreaterThanOrEqual(row.started_at as number);
    }
  });

  it('creates a table for every model', () => {
    const tables = readTable<{ name: string }>(path, "SELECT name FROM sqlite_master WHERE type = 'table'").map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['_prisma_migrations', ...models]));
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(url)).toEqual({ applied: [] });
    expect(readTable(path, 'SELECT id FROM _prisma_migrations')).toHaveLength(migrationNames.length);
  });

  it('leaves a database the generated client can use', async () => {
    const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url }) });
    try {
      await prisma.workspace.create({ data: { id: 'slack:T1', platform: 'slack', timezone: 'Europe/Paris' } });
      const workspace = await prisma.workspace.findUnique({ where: { id: 'slack:T1' } });
      expect(workspace).toMatchObject({ platform: 'slack', timezone: 'Europe/Paris', reminderTime: '09:00' });
      expect(workspace?.createdAt).toBeInstanceOf(Date);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('serializes concurrent calls on one file: one applies, the others find nothing to do', async () => {
    const concurrentUrl = `file:${join(tmp, 'concurrent.db')}`;
    const results = await Promise.all([1, 2, 3].map(() => applyMigrations(concurrentUrl)));
    expect(results.map((r) => r.applied).sort((a, b) => b.length - a.length)).toEqual([migrationNames, [], []]);
  });

  it('applies a migration added after the database was brought up to date (the one-query check sees it is pending)', async () => {
    const dir = join(tmp, 'later-migrations');
    cpSync(migrationsDir, dir, { recursive: true });
    const laterUrl = `file:${join(tmp, 'later.db')}`;
    expect((await applyMigrations(laterUrl, { migrationsDir: dir })).applied).toEqual(migrationNames);
    expect((await applyMigrations(laterUrl, { migrationsDir: dir })).applied).toEqual([]);
    mkdirSync(join(dir, '99991231000000_later'));
    writeFileSync(join(dir, '99991231000000_later/migration.sql'), 'CREATE TABLE "Later" ("id" TEXT NOT NULL PRIMARY KEY);\n');
    expect((await applyMigrations(laterUrl, { migrationsDir: dir })).applied).toEqual(['99991231000000_later']);
    expect(readTable<{ name: string }>(join(tmp, 'later.db'), `SELECT name FROM sqlite_master WHERE name = 'Later'`)).toHaveLength(1);
    expect((await applyMigrations(laterUrl, { migrationsDir: dir })).applied).toEqual([]);
  });

  it('names the migration that failed, and refuses to go on until it is resolved (P3009)', async () => {
    const dir = join(tmp, 'broken-migrations');
    cpSync(migrationsDir, dir, { recursive: true });
    mkdirSync(join(dir, '99991231000000_broken'));
    writeFileSync(join(dir, '99991231000000_broken/migration.sql'), 'INSERT INTO "NoSuchTable" VALUES (1);\n');
    const brokenUrl = `file:${join(tmp, 'broken.db')}`;
    await expect(applyMigrations(brokenUrl, { migrationsDir: dir })).rejects.toThrow(/99991231000000_broken/);
    await expect(applyMigrations(brokenUrl, { migrationsDir: dir })).rejects.toMatchObject({ code: 'P3009' });
  });
});

describe('prisma/migrations', () => {
  it('is up to date with prisma/schema.prisma (else: npm run migrations:diff -- <name>)', async () => {
    const diff = await diffMigrationsToSchema(schema, { provider: 'sqlite' });
    expect(diff?.summary ?? 'no changes').toBe('no changes');
  });
});

describe('parseDatabaseUrl', () => {
  it('resolves relative file: urls against the cwd, and accepts absolute ones', () => {
    expect(parseDatabaseUrl('file:./data/renewal-desk.db')).toEqual({ provider: 'sqlite', path: resolve('data/renewal-desk.db') });
    expect(parseDatabaseUrl('file:/tmp/x.db')).toEqual({ provider: 'sqlite', path: '/tmp/x.db' });
    expect(parseDatabaseUrl('postgresql://u@h/db')).toEqual({ provider: 'postgresql', url: 'postgresql://u@h/db' });
  });
});
