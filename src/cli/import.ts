import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { isUniqueViolation } from '../store/unique-violation.js';
import { dayIn } from '../domain/zoned-time.js';
import { ensureWorkspaceDirect, existingNames, NAMES_PER_QUERY, soleWorkspaceId } from '../store/contract-import.js';
import { insertContracts, type NewContract } from '../store/contract-batch.js';
import { openDirectConnection, type DirectConnection } from '../store/direct-connection.js';
import type { Platform, Workspace } from '../store/workspaces.js';
import { EXAMPLE_ROWS, RowValidator } from './import-rows.js';
import { progress, type ProgressStream } from './progress.js';

/** Problems printed at most (the total is always given). */
const PRINTED_PROBLEMS = 50;
const CONTRACTS_PER_BATCH = 1_000;
/** Smaller files finish before a progress display would help. */
const PROGRESS_MIN_ROWS = 1_000;
const PROGRESS_MIN_BYTES = 100_000;

/** A refusal in our words: printed as it is, nothing stored. */
class ImportRefused extends Error {}

interface CsvRow {
  record: Record<string, string>;
  /** The line the record ends on (a quoted cell may span lines). */
  line: number;
  cells: number;
  bytes: number;
}

interface CsvSource {
  rows: AsyncIterable<CsvRow>;
  /** The lower-cased header, once the first line is read (null for an empty file). */
  header: () => string[] | null;
  /** A hash of the bytes read: the second pass must read the same file the first one checked. */
  digest: () => string;
}

function csvProblem(file: string, error: unknown): Error {
  if (!(error instanceof CsvError)) return error as Error;
  const at = `${file}: not valid CSV at line ${(error as CsvError & { lines?: number }).lines ?? '?'}`;
  const why: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
    CSV_INVALID_CLOSING_QUOTE: 'a quote closes in the middle of a cell (write a quote inside a quoted cell as "")',
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows the closing quote of a cell',
  };
  return new ImportRefused(`${at}: ${why[error.code] ?? 'the file cannot be read as comma-separated values'}; nothing was imported.`);
}

/** The file's rows, parsed as they are read (never the whole file in memory). */
function readCsv(file: string): CsvSource {
  let header: string[] | null = null;
  const hash: Hash = createHash('sha256');
  const source = createReadStream(file);
  source.on('data', (chunk) => hash.update(chunk));
  const parser = parse({
    columns: (names: string[]) => (header = names.map((h) => h.trim().toLowerCase())),
    info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, trim: true, bom: true,
  });
  pipeline(source, parser, () => undefined);
  async function* rows(): AsyncGenerator<CsvRow> {
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; index: number; bytes: number } }>) {
        yield { record, line: info.lines, cells: info.index, bytes: info.bytes };
      }
    } catch (error) {
      throw csvProblem(file, error);
    }
  }
  return { rows: rows(), header: () => header, digest: () => hash.digest('hex') };
}

interface Checked {
  rows: number;
  digest: string;
  /** Per workspace: each name key and the line it is on; all that is kept of a row. */
  names: Map<string, Map<string, number>>;
}

class Problems {
  readonly shown: string[] = [];
  count = 0;
  add(problem: string): void {
    this.count += 1;
    if (this.shown.length < PRINTED_PROBLEMS) this.shown.push(problem);
  }
  report(file: string, what: string): string {
    const more = this.count > this.shown.length ? ` (the first ${this.shown.length} are shown)` : '';
    return `${file}: nothing was imported. ${what.replace('N', String(this.count))}${more}:\n${this.shown.map((p) => `  ${p}`).join('\n')}`;
  }
}

/** First pass: every row is validated; a problem anywhere means nothing is stored. */
async function checkFile(file: string, validator: RowValidator, stderr: ProgressStream, size: number): Promise<Checked> {
  const csv = readCsv(file);
  const problems = new Problems();
  const names = new Map<string, Map<string, number>>();
  const shown = progress(stderr, 'checking ', size, { minTotal: PROGRESS_MIN_BYTES });
  let rows = 0;
  let headerChecked = false;
  const checkHeader = () => {
    headerChecked = true;
    const header = csv.header();
    if (!header) throw new ImportRefused(`${file} is empty: its first line must name the columns.\n${EXAMPLE_ROWS}`);
    const wrong = validator.headerProblems(header);
    if (wrong.length > 0) throw new ImportRefused(`${file}: nothing was imported.\n${wrong.map((p) => `  ${p}`).join('\n')}\n${EXAMPLE_ROWS}`);
  };
  for await (const { record, line, cells, bytes } of csv.rows) {
    if (!headerChecked) checkHeader();
    rows += 1;
    shown.update(bytes, rows);
    const header = csv.header()!;
    const result = validator.row(record);
    const rowProblems = result.ok ? [] : [...result.problems];
    if (cells !== header.length) rowProblems.unshift(`has ${cells} cells, the header has ${header.length}`);
    if (result.ok) {
      const inWorkspace = names.get(result.workspaceId) ?? names.set(result.workspaceId, new Map()).get(result.workspaceId)!;
      const key = result.contract.data.nameKey;
      const earlier = inWorkspace.get(key);
      if (earlier !== undefined) rowProblems.push(`name "${result.contract.data.name}" repeats line ${earlier}`);
      else inWorkspace.set(key, line);
    }
    if (rowProblems.length > 0) problems.add(`line ${line}: ${rowProblems.join('; ')}`);
  }
  if (!headerChecked) checkHeader();
  shown.finish(rows);
  if (problems.count > 0) throw new ImportRefused(`${problems.report(file, 'Fix these N problem(s)')}\n${EXAMPLE_ROWS}`);
  return { rows: rows, digest: csv.digest(), names };
}

/** Names that exist already, looked up a chunk at a time. */
async function refuseExistingNames(conn: DirectConnection, file: string, names: Checked['names']): Promise<void> {
  const problems = new Problems();
  for (const [workspaceId, keys] of names) {
    const all = [...keys.keys()];
    for (let i = 0; i < all.length; i += NAMES_PER_QUERY) {
      const existing = await existingNames(conn, workspaceId, all.slice(i, i + NAMES_PER_QUERY));
      for (const e of existing) problems.add(`line ${keys.get(e.nameKey)}: "${e.name}" already exists in ${workspaceId}`);
    }
  }
  if (problems.count > 0) {
    throw new ImportRefused(problems.report(file, 'These N name(s) already exist (names are unique per workspace, case-insensitively)'));
  }
}

/** Second pass, in one transaction on a connection of its own: the checked rows, stored a batch at a time. */
async function storeFile(conn: DirectConnection, file: string, validator: RowValidator, checked: Checked, stderr: ProgressStream, defaultTimezone: string, now: Date): Promise<void> {
  const changed = () => new ImportRefused(`${file} changed while it was being imported; nothing was imported. Run the import again.`);
  await conn.transaction(async () => {
    const csv = readCsv(file);
    const shown = progress(stderr, 'importing', checked.rows, { minTotal: PROGRESS_MIN_ROWS });
    const workspaces = new Map<string, { workspace: Workspace; today: string }>();
    let batch: NewContract[] = [];
    let stored = 0;
    const flush = async () => {
      await insertContracts(conn, batch, now);
      stored += batch.length;
      batch = [];
      shown.update(stored, stored);
    };
    for await (const { record } of csv.rows) {
      const result = validator.row(record);
      if (!result.ok) throw changed();
      let known = workspaces.get(result.workspaceId);
      if (!known) {
        const workspace = await ensureWorkspaceDirect(conn, result.workspaceId, result.workspaceId.split(':')[0] as Platform, defaultTimezone, now);
        known = { workspace, today: dayIn(now, workspace.timezone) };
        workspaces.set(result.workspaceId, known);
      }
      batch.push({ data: result.contract.data, workspace: known.workspace, today: known.today });
      if (batch.length === CONTRACTS_PER_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    if (stored !== checked.rows || csv.digest() !== checked.digest) throw changed();
    shown.finish(stored);
  });
}

/**
 * Adds every contract of a CSV file, or none. The file is read as a stream twice: first every row is
 * validated (problems name their line) and only the names are kept, then existing names are looked
 * up in chunks, then one transaction stores the rows in batches, through the driver (bulk-transaction.ts).
 */
export async function importContracts(databaseUrl: string, file: string, defaultTimezone: string, now = new Date(), workspaceOption?: string, stderr: ProgressStream = process.stderr): Promise<number> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    console.error(`Cannot read ${file}: give the path of a CSV file, such as renewal-desk import contracts.csv`);
    return 1;
  }
  let conn: DirectConnection | undefined;
  try {
    conn = await openDirectConnection(databaseUrl);
    // With no workspace column and no --workspace, a database with a single workspace implies it.
    const validator = new RowValidator(dayIn(now, defaultTimezone), workspaceOption ?? (await soleWorkspaceId(conn)));
    const checked = await checkFile(file, validator, stderr, size);
    await refuseExistingNames(conn, file, checked.names);
    await storeFile(conn, file, validator, checked, stderr, defaultTimezone, now);
    console.log(`imported ${checked.rows} contract(s) from ${file}`);
    return 0;
  } catch (error) {
    if (error instanceof ImportRefused) console.error(error.message);
    else {
      // A driver's (or any library's) text is not ours to show: it stays behind LOG_LEVEL=debug.
      console.error(
        isUniqueViolation(error)
          ? `${file}: nothing was imported: a contract with one of these names was added while the import ran. Run the import again to see which.`
          : `${file}: nothing was imported: the database could not store the contracts. Run again with LOG_LEVEL=debug for the details.`,
      );
      if (process.env['LOG_LEVEL'] === 'debug') console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    return 1;
  } finally {
    await conn?.close();
  }
}
