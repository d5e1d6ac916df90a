// Vitest global setup: the renewal-desk command and `npm start` run the compiled dist/, so the tests
// that start them as subprocesses compile src/ first when it has changed since the last build.
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  const { status } = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
  if (status !== 0) throw new Error('npm run build failed: the tests would run old compiled code.');
}
