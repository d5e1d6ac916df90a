import { createRequire } from 'node:module';
import type { PrismaPg } from '@prisma/adapter-pg';

const require = createRequire(import.meta.url);

/**
 * Prisma's PostgreSQL adapter, loaded on first use: with it comes the pg driver, about 40 ms of every
 * start of a process that only ever opens SQLite (a `tick` from cron). Its CommonJS build, so that
 * opening a database stays synchronous.
 */
export function pgAdapterClass(): typeof PrismaPg {
  return (require('@prisma/adapter-pg') as typeof import('@prisma/adapter-pg')).PrismaPg;
}
