// The driver adapters the schema engine runs on, adjusted to behave like the native engine's own
// connections where Prisma 7.10's adapters differ (each adjustment says why).
import type { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type pg from 'pg';
import type { AdapterFactory } from './schema-engine.js';

export type Database = { provider: 'sqlite'; path: string } | { provider: 'postgresql'; url: string };

type Query = { sql: string; args: unknown[]; argTypes: unknown[] };
type Connection = { executeRaw(q: Query): Promise<number>; executeScript(script: string): Promise<void>; dispose(): Promise<void> };

/** An adapter factory for the engine: SQLite shadow databases live in memory, PostgreSQL ones on the server. */
export async function adapterFactoryFor(db: Database): Promise<AdapterFactory> {
  return db.provider === 'sqlite' ? sqliteFactory(db.path) : pgFactory(db.url);
}

async function sqliteFactory(path: string): Promise<AdapterFactory> {
  const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
  // The native engine (quaint + rusqlite) writes `_prisma_migrations` timestamps as Unix epoch
  // milliseconds; the adapter writes ISO text unless told otherwise.
  const url = path === ':memory:' ? ':memory:' : `file:${path}`;
  const factory = new PrismaBetterSqlite3({ url, timeout: 15_000 }, { timestampFormat: 'unixepoch-ms' });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    // The engine replays each migration into the shadow database with executeRaw, which
    // better-sqlite3 refuses for more than one statement: run those whole, with exec().
    connectToShadowDb: async () => {
      const shadow = (await factory.connectToShadowDb()) as unknown as Connection;
      const executeRaw = shadow.executeRaw.bind(shadow);
      return Object.assign(shadow, {
        executeRaw: (q: Query) => (q.args.length ? executeRaw(q) : shadow.executeScript(q.sql).then(() => 0)),
      });
    },
  };
}

async function pgFactory(url: string): Promise<AdapterFactory> {
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const config = pgPoolConfig(url);
  const main = new PrismaPg(config);
  // The adapter's executeScript splits the script on ';' (breaking literals and function bodies)
  // and runs the pieces one by one. A parameterless query goes through pg's simple protocol, which
  // runs the whole script in one implicit transaction, as the native engine does.
  const wholeScripts = (conn: object) => {
    const c = conn as Connection;
    return Object.assign(c, { executeScript: (sql: string) => c.executeRaw({ sql, args: [], argTypes: [] }).then(() => undefined) });
  };
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => wholeScripts(await main.connect()),
    // PrismaPg 7.10 drops its shadow database while still connected to it (which fails) and never
    // closes the pool it created it with: do both here, in order.
    connectToShadowDb: async () => {
      const admin = await main.connect();
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await admin.executeScript(`CREATE DATABASE "${name}"`);
      const shadow = wholeScripts(await new PrismaPg({ ...config, database: name }).connect());
      const close = shadow.dispose.bind(shadow);
      return Object.assign(shadow, {
        dispose: async () => {
          await close();
          await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`).finally(() => admin.dispose());
        },
      });
    },
  };
}

/**
 * Pool settings for the engine's PostgreSQL connections, with the adapter's own `pg`:
 * - one session, as the native engine: its pg_advisory_lock then guards the whole run;
 * - discrete fields, not `connectionString`, which pg lets override `database` (PrismaPg's own
 *   shadow database, `{ ...config, database }`, thus lands in the database named by the url);
 * - a Client that presents columns of the catalog type "char" (oid 18, e.g. pg_class.relkind) as
 *   text: @prisma/adapter-pg 7.10 cannot map them, so introspection (every diff) fails with
 *   "Column type 'char' could not be deserialized from the database".
 */
function pgPoolConfig(url: string): pg.PoolConfig {
  const fromAdapter = createRequire(createRequire(import.meta.url).resolve('@prisma/adapter-pg'));
  const { Client } = fromAdapter('pg') as typeof pg;
  const { parse } = createRequire(fromAdapter.resolve('pg'))('pg-connection-string') as { parse(url: string): object };
  type RowDescription = { fields: { dataTypeID: number }[] };
  class CatalogClient extends Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      (this as unknown as { connection: EventEmitter }).connection.prependListener('rowDescription', (msg: RowDescription) => {
        for (const field of msg.fields) if (field.dataTypeID === 18) field.dataTypeID = 25;
      });
    }
  }
  return { ...(parse(url) as pg.PoolConfig), max: 1, idleTimeoutMillis: 0, Client: CatalogClient };
}
