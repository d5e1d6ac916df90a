import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Each test runs the CLI as subprocesses (a second or more each, more on a loaded machine).
vi.setConfig({ testTimeout: 120_000 });
import { withDatabase } from '../helpers/database.js';
import { runCli, runCliReadSlowly, type CliRun } from '../helpers/subprocess.js';

let dir: string;

const cli = (databaseUrl: string, args: string[]): Promise<CliRun> => runCli({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' }, args);

async function names(databaseUrl: string): Promise<{ name: string; services: string | null }[]> {
  return withDatabase(databaseUrl, (db) => db.contract.findMany({ select: { name: true, services: true }, orderBy: { name: 'asc' } }));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'renewal-desk-export-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('export and import of names a spreadsheet would run as formulas', () => {
  it('writes them with a leading quote, and importing the export gives back the original text', { timeout: 120_000 }, async () => {
    const source = `file:${join(dir, 'source.db')}`;
    const copy = `file:${join(dir, 'copy.db')}`;
    const original = join(dir, 'original.csv');
    writeFileSync(
      original,
      'workspace,name,vendor,end,services\n' +
        'slack:T1,-Cloud,Minus Co,2035-03-31,-managed backups\n' +
        'slack:T1,@home,At Co,2035-04-30,\n' +
        'slack:T1,=Equals,Eq Co,2035-05-31,=1+1\n' +
        'slack:T1,+Plus,Plus Co,2035-06-30,\n' +
        // Import strips one quote before a formula character: this name is stored as '=Already quoted.
        "slack:T1,''=Already quoted,Quote Co,2035-07-31,\n" +
        "slack:T1,O'Brien Ltd,Plain Co,2035-08-31,24x7 support\n",
    );
    expect((await cli(source, ['import', original])).stdout).toContain('imported 6 contract(s)');

    const exported = await cli(source, ['export']);
    expect(exported.code).toBe(0);
    const rows = parse(exported.stdout, { columns: true }) as Record<string, string>[];
    const byVendor = new Map(rows.map((r) => [r['vendor'], r]));
    expect(byVendor.get('Minus Co')).toMatchObject({ name: "'-Cloud", services: "'-managed backups" });
    expect(byVendor.get('At Co')!['name']).toBe("'@home");
    expect(byVendor.get('Eq Co')).toMatchObject({ name: "'=Equals", services: "'=1+1" });
    expect(byVendor.get('Plus Co')!['name']).toBe("'+Plus");
    expect(byVendor.get('Quote Co')!['name']).toBe("''=Already quoted");
    expect(byVendor.get('Plain Co')).toMatchObject({ name: "O'Brien Ltd", services: '24x7 support' });
    // Numbers and dates are never touched.
    expect(byVendor.get('Minus Co')).toMatchObject({ end: '2035-03-31', notice: '0d', tier: '2' });

    const again = join(dir, 'exported.csv');
    writeFileSync(again, exported.stdout);
    expect((await cli(copy, ['import', again])).stdout).toContain('imported 6 contract(s)');
    expect(await names(copy)).toEqual(await names(source));
    expect((await names(copy)).map((c) => c.name)).toEqual(["'=Already quoted", '-Cloud', '+Plus', '=Equals', '@home', "O'Brien Ltd"].sort());
  });

  it('streams a large export page by page, every contract once', { timeout: 120_000 }, async () => {
    const url = `file:${join(dir, 'large.db')}`;
    const file = join(dir, 'large.csv');
    const count = 1_234;
    const lines = Array.from({ length: count }, (_, i) => `slack:T2,Contract ${i},Vendor ${i % 7},2036-01-${String(1 + (i % 28)).padStart(2, '0')}`);
    writeFileSync(file, `workspace,name,vendor,end\n${lines.join('\n')}\n`);
    expect((await cli(url, ['import', file])).code).toBe(0);
    const exported = await cli(url, ['export', '--workspace', 'slack:T2']);
    const rows = parse(exported.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((r) => r['name'])).size).toBe(count);
    expect((await cli(url, ['export', '--workspace', 'slack:T404'])).stdout.trim().split('\n')).toHaveLength(1);
  });

  it('a reader slower than the export still gets every row (the CLI exits only once its output is out)', { timeout: 120_000 }, async () => {
    const url = `file:${join(dir, 'slow.db')}`;
    const file = join(dir, 'slow.csv');
    const count = 10_000; // about 1 MB of CSV: several times what a socket's buffer holds
    writeFileSync(file, `workspace,name,vendor,end,services\n${Array.from({ length: count }, (_, i) => `slack:T3,Contract ${i},Vendor ${i % 7},2036-02-${String(1 + (i % 28)).padStart(2, '0')},Managed network and firewall service for site ${i}`).join('\n')}\n`);
    expect((await cli(url, ['import', file])).code).toBe(0);
    const exported = await runCliReadSlowly({ DATABASE_URL: url, LOG_LEVEL: 'info' }, ['export'], 500);
    expect(exported.code).toBe(0);
    expect(parse(exported.stdout, { columns: true })).toHaveLength(count);
  });
});
