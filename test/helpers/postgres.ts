import { randomBytes } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';

/**
 * PostgreSQL for tests. `TEST_POSTGRES_URL` names a server where tests may create and drop databases
 * (e.g. postgresql://postgres@127.0.0.1:5432/postgres; `.ci/run` starts one). Without it the
 * PostgreSQL-only tests skip. `TEST_DATABASE=postgresql` runs the bot-level tests (startTestBot) on
 * PostgreSQL too, each bot on a fresh database that is dropped afterwards.
 */
export const postgresServerUrl: string | null = process.env.TEST_POSTGRES_URL?.trim() || null;

export const SKIP_WITHOUT_POSTGRES = 'needs PostgreSQL: set TEST_POSTGRES_URL=postgresql://… (a server where tests may create databases; .ci/run starts one)';

/** Which database startTestBot uses: `TEST_DATABASE=postgresql` (with TEST_POSTGRES_URL) or SQLite. */
export function testDatabaseKind(): 'sqlite' | 'postgresql' {
  const wanted = process.env.TEST_DATABASE?.trim().toLowerCase() || 'sqlite';
  if (wanted === 'sqlite') return 'sqlite';
  if (wanted !== 'postgresql') throw new Error(`TEST_DATABASE must be sqlite or postgresql, not ${wanted}`);
  if (!postgresServerUrl) throw new Error(`TEST_DATABASE=postgresql ${SKIP_WITHOUT_POSTGRES}`);
  return 'postgresql';
}

async function onServer(sql: string): Promise<void> {
  const adapter = await new PrismaPg({ connectionString: postgresServerUrl!, max: 1 }).connect();
  try {
    await adapter.executeScript(sql);
  } finally {
    await adapter.dispose();
  }
}

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** A new, empty database on the test server, with a random name; `drop` removes it (connections or not). */
export async function createPostgresDatabase(prefix = 'renewal_desk_test'): Promise<TestDatabase> {
  if (!postgresServerUrl) throw new Error(SKIP_WITHOUT_POSTGRES);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/**
 * A fresh database of the kind the tests run on: a new PostgreSQL database with
 * TEST_DATABASE=postgresql, else a SQLite file in `dir`.
 */
export async function createTestDatabase(dir: string): Promise<TestDatabase> {
  if (testDatabaseKind() === 'postgresql') return createPostgresDatabase();
  return { url: `file:${dir}/test.db`, drop: async () => {} };
}
