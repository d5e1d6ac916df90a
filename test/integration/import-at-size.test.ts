import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/store/client.js';
import { contractNameOf, contractRow, writeContractsCsv } from '../helpers/contracts-csv.js';
import { runCli, type CliRun } from '../helpers/subprocess.js';

// `renewal-desk import` at the size a real organisation has (the first real import failed at ~500
// rows: one query with every name exceeded the database's parameter limit). The 100,000-row figures
// come from `npm run bench`; this runs 20,000 rows through the real CLI, as a subprocess.
vi.setConfig({ testTimeout: 180_000 });

const ROWS = 20_000;
let dir: string;

const cli = (databaseUrl: string, args: string[]): Promise<CliRun> => runCli({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' }, args, 170_000);

async function counts(databaseUrl: string): Promise<{ contracts: number; planned: number; audited: number }> {
  const db = openDatabase(databaseUrl);
  try {
    const contracts = await db.contract.count();
    const planned = (await db.reminder.groupBy({ by: ['contractId'], where: { contractId: { not: null } } })).length;
    const audited = await db.auditEvent.count({ where: { action: 'contract.added' } });
    return { contracts, planned, audited };
  } finally {
    await db.$disconnect();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'renewal-desk-import-size-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe(`import of ${ROWS.toLocaleString('en-US')} rows`, () => {
  const url = () => `file:${join(dir, 'big.db')}`;
  const file = () => join(dir, 'big.csv');

  it('stores every contract with its reminder plan and its audit row, and refuses the same file a second time', async () => {
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
  });

  it('refuses the whole file when rows deep inside it are wrong, naming each line, and stores nothing', async () => {
    const bad = join(dir, 'bad.csv');
    const url = `file:${join(dir, 'bad.db')}`;
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
  });
});
