// DATABASE_URL, checked in one place: its form when the config is loaded (databaseUrlProblem, used
// by config.ts), and whether the database can be opened before migrations run (openableDatabase).
// Every problem is one line that names the variable, says what is wrong and shows correct examples.
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './migration-adapters.js';

export const DEFAULT_DATABASE_URL = 'file:./data/renewal-desk.db';

export const DATABASE_URL_EXAMPLES = 'a SQLite file such as file:./data/renewal-desk.db or a PostgreSQL URL such as postgresql://user:pass@host:5432/db';

/** A database the bot cannot use: the message is for the operator, one line, no password. */
export class DatabaseUrlError extends Error {
  constructor(url: string, problem: string) {
    super(`Renewal Desk cannot open its database: ${describeProblem(url, problem)}`);
  }
}

/** `DATABASE_URL=<url, password masked> <problem>; use <examples>.` */
export function describeProblem(url: string, problem: string): string {
  return `DATABASE_URL=${maskPassword(url)} ${problem}; use ${DATABASE_URL_EXAMPLES}.`;
}

/** The url with the password of its userinfo (`scheme://user:password@`) shown as `***`. */
export function maskPassword(url: string): string {
  const shown = url.replace(/^([a-z][\w+.-]*:\/\/[^/?#@:]*:)[^/?#]*@/i, '$1***@').replace(/([?&]password=)[^&#]*/i, '$1***');
  return shown.length > 120 ? `${shown.slice(0, 117)}…` : shown;
}

const isPostgresql = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/** What is wrong with the form of a DATABASE_URL (no I/O), or null when it names a SQLite file or a PostgreSQL server. */
export function databaseUrlProblem(url: string): string | null {
  if (isPostgresql(url)) {
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      return 'is not a valid PostgreSQL URL';
    }
    return host ? null : 'names no PostgreSQL server (the host is missing)';
  }
  if (url.startsWith('file:')) return sqlitePath(url) ? null : 'names no file (nothing after file:)';
  const scheme = /^([a-z][\w+.-]*):/i.exec(url)?.[1];
  if (scheme) return `uses ${scheme}, which Renewal Desk does not support (SQLite and PostgreSQL only)`;
  return 'is not a database URL';
}

/** `file:./x.db` (relative to the cwd, as Prisma resolves it), `file:/abs/x.db`, `file:///abs/x.db`; null when empty. */
function sqlitePath(url: string): string | null {
  const bare = url.replace(/[?#].*$/, '');
  const rest = bare.slice('file:'.length);
  if (!rest) return null;
  const path = rest.startsWith('//') ? fileURLToPath(bare) : rest;
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}

/** The database a well-formed url names; a malformed one throws DatabaseUrlError. */
export function parseDatabaseUrl(url: string): Database {
  const problem = databaseUrlProblem(url);
  if (problem) throw new DatabaseUrlError(url, problem);
  if (isPostgresql(url)) return { provider: 'postgresql', url };
  return { provider: 'sqlite', path: sqlitePath(url)! };
}

/**
 * Checks that the database of `url` can be opened, so that every start-up problem ends at once with
 * one line instead of a driver's message: SQLite gets its missing folders created and is opened
 * once; PostgreSQL is connected to (within a few seconds).
 */
export async function openableDatabase(url: string): Promise<Database> {
  const db = parseDatabaseUrl(url);
  const problem = db.provider === 'sqlite' ? await sqliteProblem(db.path) : await postgresqlProblem(db.url);
  if (problem) throw new DatabaseUrlError(url, problem);
  return db;
}

async function sqliteProblem(path: string): Promise<string | null> {
  const existing = statOrNull(path);
  if (existing?.isDirectory()) return 'names a folder, not a file';
  const folderProblem = createFolders(dirname(path));
  if (folderProblem) return folderProblem;
  try {
    accessSync(dirname(path), constants.W_OK);
    if (existing) accessSync(path, constants.R_OK | constants.W_OK);
  } catch {
    return `cannot be written: no permission to write in ${existing ? path : dirname(path)}`;
  }
  const { default: Sqlite } = await import('better-sqlite3');
  try {
    const probe = new Sqlite(path, { timeout: 5_000 });
    try {
      probe.pragma('schema_version');
    } finally {
      probe.close();
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') return `names ${path}, which is not a SQLite database`;
    if (code === 'SQLITE_BUSY') return null; // another process holds a lock: the migration run waits for it
    return `cannot be opened or created at ${path} (${code ?? 'unknown error'})`;
  }
  return null;
}

/**
 * Creates the missing folders of `folder` one level at a time. Node's `mkdirSync(…, { recursive: true })`
 * loops forever when mkdir answers ENOENT for a folder whose parent exists (under /proc, on some
 * network and FUSE mounts), which used to hang start-up; here every failure ends with a reason.
 */
function createFolders(folder: string): string | null {
  const missing: string[] = [];
  let at = folder;
  for (let stat = statOrNull(at); !stat; stat = statOrNull(at)) {
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) return `cannot be created: ${at} does not exist`;
    at = parent;
  }
  if (!statOrNull(at)!.isDirectory()) return `cannot be created: ${at} is a file, not a folder`;
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EEXIST' && statOrNull(dir)?.isDirectory()) continue; // another process made it
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `cannot be created: no permission to create the folder ${dir}`;
      return `cannot be created: the folder ${dir} cannot be made (${code ?? 'unknown error'})`;
    }
  }
  return null;
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

const CONNECT_TIMEOUT_MS = 5_000;

async function postgresqlProblem(url: string): Promise<string | null> {
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const { hostname, port, pathname } = new URL(url);
  const server = `${hostname}:${port || 5432}`;
  let adapter: Awaited<ReturnType<InstanceType<typeof PrismaPg>['connect']>> | undefined;
  try {
    adapter = await new PrismaPg({ connectionString: url, max: 1, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }).connect();
    await adapter.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] });
    return null;
  } catch (error) {
    const kind = (error as { cause?: { kind?: string } }).cause?.kind;
    if (kind === 'DatabaseDoesNotExist') return `names the database ${decodeURIComponent(pathname.slice(1))}, which does not exist on ${server}`;
    if (kind === 'AuthenticationFailed' || kind === 'DatabaseAccessDenied') return `was refused by the PostgreSQL server at ${server} (wrong user name or password, or no access)`;
    if (kind === 'TlsConnectionError') return `could not set up TLS with the PostgreSQL server at ${server}`;
    return `cannot reach a PostgreSQL server at ${server}`;
  } finally {
    await adapter?.dispose().catch(() => undefined);
  }
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
