import type { Tx } from './client.js';
import { UniqueViolation } from './unique-violation.js';

/**
 * Many rows in few statements. Prisma's createMany costs about half a millisecond per row here (its
 * query plan splits the rows into statements of at most 999 parameters on SQLite, and interprets
 * each), which made a 100,000-contract import (900,000 rows with the reminder ledger and the audit
 * trail) take minutes. A `RowWriter` takes rows as cells in column order; inside a Prisma
 * transaction (`prismaRowWriter`) each chunk goes as one JSON parameter that the database unpacks
 * itself, and an import writes through the driver itself (bulk-transaction.ts).
 */
export type ColumnType = 'text' | 'int' | 'float' | 'instant';
export type Columns = readonly (readonly [name: string, type: ColumnType])[];
export type Cell = string | number | Date | null;

export type Provider = 'sqlite' | 'postgresql';

export interface RowWriter {
  /** Inserts the rows (cells in the order of `columns`); a duplicate key throws UniqueViolation. */
  insert(table: string, columns: Columns, rows: readonly (readonly Cell[])[]): Promise<void>;
  /** One statement with `?` placeholders, in the same transaction. */
  run(sql: string, values?: readonly Cell[]): Promise<void>;
}

/**
 * Rows per statement through Prisma. Prisma's debug module keeps the arguments of its last 100 log
 * calls even when logging is off, each chunk's JSON among them: on SQLite 2,000-row chunks kept
 * ~100 MiB alive during a large import, 250-row chunks ~12 MiB, no slower. On PostgreSQL each
 * statement costs ~5 ms more besides its rows, so its chunks are larger.
 */
const ROWS_PER_STATEMENT: Record<Provider, number> = { sqlite: 250, postgresql: 1_000 };

/** `?` placeholders as PostgreSQL's `$1, $2…` (SQL written here has no `?` anywhere else). */
export function placeholders(sql: string, provider: Provider): string {
  if (provider === 'sqlite') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${(n += 1)}`);
}

/** Which database a client talks to (Prisma knows it; its own raw-SQL placeholders depend on it). */
export function providerOf(db: Tx): Provider {
  const provider = (db as { _activeProvider?: string })._activeProvider;
  if (provider === 'sqlite' || provider === 'postgresql') return provider;
  throw new Error(`bulk insert: unsupported database provider ${provider}`);
}

function isRawUniqueViolation(error: unknown): boolean {
  const meta = (error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } }) ?? {};
  return meta.code === 'P2010' && meta.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation';
}

/** An instant as each adapter writes it: SQLite keeps Prisma's ISO text form (it compares them as text). */
export function instantAsText(instant: Date, provider: Provider): string {
  return provider === 'sqlite' ? instant.toISOString().replace('Z', '+00:00') : instant.toISOString();
}

export function encodeCell(cell: Cell, provider: Provider): string | number | null {
  return cell instanceof Date ? instantAsText(cell, provider) : cell;
}

/**
 * `instantAsText` remembering recent answers: an import's rows share a few instants (the clock's,
 * due times at the same hour of the same days), and formatting each was a tenth of its time.
 */
export function instantText(provider: Provider, remembered = 10_000): (instant: Date) => string {
  const known = new Map<number, string>();
  return (instant) => {
    const time = instant.getTime();
    let text = known.get(time);
    if (text === undefined) {
      if (known.size >= remembered) known.clear();
      text = instantAsText(instant, provider);
      known.set(time, text);
    }
    return text;
  };
}

/** One statement that inserts every element of a JSON array of rows (SQLite: `?`, PostgreSQL: `$1`). */
export function jsonRowsStatement(table: string, columns: Columns, provider: Provider): string {
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  if (provider === 'sqlite') {
    return `INSERT INTO "${table}" (${names}) SELECT ${columns.map((_, i) => `value->>${i}`).join(', ')} FROM json_each(?)`;
  }
  // jsonb is parsed once; json would be parsed again at every ->>.
  const cast: Record<ColumnType, string> = { text: '', int: '::integer', float: '::double precision', instant: '::timestamptz' };
  return `INSERT INTO "${table}" (${names}) SELECT ${columns.map(([, type], i) => `(v->>${i})${cast[type]}`).join(', ')} FROM jsonb_array_elements($1::jsonb) AS v`;
}

/** The rows as one JSON array, instants encoded for `provider`. */
export function jsonRows(rows: readonly (readonly Cell[])[], provider: Provider): string {
  return JSON.stringify(rows.map((row) => row.map((cell) => encodeCell(cell, provider))));
}

/** Writes in the caller's Prisma transaction (the one-contract path, `/contract add` and the form). */
export function prismaRowWriter(tx: Tx): RowWriter {
  const provider = providerOf(tx);
  return {
    async run(sql, values = []) {
      await tx.$executeRawUnsafe(placeholders(sql, provider), ...values.map((cell) => encodeCell(cell, provider)));
    },
    async insert(table, columns, rows) {
      const sql = jsonRowsStatement(table, columns, provider);
      const size = ROWS_PER_STATEMENT[provider];
      for (let i = 0; i < rows.length; i += size) {
        try {
          await tx.$executeRawUnsafe(sql, jsonRows(rows.slice(i, i + size), provider));
        } catch (error) {
          if (isRawUniqueViolation(error)) throw new UniqueViolation(table);
          throw error;
        }
      }
    },
  };
}
