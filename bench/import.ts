// npm run bench (fourth part): `renewal-desk import` of a 100,000-row CSV through the real CLI, as a
// subprocess (process start included), with its wall time, rows/s and peak RSS. On a fresh SQLite file,
// and on a scratch PostgreSQL database when BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) names a server
// where one may be created. BENCH_IMPORT_ROWS changes the size. Targets: >= 2,000 rows/s, < 300 MiB.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/store/client.js';
import { applyMigrations } from '../src/store/migrations.js';
import { writeContractsCsv } from '../test/helpers/contracts-csv.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const postgresServer = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
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

async function scratchDatabase(dir: string): Promise<{ url: string; kind: string; drop: () => Promise<void> }[]> {
  const sqlite = { url: `file:${join(dir, 'import.db')}`, kind: 'SQLite', drop: async () => {} };
  if (!postgresServer) return [sqlite];
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const run = async (sql: string) => {
    const adapter = await new PrismaPg({ connectionString: postgresServer, max: 1 }).connect();
    await adapter.executeScript(sql).finally(() => adapter.dispose());
  };
  const database = `renewal_desk_bench_import_${process.pid}`;
  await run(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await run(`CREATE DATABASE "${database}"`);
  const url = new URL(postgresServer);
  url.pathname = `/${database}`;
  return [sqlite, { url: url.toString(), kind: 'PostgreSQL', drop: () => run(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`) }];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'renewal-desk-bench-import-'));
  try {
    const file = join(dir, 'contracts.csv');
    await writeContractsCsv(file, ROWS);
    console.log(`import: ${ROWS.toLocaleString('en-US')} rows through \`renewal-desk import\` as a subprocess (process start included)`);
    for (const database of await scratchDatabase(dir)) {
      try {
        await applyMigrations(database.url);
        const run = await runImport(database.url, file);
        if (run.code !== 0) throw new Error(`import failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
        const db = openDatabase(database.url);
        const [contracts, reminders] = await Promise.all([db.contract.count(), db.reminder.count()]).finally(() => db.$disconnect());
        if (contracts !== ROWS) throw new Error(`expected ${ROWS} contracts, found ${contracts}`);
        console.log(
          `  ${database.kind.padEnd(10)} ${run.seconds.toFixed(1)} s, ${Math.round(ROWS / run.seconds).toLocaleString('en-US')} rows/s, ` +
            `peak RSS ${run.peakMiB.toFixed(0)} MiB (${contracts.toLocaleString('en-US')} contracts, ${reminders.toLocaleString('en-US')} ledger rows)`,
        );
      } finally {
        await database.drop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
