// Part of npm run bench: `renewal-desk import` of a 100,000-row CSV through the real CLI, as a
// subprocess (process start included), with its wall time, rows/s and peak RSS. On a fresh SQLite file,
// and on a scratch PostgreSQL database when BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) names a server
// where one may be created. --import-rows changes the size. Targets: < 50 s, >= 2,000 rows/s, < 300 MiB.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/store/client.js';
import { writeContractsCsv } from '../test/helpers/contracts-csv.js';
import { scratchDatabase, type DatabaseKind } from './lib/databases.js';
import type { Figures } from './lib/figures.js';
import type { BenchOptions } from './lib/options.js';

const SECTION = 'import';
const NOW = '2026-11-23T10:00:00Z';
const TIME = '/usr/bin/time';

interface Run {
  code: number;
  seconds: number;
  peakMiB: number;
  stdout: string;
  stderr: string;
}

/** Peak RSS from /proc while it runs: VmHWM is the process's high-water mark so far. */
function sampleHighWater(pid: number, peak: { kib: number }): NodeJS.Timeout {
  return setInterval(() => {
    try {
      const kib = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      peak.kib = Math.max(peak.kib, kib);
    } catch {
      // The process has just ended.
    }
  }, 50);
}

async function runImport(databaseUrl: string, file: string): Promise<Run> {
  const useTime = existsSync(TIME);
  const command = [process.execPath, 'bin/renewal-desk.js', '--now', NOW, 'import', file];
  const started = performance.now();
  const child = spawn(useTime ? TIME : command[0]!, useTime ? ['-v', ...command] : command.slice(1), {
    env: { ...process.env, DATABASE_URL: databaseUrl, DEFAULT_TIMEZONE: 'Europe/Berlin', NODE_ENV: 'development' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const peak = { kib: 0 };
  const sampler = useTime ? undefined : sampleHighWater(child.pid!, peak);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  if (useTime) peak.kib = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0);
  return { code, seconds, peakMiB: peak.kib / 1024, stdout, stderr };
}

export async function benchImport(kind: DatabaseKind, options: BenchOptions, figures: Figures, dir: string): Promise<void> {
  const rows = options.importRows;
  const file = join(dir, `contracts-${rows}.csv`);
  if (!existsSync(file)) await writeContractsCsv(file, rows);
  const database = await scratchDatabase(kind, 'import', dir, options.postgres);
  try {
    const run = await runImport(database.url, file);
    if (run.code !== 0) throw new Error(`import failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
    const db = openDatabase(database.url);
    const [contracts, reminders] = await Promise.all([db.contract.count(), db.reminder.count()]).finally(() => db.$disconnect());
    if (contracts !== rows) throw new Error(`expected ${rows} contracts, found ${contracts}`);
    const what = `${rows.toLocaleString('en-US')} rows`;
    const note = `process start included; ${reminders.toLocaleString('en-US')} ledger rows`;
    figures.add({ section: SECTION, name: `\`renewal-desk import\`, ${what}`, database: kind, value: run.seconds, unit: 's', floor: null, target: { of: 'value', atMost: rows / 2_000 }, note });
    figures.add({ section: SECTION, name: `\`renewal-desk import\` rate, ${what}`, database: kind, value: rows / run.seconds, unit: 'rows/s', floor: null, target: { of: 'value', atLeast: 2_000 } });
    if (run.peakMiB > 0) figures.add({ section: SECTION, name: `\`renewal-desk import\` peak memory, ${what}`, database: kind, value: run.peakMiB, unit: 'MiB', floor: null, target: { of: 'value', atMost: 300 } });
  } finally {
    await database.drop();
  }
}
