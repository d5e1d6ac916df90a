import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { PrismaClient as PostgresqlPrismaClient } from '../generated/prisma-postgresql/client.js';

export type Db = PrismaClient;
/** A Prisma transaction client: the same queries, inside one transaction. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export const DEFAULT_DATABASE_URL = 'file:./data/renewal-desk.db';

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

/**
 * @prisma/adapter-pg 7.10 writes instants as text without an offset and reads timestamptz values by
 * relabelling the offset the server sends as +00:00 (prisma/orm#26786): both are right only when the
 * session time zone is UTC. A server whose default time zone is not UTC would shift every instant
 * by its offset, so every connection asks for UTC sessions (added to any `options` of the url).
 */
export function withUtcSessions(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const options = url.searchParams.get('options');
  url.searchParams.set('options', [options, '-c TimeZone=UTC'].filter(Boolean).join(' '));
  return url.toString();
}
