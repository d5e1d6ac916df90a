// npm run bench [-- --quick] [-- --help]: every figure of the issue "Performance at a real
// organisation's size", measured on generated data (fixed seed, sizes as flags) through the real HTTP
// server, the real CLI and the real database, printed as one table with each figure's floor and
// ratio, and written to bench/results.json (a quick or partial run: bench/results-last.json). Separate from the tests; `--quick` (about a minute) runs
// in CI, which asserts nothing about the timings (only that no reminder is lost or doubled).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchData } from './data.js';
import { benchDelivery } from './delivery.js';
import { benchImport } from './import.js';
import { benchInstances } from './instances.js';
import type { DatabaseKind } from './lib/databases.js';
import { Figures } from './lib/figures.js';
import { benchOptions, SECTIONS } from './lib/options.js';
import { benchStartup } from './startup.js';

const options = benchOptions(process.argv.slice(2));
const figures = new Figures(!options.quick);
const dir = mkdtempSync(join(tmpdir(), 'renewal-desk-bench-'));
const kinds: DatabaseKind[] = options.postgres ? ['SQLite', 'PostgreSQL'] : ['SQLite'];
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const loadAtStart = load();
const started = performance.now();
console.log(`renewal-desk bench${options.quick ? ' (quick)' : ''}: ${cpus().length} cores, load ${loadAtStart}, Node ${process.version}; ${kinds.join(' and ')}${options.postgres ? '' : ' (set BENCH_POSTGRES_URL for PostgreSQL)'}`);
try {
  for (const section of options.sections) {
    console.log(`\n${section}`);
    if (section === 'startup') await benchStartup(options.startupRuns, figures);
    if (section === 'delivery') for (const kind of kinds) await benchDelivery(kind, options, figures, dir);
    if (section === 'instances') {
      if (options.postgres) await benchInstances(options, figures, dir);
      else console.log('  skipped: several instances share a PostgreSQL database (set BENCH_POSTGRES_URL)');
    }
    if (section === 'data') for (const kind of kinds) await benchData(kind, options, figures, dir);
    if (section === 'import') for (const kind of kinds) await benchImport(kind, options, figures, dir);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const missed = figures.all.filter((f) => f.met === false).length;
const verdict = options.quick ? 'targets not checked (a quick run is smaller than their sizes)' : `${missed} target(s) missed`;
console.log(`\n${figures.table()}\n\n${figures.all.length} figures, ${verdict}, in ${((performance.now() - started) / 1000).toFixed(0)} s (load ${loadAtStart} at the start, ${load()} at the end)`);
// Only a full run at the sizes replaces the committed figures; a quick or partial one (CI's) is kept beside them.
const whole = !options.quick && options.sections.length === SECTIONS.length;
figures.write(join(import.meta.dirname, whole ? 'results.json' : 'results-last.json'), {
  at: new Date().toISOString(), quick: options.quick, machine: { cores: cpus().length, loadAtStart, loadAtEnd: load(), node: process.version }, options: { ...options, postgres: options.postgres !== null },
});
