import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Db } from '../store/client.js';
import { contractPages, type Contract } from '../store/contracts.js';
import { neutraliseFormula } from './csv-cells.js';

export const EXPORT_COLUMNS = ['workspace', 'name', 'vendor', 'services', 'start', 'end', 'notice', 'renewal', 'term', 'value', 'currency', 'per', 'tier', 'owner', 'channel', 'departments', 'status'] as const;

/** Contracts read per query: memory stays flat whatever the number of contracts. */
const PAGE_SIZE = 500;

/** Text cells are neutralised (a name like "=Cloud" or "-Cloud" is not a formula); numbers are written as they are. */
function cells(c: Contract): (string | number)[] {
  const text = (s: string | null) => neutraliseFormula(s ?? '');
  return [
    text(c.workspaceId), text(c.name), text(c.vendor), text(c.services), text(c.start), text(c.end), `${c.noticeDays}d`, text(c.renewal), `${c.termMonths}m`,
    c.value ?? '', text(c.currency), text(c.per), c.tier, text(c.ownerId), text(c.channelId), text(c.departments), text(c.status),
  ];
}

async function* contractRows(db: Db, workspaceId: string | undefined): AsyncGenerator<(string | number)[]> {
  for await (const page of contractPages(db, workspaceId, PAGE_SIZE)) {
    for (const contract of page) yield cells(contract);
  }
}

/**
 * Every contract as CSV, in the columns `import` reads (plus status). Streamed: the next page is read
 * only when `out` has taken the previous one.
 */
export async function exportContracts(db: Db, out: NodeJS.WritableStream, workspaceId?: string): Promise<void> {
  try {
    await pipeline(Readable.from(contractRows(db, workspaceId)), stringify({ header: true, columns: [...EXPORT_COLUMNS] }), out, { end: false });
  } catch (error) {
    // The reader went away (`renewal-desk export | head`): it has what it wanted.
    if ((error as { code?: string }).code !== 'EPIPE') throw error;
  }
}
