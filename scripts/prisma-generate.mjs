// Runs `prisma generate` without letting the Prisma CLI download its native schema engine:
// generate never uses that engine, but the CLI insists on having a file at
// PRISMA_SCHEMA_ENGINE_BINARY. Never set that variable for `prisma migrate` (see README).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('prisma/schema.prisma')) process.exit(0);
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
const bin = 'node_modules/prisma/build/index.js';
const result = spawnSync(process.execPath, [bin, 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
