// npm run build: compiles src/ (the generated Prisma clients included) to dist/ with tsc.
// `--if-stale` (npm start, the tests) compiles only when a source is newer than the last build.
import { spawnSync } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildInfo, buildState, root } from './build-state.mjs';

if (process.argv.includes('--if-stale') && ['fresh', 'no-sources'].includes(buildState())) process.exit(0);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const { status } = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (status !== 0) {
  console.error('renewal-desk: the TypeScript in src/ does not compile (see above); dist/ was not updated.');
  process.exit(status ?? 1);
}
// tsc leaves its build info alone when nothing changed: touch it, so that the build counts as fresh.
const now = new Date();
utimesSync(buildInfo, now, now);
