// PostgreSQL as a backend: the committed history (prisma/migrations-postgresql) matches
// prisma/schema.prisma, applies like `prisma migrate deploy`, and the claim that makes each reminder
// go out once is atomic between connections. The server tests need TEST_POSTGRES_URL; without it they
// skip (and say so).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient as PostgresqlClient } from '../../src/generated/prisma-postgresql/client.js';
import { channelLocksFor } from '../../src/store/channel-locks.js';
import { openDatabase, type Db } from '../../src/store/client.js';
import { claim, Claim, type ClaimOptions } from '../../src/store/claims.js';
import { applyMigrations, defaultMigrationsDir, diffMigrationsToSchema, repoRoot } from '../../src/store/migrations.js';
import { postgresqlSchema } from '../../scripts/schema-variants.mjs';
import { createPostgresDatabase, postgresServerUrl, SKIP_WITHOUT_POSTGRES, type TestDatabase } from '../helpers/postgres.js';

const schema = readFileSync(join(repoRoot, 'prisma/schema.prisma'), 'utf8');
const migrationsDir = defaultMigrationsDir('postgresql');
const migrationNames = readdirSync(migrationsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const models = [...schema.matchAll(/^model (\w+)/gm)].map((m) => m[1]!);

describe('the PostgreSQL schema, derived from prisma/schema.prisma', () => {
  it('swaps the provider and stores every DateTime as timestamptz(3)', () => {
    const derived = postgresqlSchema(schema);
    expect(derived).toMatch(/provider\s*=\s*"postgresql"/);
    const dateTimes = [...derived.matchAll(/^\s*\w+\s+DateTime\??.*$/gm)].map((m) => m[0]);
    expect(dateTimes.length).toBeGreaterThan(10);
    for (const line of dateTimes) expect(line).toContain('@db.Timestamptz(3)');
  });

  it('is what the PostgreSQL client was generated from (else: npm run generate)', () => {
    const generated = readFileSync(join(repoRoot, 'src/generated/schema.postgresql.prisma'), 'utf8');
    expect(generated.replace(/^\/\/.*\n/, '')).toBe(postgresqlSchema(schema, { output: './prisma-postgresql' }));
  });

  it('has its own committed history, locked to postgresql', () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    expect(readFileSync(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');
  });
});

if (!postgresServerUrl) console.info(`PostgreSQL tests skipped: ${SKIP_WITHOUT_POSTGRES}`);

describe.skipIf(!postgresServerUrl)(`on a PostgreSQL server${postgresServerUrl ? '' : ` (skipped: ${SKIP_WITHOUT_POSTGRES})`}`, () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createPostgresDatabase('renewal_desk_store');
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('prisma/migrations-postgresql is up to date with prisma/schema.prisma (else: npm run migrations:diff -- <name> --provider postgresql)', async () => {
    const diff = await diffMigrationsToSchema(postgresqlSchema(schema), { provider: 'postgresql', shadowUrl: postgresServerUrl! });
    expect(diff?.summary ?? 'no changes').toBe('no changes');
  });

  it('applies every migration once, even when three processes start at the same time', async () => {
    const results = await Promise.all([1, 2, 3].map(() => applyMigrations(database.url)));
    expect(results.map((r) => r.applied).sort((a, b) => b.length - a.length)).toEqual([migrationNames, [], []]);
    expect(await applyMigrations(database.url)).toEqual({ applied: [] });
  });

  it('keeps the bookkeeping of `prisma migrate deploy` and creates a table for every model', async () => {
    db = openDatabase(database.url);
    const rows = await db.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number }[]>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY started_at',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      expect(row.checksum).toBe(createHash('sha256').update(readFileSync(join(migrationsDir, row.migration_name, 'migration.sql'))).digest('hex'));
      expect(row).toMatchObject({ rolled_back_at: null, applied_steps_count: 1 });
      expect(row.finished_at).toBeInstanceOf(Date);
    }
    const tables = (await db.$queryRawUnsafe<{ table_name: string }[]>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).map((t) => t.table_name);
    expect(tables).toEqual(expect.arrayContaining(['_prisma_migrations', ...models]));
  });

  it('stores instants as timestamptz, right even on a server whose time zone is not UTC', async () => {
    // Debian's initdb takes the machine's zone; with a session zone other than UTC, @prisma/adapter-pg
    // alone would shift every instant written and read by the offset (prisma/orm#26786).
    await db.$executeRawUnsafe(`ALTER DATABASE "${new URL(database.url).pathname.slice(1)}" SET timezone TO 'America/New_York'`);
    const client = openDatabase(database.url);
    try {
      const at = new Date('2026-03-29T01:30:00.123Z'); // the night Europe switches to summer time
      await client.workspace.create({ data: { id: 'slack:TZ', platform: 'slack', timezone: 'Europe/Berlin' } });
      await client.reminder.create({ data: { workspaceId: 'slack:TZ', subject: 's', kind: 'renewal', step: 'd1', dueAt: at } });
      expect((await client.reminder.findFirstOrThrow({ where: { subject: 's' } })).dueAt.toISOString()).toBe(at.toISOString());
      const [stored] = await client.$queryRawUnsafe<{ utc: string; type: string }[]>(
        `SELECT to_char("dueAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS utc, pg_typeof("dueAt")::text AS type FROM "Reminder" WHERE subject = 's'`,
      );
      expect(stored).toEqual({ utc: '2026-03-29T01:30:00.123', type: 'timestamp with time zone' });
      expect(await client.reminder.count({ where: { subject: 's', dueAt: { lte: new Date('2026-03-29T01:30:00.123Z') } } })).toBe(1);
      expect(await client.reminder.count({ where: { subject: 's', dueAt: { lt: new Date('2026-03-29T01:30:00.123Z') } } })).toBe(0);
    } finally {
      await client.$disconnect();
    }
  });

  it('claims atomically: six connections racing for 300 due reminders take each exactly once', async () => {
    const dueAt = new Date('2026-12-02T09:00:00Z');
    await db.reminder.createMany({ data: Array.from({ length: 300 }, (_, i) => ({ workspaceId: 'slack:TZ', subject: `race:${i}`, kind: 'renewal', step: 'd1', dueAt })) });
    const rows = await db.reminder.findMany({ where: { subject: { startsWith: 'race:' } } });
    const options: ClaimOptions = { now: dueAt, realNow: new Date(), leaseMs: 60_000 };
    const racers = Array.from({ length: 6 }, () => openDatabase(database.url));
    try {
      // Every racer walks the same rows in the same order, as passes in several processes do.
      const won = await Promise.all(racers.map(async (racer) => {
        let count = 0;
        for (const row of rows) if (await claim(racer, row, options)) count += 1;
        return count;
      }));
      expect(won.reduce((a, b) => a + b, 0)).toBe(300);
      expect(await db.reminder.count({ where: { subject: { startsWith: 'race:' }, status: 'sending', attempts: 1 } })).toBe(300);
      // A claim whose lease ran out is taken over, once.
      const later: ClaimOptions = { ...options, realNow: new Date(Date.now() + 120_000) };
      const takeovers = await Promise.all(racers.map((racer) => claim(racer, rows[0]!, later)));
      expect(takeovers.filter(Boolean)).toHaveLength(1);
    } finally {
      await Promise.all(racers.map((r) => r.$disconnect()));
    }
  });

  it('channel locks: one process at a time per channel, released on unlock or when the process goes', async () => {
    const [a, b] = [channelLocksFor(database.url)!, channelLocksFor(database.url)!];
    try {
      expect(await a.tryLock('slack:T1\u0000C1')).toBe(true);
      expect(await a.tryLock('slack:T1\u0000C1')).toBe(true); // a second pass of the same process
      expect(await b.tryLock('slack:T1\u0000C1')).toBe(false);
      expect(await b.tryLock('slack:T1\u0000C2')).toBe(true);
      await a.unlock('slack:T1\u0000C1');
      expect(await b.tryLock('slack:T1\u0000C1')).toBe(false); // still held by the other pass
      await a.unlock('slack:T1\u0000C1');
      expect(await b.tryLock('slack:T1\u0000C1')).toBe(true);
      await b.close(); // as when the process dies: the server drops its session's locks
      // …as the session's backend exits, a moment after the client is gone: wait for that (at most 5 s).
      let taken = await a.tryLock('slack:T1\u0000C2');
      for (const deadline = Date.now() + 5_000; !taken && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        taken = await a.tryLock('slack:T1\u0000C2');
      }
      expect(taken).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a claim of many rows is one conditional UPDATE (rows locked in id order, those another transaction holds skipped), not a read followed by a write', async () => {
    const queries: string[] = [];
    const client = new PostgresqlClient({ adapter: new PrismaPg({ connectionString: database.url }), log: [{ emit: 'event', level: 'query' }] });
    client.$on('query', (e) => queries.push(e.query));
    try {
      const dueAt = new Date('2026-12-02T09:00:00Z');
      await client.reminder.createMany({ data: ['sql-1', 'sql-2', 'sql-3'].map((subject) => ({ workspaceId: 'slack:TZ', subject, kind: 'renewal', step: 'd1', dueAt })) });
      const rows = await client.reminder.findMany({ where: { subject: { startsWith: 'sql-' } } });
      queries.length = 0;
      expect((await Claim.takeMany(client as unknown as Db, rows, { now: dueAt, realNow: new Date(), leaseMs: 60_000 })).size).toBe(3);
      expect(queries).toHaveLength(1);
      expect(queries[0]).toMatch(/^UPDATE "Reminder" SET "status" = 'sending'.* WHERE "id" IN \(SELECT "id" FROM "Reminder" WHERE .*"status" = 'planned'.* ORDER BY "id" FOR UPDATE SKIP LOCKED\)/s);
    } finally {
      await client.$disconnect();
    }
  });
});
