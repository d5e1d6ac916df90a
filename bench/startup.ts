// Part of npm run bench: what a system cron or a Kubernetes CronJob pays at every run of the
// compiled CLI. `renewal-desk --help` against a bare `node -e 0`, and a `tick` with nothing due
// against a floor process that opens the same SQLite file with better-sqlite3 and runs one query;
// wall time (median of --startup-runs, default 9) and peak RSS. Targets: --help within 3x its
// floor, tick within 5x its floor and under 120 MiB.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyMigrations } from '../src/store/migrations.js';
import type { Figures } from './lib/figures.js';

const SECTION = 'start-up';

const TIME = '/usr/bin/time';

interface Sample {
  seconds: number;
  peakMiB: number;
}

/** One run: wall time from spawn to exit, peak RSS from GNU time when it is there. */
async function once(args: string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  const useTime = existsSync(TIME);
  const started = performance.now();
  const child = spawn(useTime ? TIME : process.execPath, useTime ? ['-f', '%M', process.execPath, ...args] : args, { env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  child.stdout.resume();
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${args.join(' ')} failed (${code}): ${stderr}`);
  const kib = useTime ? Number(stderr.trim().split('\n').at(-1)) : 0;
  return { seconds, peakMiB: kib / 1024 };
}

async function median(runs: number, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Sample> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await once(args, env));
  const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { seconds: mid(samples.map((s) => s.seconds)), peakMiB: mid(samples.map((s) => s.peakMiB)) };
}

export interface StartupFigures {
  help: Sample;
  helpFloor: Sample;
  tick: Sample;
  tickFloor: Sample;
}

export async function startupFigures(runs: number): Promise<StartupFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'renewal-desk-bench-startup-'));
  try {
    const path = join(dir, 'tick.db');
    const url = `file:${path}`;
    await applyMigrations(url);
    const env = { DATABASE_URL: url, DEFAULT_TIMEZONE: 'Europe/Berlin', SLACK_BOT_TOKEN: '', MICROSOFT_APP_ID: '', TEAMS_UNAUTHENTICATED: '', RENEWAL_DESK_NOW: '' };
    const floorScript = `const D = require(${JSON.stringify(join(process.cwd(), 'node_modules/better-sqlite3'))}); const db = new D(${JSON.stringify(path)}); db.prepare('SELECT count(*) FROM "Reminder" WHERE "status" = ?').get('planned'); db.close();`;
    return {
      helpFloor: await median(runs, ['-e', '0']),
      help: await median(runs, ['bin/renewal-desk.js', '--help']),
      tickFloor: await median(runs, ['-e', floorScript]),
      tick: await median(runs, ['bin/renewal-desk.js', 'tick'], env),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStartup(runs: number, figures: Figures): Promise<void> {
  const f = await startupFigures(runs);
  const note = `median of ${runs} runs`;
  figures.add({ section: SECTION, name: '`renewal-desk --help`', database: '', value: f.help.seconds * 1000, unit: 'ms', floor: f.helpFloor.seconds * 1000, floorIs: '`node -e 0`', target: { of: 'ratio', atMost: 3 }, note });
  figures.add({
    section: SECTION, name: '`renewal-desk tick`, nothing due', database: 'SQLite', value: f.tick.seconds * 1000, unit: 'ms', floor: f.tickFloor.seconds * 1000,
    floorIs: 'a process that opens the same SQLite file with better-sqlite3 and runs one query', target: { of: 'ratio', atMost: 5 }, note,
  });
  if (f.tick.peakMiB > 0) figures.add({ section: SECTION, name: '`renewal-desk tick` peak memory', database: 'SQLite', value: f.tick.peakMiB, unit: 'MiB', floor: null, target: { of: 'value', atMost: 120 }, note });
}
