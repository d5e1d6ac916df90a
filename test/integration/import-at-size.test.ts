import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { planCycle } from '../../src/domain/reminder-plan.js';
import { openDatabase } from '../../src/store/client.js';
import { withDatabase } from '../helpers/database.js';
import { termsOf } from '../../src/store/contracts.js';
import { getWorkspace } from '../../src/store/workspaces.js';
import { contractNameOf, contractRow, writeContractsCsv } from '../helpers/contracts-csv.js';
import { createPostgresDatabase, postgresServerUrl } from '../helpers/postgres.js';
import { CLI_NOW, runCli, type CliRun } from '../helpers/subprocess.js';

// `renewal-desk import` at the size a real organisation has (the first real import failed at ~500
// rows: one query with every name exceeded the database's parameter limit). The 100,000-row figures
// come from `npm run bench`; this runs 20,000 rows through the real CLI, as a subprocess, on SQLite
// and (with TEST_POSTGRES_URL) on PostgreSQL: an import writes through each database's driver.
vi.setConfig({ testTimeout: 180_000 });

const ROWS = 20_000;
let dir: string;

const cli = (databaseUrl: string, args: string[]): Promise<CliRun> => runCli({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' }, args, 170_000);

async function counts(databaseUrl: string): Promise<{ contracts: number; planned: number; audited: number }> {
  return withDatabase(databaseUrl, async (db) => ({
    contracts: await db.contract.count(),
    planned: (await db.reminder.groupBy({ by: ['contractId'], where: { contractId: { not: null } } })).length,
    audited: await db.auditEvent.count({ where: { action: 'contract.added' } }),
  }));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'renewal-desk-import-size-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Database {
  kind: string;
  /** A fresh, empty database; `drop` removes it. */
  create: (name: string) => Promise<{ url: string; drop: () => Promise<void> }>;
}

const DATABASES: Database[] = [
  { kind: 'SQLite', create: async (name) => ({ url: `file:${join(dir, `${name}.db`)}`, drop: async () => {} }) },
  ...(postgresServerUrl ? [{ kind: 'PostgreSQL', create: () => createPostgresDatabase('renewal_desk_import') }] : []),
];

describe.each(DATABASES)(`import of ${ROWS.toLocaleString('en-US')} rows on $kind`, ({ kind, create }) => {
  const file = () => join(dir, `big-${kind}.csv`);

  it('stores every contract with its reminder plan and its audit row, and refuses the same file a second time', async () => {
    const database = await create('big');
    const url = () => database.url;
    await writeContractsCsv(file(), ROWS);
    const first = await cli(url(), ['import', file()]);
    expect(first.stderr).not.toMatch(/prisma|parameter|Error:/i);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`imported ${ROWS} contract(s)`);
    // Every row's ends lie ahead of the clock: each contract has planned reminders.
    expect(await counts(url())).toEqual({ contracts: ROWS, planned: ROWS, audited: ROWS });

    // Every name exists now: looked up in chunks, all reported (the first 50 shown), nothing added.
    const again = await cli(url(), ['import', file()]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`These ${ROWS} name(s) already exist`);
    expect(again.stderr).toContain(`line 2: "${contractNameOf(0)}" already exists in slack:TBULK`);
    expect(again.stderr).toContain('(the first 50 are shown)');
    expect(again.stderr).not.toMatch(/prisma/i);
    expect((await counts(url())).contracts).toBe(ROWS);
    await database.drop();
  });

  it('refuses the whole file when rows deep inside it are wrong, naming each line, and stores nothing', async () => {
    const bad = join(dir, `bad-${kind}.csv`);
    const database = await create('bad');
    const url = database.url;
    // Row i is on line i + 2 (the header is line 1).
    const row = (name: string, end: string, notice: string) =>
      ['slack:TBULK', name, 'Vendor 1', '', '', end, notice, 'auto', '12m', '', 'EUR', 'year', '1', 'U1ABC', 'C1XYZ', ''].join(',');
    await writeContractsCsv(bad, ROWS, (i) => {
      if (i === 7_775) return row('Broken end', '2027-02-30', '30d');
      if (i === 15_000) return contractRow(3);
      if (i === ROWS - 1) return row('Broken notice', '2027-06-30', 'soon');
      return contractRow(i);
    });
    const result = await cli(url, ['import', bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing was imported');
    expect(result.stderr).toContain('line 7777: end "2027-02-30"');
    expect(result.stderr).toContain(`line 15002: name "${contractNameOf(3)}" repeats line 5`);
    expect(result.stderr).toContain(`line ${ROWS + 1}: notice "soon"`);
    expect(result.stderr).toContain('Fix these 3 problem(s)');
    expect(result.stderr).toContain('Example rows:');
    expect(await counts(url)).toEqual({ contracts: 0, planned: 0, audited: 0 });
    await database.drop();
  });

  it('stores every cell as written (backslashes, \\\\N, quotes, commas, accents) with the plan a typed contract gets', async () => {
    const database = await create('cells');
    const awkward = join(dir, `awkward-${kind}.csv`);
    // Control characters are refused by the row check; backslashes are COPY's escape character and \\N its null.
    const services = 'Backups to \\\\nas\\share\\n (not a line break) \\t (not a tab), "quoted"';
    writeFileSync(
      awkward,
      'workspace,name,vendor,end,notice,tier,services\n' +
        `slack:TCELLS,Ångström \\N GmbH,"Vendor, with comma",2027-03-31,30d,1,"${services.replace(/"/g, '""')}"\n` +
        'slack:TCELLS,Plain,Plain Co,2027-06-30,0d,3,\n',
    );
    const result = await cli(database.url, ['import', awkward]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('imported 2 contract(s)');
    const db = openDatabase(database.url);
    try {
      const stored = await db.contract.findMany({ orderBy: { name: 'asc' }, include: { reminders: { orderBy: { dueAt: 'asc' } } } });
      expect(stored.map((c) => [c.name, c.vendor, c.services])).toEqual([
        ['Plain', 'Plain Co', null],
        ['Ångström \\N GmbH', 'Vendor, with comma', services],
      ]);
      const workspace = (await getWorkspace(db, 'slack:TCELLS'))!;
      expect(workspace).toMatchObject({ timezone: 'Europe/Berlin', reminderTime: '09:00', approvers: [] });
      for (const contract of stored) {
        // The instants read back are the plan's, to the millisecond: nothing shifted by a time zone.
        const plan = planCycle(termsOf(contract), workspace, { from: CLI_NOW.slice(0, 10), decided: false, snoozedUntil: null });
        expect(contract.reminders.map((r) => [r.kind, r.step, r.dueAt.toISOString(), r.status])).toEqual(
          plan.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()).map((p) => [p.kind, p.step, p.dueAt.toISOString(), 'planned']),
        );
        // The CLI's clock starts at CLI_NOW and runs on.
        expect(contract.createdAt.getTime() - new Date(CLI_NOW).getTime()).toBeGreaterThanOrEqual(0);
        expect(contract.createdAt.getTime() - new Date(CLI_NOW).getTime()).toBeLessThan(60_000);
      }
    } finally {
      await db.$disconnect();
      await database.drop();
    }
  });
});
