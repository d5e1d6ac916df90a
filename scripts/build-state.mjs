// Whether dist/ (the compiled code `npm start` and the renewal-desk command run) is older than the
// TypeScript it comes from. Plain JavaScript, so that it can run before anything is compiled.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const buildInfo = join(root, 'dist', '.tsbuildinfo');

function newest(path) {
  let latest = 0;
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** 'missing' (never built), 'stale' (a source is newer than the build), 'fresh', or 'no-sources' (only dist/ was shipped). */
export function buildState() {
  const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'tsconfig.json')), newest(join(root, 'tsconfig.build.json')));
  const built = statSync(buildInfo, { throwIfNoEntry: false })?.mtimeMs;
  if (sources === 0) return built === undefined ? 'missing' : 'no-sources';
  if (built === undefined) return 'missing';
  return sources > built ? 'stale' : 'fresh';
}
