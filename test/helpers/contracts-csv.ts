import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { addDays } from '../../src/domain/days.js';

/** Every column `renewal-desk import` reads. */
export const CSV_HEADER = 'workspace,name,vendor,services,start,end,notice,renewal,term,value,currency,per,tier,owner,channel,departments';

/** Names a spreadsheet would run as formulas, as real organisations have them. */
const FORMULA_LOOKING = ['-Cloud', '@home', '=Equals', '+Plus'];

/** The name of row i (0-based): mostly plain, every 97th one formula-looking. */
export function contractNameOf(i: number): string {
  return i % 97 === 5 ? `${FORMULA_LOOKING[i % FORMULA_LOOKING.length]} ${i}` : `Contract ${i}`;
}

function quoted(cell: string): string {
  return /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Row i of a realistic import: every tier, notice periods, both renewal modes, terms, values with
 * thousands separators, owners, channels, department splits; ends from 2027-01-01 over four years
 * (all ahead of a clock in late 2026).
 */
export function contractRow(i: number, workspace = 'slack:TBULK'): string {
  const end = addDays('2027-01-01', (i * 7) % 1500);
  return [
    workspace, contractNameOf(i), `Vendor ${i % 300}`, i % 3 === 0 ? `Managed service ${i % 40}, 24x7` : '',
    i % 4 === 0 ? addDays(end, -365) : '', end, `${[0, 30, 60, 90][i % 4]}d`, i % 5 === 0 ? 'manual' : 'auto',
    `${[12, 24, 36][i % 3]}m`, i % 6 === 0 ? '' : i % 2 ? '12,500' : `${900 + (i % 90)}`, i % 2 ? 'EUR' : 'USD',
    i % 2 ? 'year' : 'month', `${1 + (i % 3)}`, `U${i % 50}ABC`, `C${i % 200}XYZ`, i % 10 === 0 ? 'IT:60,Finance:40' : '',
  ].map(quoted).join(',');
}

/** Writes a CSV of `count` rows (respecting the stream's backpressure); `row` may replace some rows. */
export async function writeContractsCsv(path: string, count: number, row: (i: number) => string = (i) => contractRow(i)): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${CSV_HEADER}\n`);
  for (let i = 0; i < count; i += 1) {
    if (!out.write(`${row(i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
