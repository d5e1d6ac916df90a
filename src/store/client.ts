import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { PrismaClient as PostgresqlPrismaClient } from '../generated/prisma-postgresql/client.js';
import { DEFAULT_DATABASE_URL, withUtcSessions } from './database-url.js';

export { DEFAULT_DATABASE_URL, withUtcSessions };

export type Db = PrismaClient;
/** A Prisma transaction client: the same queries, inside one transaction. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;


export function isPostgresqlUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//.test(databaseUrl);
}

/**
 * A client for `file:` (SQLite) or `postgresql://` urls. Both clients are generated from
 * prisma/schema.prisma (the PostgreSQL one from the datamodel derived from it, see
 * scripts/schema-variants.mjs), so they have the same models and queries; the store is written
 * against the SQLite client's types and uses only what both databases support.
 */
export function openDatabase(databaseUrl: string): Db {
  if (isPostgresqlUrl(databaseUrl)) {
    // The adapter listens for errors of idle pooled connections (a server restart does not crash
    // the process; the pool reconnects on the next query). pg waits for a connection for ever by
    // default: a server that stops answering fails the query after 10 s instead.
    const adapter = new PrismaPg({ connectionString: withUtcSessions(databaseUrl), connectionTimeoutMillis: 10_000 });
    return new PostgresqlPrismaClient({ adapter }) as unknown as Db;
  }
  // Several processes may share one SQLite file: wait for a lock instead of failing at once.
  const adapter = new PrismaBetterSqlite3({ url: databaseUrl, timeout: 15_000 });
  return new PrismaClient({ adapter });
}
