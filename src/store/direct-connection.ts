import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { instantText, placeholders, type Cell, type Columns, type Provider, type RowWriter } from './bulk-insert.js';
import { parseDatabaseUrl, withUtcSessions } from './database-url.js';
import { UniqueViolation } from './unique-violation.js';

/**
 * A connection through the database driver itself, without Prisma, for the CLI's heavy and its
 * frequent work: an import of 100,000 contracts writes about 900,000 rows, and Prisma's per-statement
 * work (its parameter handling, its debug ring holding each chunk, its query compiler in memory)
 * doubled the time and the memory of the database's own work; a `tick` checks the migrations at
 * every start. SQL is written with `?` placeholders for both databases.
 */
export interface DirectConnection extends RowWriter {
  readonly provider: Provider;
  rows<T>(sql: string, values?: readonly unknown[]): Promise<T[]>;
  run(sql: string, values?: readonly unknown[]): Promise<void>;
  /** Everything `work` writes is committed together, or nothing is. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const SQLITE_BUSY_TIMEOUT_MS = 15_000;

export async function openDirectConnection(databaseUrl: string): Promise<DirectConnection> {
  const database = parseDatabaseUrl(databaseUrl);
  return database.provider === 'sqlite' ? openSqlite(database.path) : openPostgres(database.url);
}

const columnList = (columns: Columns) => columns.map(([name]) => `"${name}"`).join(', ');
const uniqueCodes = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

function uniqueViolationOr(error: unknown, table: string): unknown {
  return uniqueCodes.has((error as { code?: string }).code ?? '') ? new UniqueViolation(table) : error;
}

async function openSqlite(path: string): Promise<DirectConnection> {
  const { default: Sqlite } = await import('better-sqlite3');
  const db = new Sqlite(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  const prepared = new Map<string, ReturnType<typeof db.prepare>>();
  const statement = (sql: string) => prepared.get(sql) ?? prepared.set(sql, db.prepare(sql)).get(sql)!;
  return {
    provider: 'sqlite',
    async rows<T>(sql: string, values: readonly unknown[] = []) {
      return statement(sql).all([...values]) as T[];
    },
    async run(sql, values = []) {
      statement(sql).run([...values]);
    },
    // Row by row through one prepared statement: SQLite parses nothing per row, the driver no JSON.
    async insert(table, columns, rows) {
      const insert = statement(`INSERT INTO "${table}" (${columnList(columns)}) VALUES (${columns.map(() => '?').join(', ')})`);
      const instants = instantText('sqlite');
      try {
        for (const row of rows) insert.run(row.map((cell) => (cell instanceof Date ? instants(cell) : cell)));
      } catch (error) {
        throw uniqueViolationOr(error, table);
      }
    },
    async transaction(work) {
      // IMMEDIATE: the write lock is taken now (waiting for another writer), not at the first insert.
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
    async close() {
      db.close();
    },
  };
}

/** COPY text written to the socket at a time. */
const COPY_CHUNK_CHARS = 64 * 1024;

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Text in COPY's text format: backslash, tab and line breaks escaped. */
function copyText(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : text;
}

/** Each column's cells in COPY's text format (\\N is null); only text can need escaping. */
function copyEncoders(columns: Columns): ((cell: Cell) => string)[] {
  const instants = instantText('postgresql');
  return columns.map(([, type]) => (cell: Cell) => {
    if (cell === null) return '\\N';
    if (cell instanceof Date) return instants(cell);
    return type === 'text' ? copyText(String(cell)) : String(cell);
  });
}

async function openPostgres(url: string): Promise<DirectConnection> {
  const [{ default: pg }, { from: copyFrom }] = await Promise.all([import('pg'), import('pg-copy-streams')]);
  const client = new pg.Client({ connectionString: withUtcSessions(url), connectionTimeoutMillis: 10_000 });
  await client.connect();
  return {
    provider: 'postgresql',
    async rows<T>(sql: string, values: readonly unknown[] = []) {
      return (await client.query(placeholders(sql, 'postgresql'), [...values])).rows as T[];
    },
    async run(sql, values = []) {
      await client.query(placeholders(sql, 'postgresql'), [...values]);
    },
    // COPY: the server parses plain text, the fastest way in (rows as jsonb took twice as long).
    async insert(table, columns, rows) {
      if (rows.length === 0) return;
      const copy = client.query(copyFrom(`COPY "${table}" (${columnList(columns)}) FROM STDIN`));
      const done = finished(copy);
      const encoders = copyEncoders(columns);
      try {
        let text = '';
        for (const row of rows) {
          text += `${row.map((cell, i) => encoders[i]!(cell)).join('\t')}\n`;
          if (text.length >= COPY_CHUNK_CHARS) {
            if (!copy.write(text)) await Promise.race([once(copy, 'drain'), done]);
            text = '';
          }
        }
        copy.end(text);
        await done;
      } catch (error) {
        throw uniqueViolationOr(error, table);
      }
    },
    async transaction(work) {
      await client.query('BEGIN');
      try {
        const result = await work();
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}
