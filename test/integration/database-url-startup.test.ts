import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runEntry } from '../helpers/subprocess.js';

// Each test runs the CLI as subprocesses (a second or more each, more on a loaded machine).
vi.setConfig({ testTimeout: 120_000 });

/**
 * A bad DATABASE_URL ends the process within seconds (about 2 s on an idle machine, process start
 * included); the margin is for a busy 2-core CI machine. A hang is what this catches.
 */
const KILL_AFTER_MS = 45_000;
const EXAMPLES = /file:\.\/data\/renewal-desk\.db.*postgresql:\/\/user:pass@host:5432\/db/;

/** Runs an entry point with `databaseUrl` and no platform connected (see runEntry). */
const runWith = (args: string[], databaseUrl: string, until?: RegExp) =>
  runEntry(args, { DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'info' }, { ...(until ? { until } : {}), killAfterMs: KILL_AFTER_MS });

const cliMigrate = (url: string) => runWith(['bin/renewal-desk.js', 'migrate'], url);
const npmStart = (url: string, until?: RegExp) => runWith(['dist/main.js'], url, until);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'renewal-desk-dburl-'));
  mkdirSync(join(dir, 'a-folder'));
  writeFileSync(join(dir, 'a-file'), 'not a folder\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const badUrls: { name: string; url: () => string; says: RegExp }[] = [
  { name: 'garbage', url: () => 'garbage', says: /is not a database URL/ },
  { name: 'a MySQL URL (with a password)', url: () => 'mysql://u:p4ssw0rd@host/db', says: /uses mysql, which Renewal Desk does not support/ },
  { name: 'a directory', url: () => `file:${join(dir, 'a-folder')}`, says: /names a folder, not a file/ },
  { name: 'a path under a regular file', url: () => `file:${join(dir, 'a-file', 'x.db')}`, says: /a-file is a file, not a folder/ },
  // mkdir under /proc answers ENOENT: Node's recursive mkdir used to loop on it for ever.
  { name: 'a folder that cannot be made (under /proc)', url: () => 'file:/proc/renewal-desk-missing/x.db', says: /cannot be created/ },
  { name: 'an empty file:', url: () => 'file:', says: /names no file/ },
  { name: 'a file that is not a SQLite database', url: () => `file:${join(dir, 'a-file')}`, says: /is not a SQLite database/ },
  { name: 'an unreachable PostgreSQL (closed port, with a password)', url: () => 'postgresql://renewal:p4ssw0rd@127.0.0.1:1/renewal_desk', says: /cannot reach a PostgreSQL server at 127\.0\.0\.1:1/ },
];

describe('start-up with a bad DATABASE_URL', () => {
  for (const bad of badUrls) {
    it(`${bad.name}: the CLI and npm start end at once with one line naming DATABASE_URL and an example`, async () => {
      const runs = await Promise.all([cliMigrate(bad.url()), npmStart(bad.url())]);
      for (const run of runs) {
        expect(run.killed, `still running after ${KILL_AFTER_MS} ms; stderr: ${run.stderr}`).toBe(false);
        expect(run.code).not.toBe(0);
        const lines = run.stderr.trim().split('\n');
        expect(lines, run.stderr).toHaveLength(1);
        expect(lines[0]).toContain('DATABASE_URL=');
        expect(lines[0]).toMatch(bad.says);
        expect(lines[0]).toMatch(EXAMPLES);
        expect(run.stderr + run.stdout).not.toContain('p4ssw0rd');
      }
    }, 45_000);
  }

  it('a SQLite file in folders that do not exist yet: they are created and both entry points start', async () => {
    const url = `file:${join(dir, 'new', 'deeper', 'renewal-desk.db')}`;
    const migrate = await cliMigrate(url);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(existsSync(join(dir, 'new', 'deeper', 'renewal-desk.db'))).toBe(true);
    const start = await npmStart(`file:${join(dir, 'other', 'renewal-desk.db')}`, /listening on/);
    expect(start.killed, start.stderr).toBe(false);
    expect(start.stdout).toContain('listening on');
    expect(existsSync(join(dir, 'other', 'renewal-desk.db'))).toBe(true);
  }, 45_000);

});
