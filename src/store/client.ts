import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.js';
import { PrismaClient as PostgresqlPrismaClient } from '../generated/prisma-postgresql/client.js';
import { DEFAULT_DATABASE_URL, withUtcSessions } from './database-url.js';
import { pgAdapterClass } from './pg-adapter.js';

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
    const PrismaPg = pgAdapterClass();
    const adapter = new PrismaPg({ connectionString: withUtcSessions(databaseUrl), connectionTimeoutMillis: 10_000 });
    return new PostgresqlPrismaClient({ adapter }) as unknown as Db;
  }
  // Several processes may share one SQLite file: wait for a lock instead of failing at once.
  const adapter = new WalSqlite({ url: databaseUrl, timeout: 15_000 });
  const client = new PrismaClient({ adapter });
  connections.set(client, adapter);
  return client;
}

/** A statement prepared once on a SQLite client's own connection. */
export interface PreparedStatement {
  run(...values: unknown[]): { changes: number };
}

const connections = new WeakMap<Db, WalSqlite>();

/**
 * For the statement a pass runs for every post (recording it sent): the SQLite connection Prisma
 * uses, the statement prepared once, without Prisma's per-statement work (a tenth of the time). On
 * the same connection as every other query, so it takes part in whatever Prisma is doing there.
 * Null on PostgreSQL (a network round trip costs more than Prisma's work), or if the driver adapter
 * no longer exposes its connection.
 */
export function preparedOnConnection(db: Db, sql: string): PreparedStatement | null {
  return connections.get(db)?.prepared(sql) ?? null;
}

/**
 * SQLite in write-ahead-log mode with `synchronous=NORMAL`: a commit is one append to the log instead
 * of two or three fsyncs of a rollback journal (0.15 ms instead of 2–12 ms for the update that records
 * a reminder as sent), and readers never wait for the writer. A process that dies (even `kill -9`)
 * loses nothing committed; a power cut or an OS crash may roll back the last commits (README,
 * "Running several instances").
 */
class WalSqlite extends PrismaBetterSqlite3 {
  private connection: { prepare(sql: string): PreparedStatement } | null = null;
  private readonly statements = new Map<string, PreparedStatement>();

  prepared(sql: string): PreparedStatement | null {
    if (!this.connection) return null;
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.connection.prepare(sql)));
    return statement;
  }

  override async connect(): ReturnType<PrismaBetterSqlite3['connect']> {
    const adapter = await super.connect();
    const connection = (adapter as unknown as { client?: { prepare?: unknown } }).client;
    this.statements.clear();
    this.connection = typeof connection?.prepare === 'function' ? (connection as { prepare(sql: string): PreparedStatement }) : null;
    try {
      // Persistent in the file; fails only while another process holds a lock, and is then retried next time.
      await adapter.executeScript('PRAGMA journal_mode = WAL');
    } catch {
      // A rollback journal still works, only slower.
    }
    await adapter.executeScript('PRAGMA synchronous = NORMAL');
    return adapter;
  }
}
