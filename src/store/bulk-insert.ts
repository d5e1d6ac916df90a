import type { Tx } from './client.js';

/**
 * Many rows in one statement, for imports. Prisma's createMany costs about half a millisecond per row
 * here (its query plan splits the rows into statements of at most 999 parameters on SQLite, and
 * interprets each), which made a 100,000-contract import (900,000 rows with the reminder ledger and
 * the audit trail) take minutes. This sends each chunk as one JSON parameter that the database
 * unpacks itself (SQLite's json_each, PostgreSQL's jsonb_array_elements: jsonb is parsed once, json at every ->>): one statement, one parameter.
 */
export type ColumnType = 'text' | 'int' | 'float' | 'instant';
export type Columns = readonly (readonly [name: string, type: ColumnType])[];
type Cell = string | number | Date | null;

export type Provider = 'sqlite' | 'postgresql';

/**
 * Rows per statement. Prisma's debug module keeps the arguments of its last 100 log calls even when
 * logging is off, each chunk's JSON among them: on SQLite 2,000-row chunks kept ~100 MiB alive during
 * a large import (peak 573 MiB for 100,000 contracts), 250-row chunks ~12 MiB (436 MiB), no slower.
 * On PostgreSQL each statement costs ~5 ms more besides its rows, so its chunks are larger (20,000
 * contracts: 17 s with 250 rows, 14 s with 1,000).
 */
const ROWS_PER_STATEMENT: Record<Provider, number> = { sqlite: 250, postgresql: 1_000 };

/** Which database a client talks to (Prisma knows it; its own raw-SQL placeholders depend on it). */
export function providerOf(db: Tx): Provider {
  const provider = (db as { _activeProvider?: string })._activeProvider;
  if (provider === 'sqlite' || provider === 'postgresql') return provider;
  throw new Error(`bulk insert: unsupported database provider ${provider}`);
}

/** A unique key conflict, with the code Prisma gives the same conflict outside raw SQL (callers check P2002). */
export class UniqueViolation extends Error {
  readonly code = 'P2002';
  constructor(readonly table: string) {
    super(`unique constraint violated on ${table}`);
  }
}

function isRawUniqueViolation(error: unknown): boolean {
  const meta = (error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } }) ?? {};
  return meta.code === 'P2010' && meta.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation';
}

/** Instants as each adapter writes them: SQLite keeps Prisma's ISO text form (it compares them as text). */
function encode(cell: Cell, provider: Provider): string | number | null {
  if (!(cell instanceof Date)) return cell;
  return provider === 'sqlite' ? cell.toISOString().replace('Z', '+00:00') : cell.toISOString();
}

function statement(table: string, columns: Columns, provider: Provider): string {
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  if (provider === 'sqlite') {
    return `INSERT INTO "${table}" (${names}) SELECT ${columns.map((_, i) => `value->>${i}`).join(', ')} FROM json_each(?)`;
  }
  const cast: Record<ColumnType, string> = { text: '', int: '::integer', float: '::double precision', instant: '::timestamptz' };
  return `INSERT INTO "${table}" (${names}) SELECT ${columns.map(([, type], i) => `(v->>${i})${cast[type]}`).join(', ')} FROM jsonb_array_elements($1::jsonb) AS v`;
}

/** Inserts the rows (cells in the order of `columns`) in chunks, in the caller's transaction. */
export async function bulkInsert(tx: Tx, table: string, columns: Columns, rows: readonly (readonly Cell[])[]): Promise<void> {
  const provider = providerOf(tx);
  const sql = statement(table, columns, provider);
  const size = ROWS_PER_STATEMENT[provider];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size).map((row) => row.map((cell) => encode(cell, provider)));
    try {
      await tx.$executeRawUnsafe(sql, JSON.stringify(chunk));
    } catch (error) {
      if (isRawUniqueViolation(error)) throw new UniqueViolation(table);
      throw error;
    }
  }
}
