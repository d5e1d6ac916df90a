import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.js';

export type Db = PrismaClient;
/** A Prisma transaction client: the same queries, inside one transaction. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export const DEFAULT_DATABASE_URL = 'file:./data/renewal-desk.db';

export function openDatabase(databaseUrl: string): Db {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('PostgreSQL is not supported by this build yet; use a file: URL (SQLite).');
  }
  // Several processes may share one SQLite file: wait for a lock instead of failing at once.
  const adapter = new PrismaBetterSqlite3({ url: databaseUrl, timeout: 15_000 });
  return new PrismaClient({ adapter });
}
