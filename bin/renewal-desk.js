#!/usr/bin/env node
// The renewal-desk command runs the compiled code in dist/ (npm run build; npm install builds it).
import { setFlagsFromString } from 'node:v8';
import { buildState } from '../scripts/build-state.mjs';

const state = buildState();
if (state === 'missing' || state === 'stale') {
  console.error(`renewal-desk: the compiled code in dist/ is ${state === 'missing' ? 'missing' : 'older than src/'}; run npm run build first.`);
  process.exit(1);
}
// A CLI run is short: WebAssembly (Prisma's query compiler, the schema engine) compiled once with
// the baseline compiler, never optimised again. Start-up 0.35 s faster and 50 MiB smaller; the
// queries of one run do not notice.
setFlagsFromString('--liftoff-only');
await import('../dist/cli/main.js');
