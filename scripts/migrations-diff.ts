// Creates the next migration from prisma/schema.prisma, offline: what `prisma migrate dev --create-only`
// does, with the schema engine compiled to WebAssembly (see diffMigrationsToSchema). The new
// migration.sql takes a database with all existing migrations applied to the current schema.
//
//   npm run migrations:diff -- <name> [--provider sqlite|postgresql]
//
// PostgreSQL keeps its own history (prisma/migrations-postgresql), generated from the same schema with
// the provider swapped and DateTime columns as timestamptz(3) (scripts/schema-variants.mjs); the
// engine replays that history in a scratch database it creates (and drops) on the server named by
// SHADOW_DATABASE_URL.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import {
  defaultMigrationsDir, diffMigrationsToSchema, migrationLockFile, repoRoot, type Provider,
} from '../src/store/migrations.js';
import { postgresqlSchema } from './schema-variants.mjs';

/** The datamodel for each provider, from prisma/schema.prisma (written for SQLite). */
const datamodels: Record<Provider, (sqliteSchema: string) => string> = {
  sqlite: (s) => s,
  postgresql: (s) => postgresqlSchema(s),
};

/** Prisma's directory name: UTC timestamp, then the name slugified as `migrate dev --name` does. */
function directoryName(name: string, now = new Date()): string {
  const slug = name
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z\d]+)/g, '$1_$2')
    .toLowerCase().replace(/[^a-z\d]+/g, '_').replace(/^_+|_+$/g, '')
    .substring(0, 200);
  if (!slug) throw new Error(`Invalid migration name: "${name}"`);
  return `${now.toISOString().replace(/\D/g, '').slice(0, 14)}_${slug}`;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { provider: { type: 'string', default: 'sqlite' } } });
  const provider = values.provider as Provider;
  const name = positionals[0];
  if (!(provider in datamodels) || !name) throw new Error('Usage: npm run migrations:diff -- <name> [--provider sqlite|postgresql]');

  const dir = defaultMigrationsDir(provider);
  const schema = datamodels[provider](await readFile(join(repoRoot, 'prisma/schema.prisma'), 'utf8'));
  const diff = await diffMigrationsToSchema(schema, { provider, migrationsDir: dir, shadowUrl: process.env.SHADOW_DATABASE_URL });
  if (!diff) return console.log('no changes');
  console.log(diff.summary.trimEnd());

  const migration = directoryName(name);
  const last = (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory()).map((e) => e.name).sort().at(-1);
  if (last && migration.localeCompare(last) <= 0) throw new Error(`${migration} would not sort after ${last} (check the clock).`);
  if (existsSync(join(dir, migration))) throw new Error(`${join(dir, migration)} already exists.`);
  await mkdir(join(dir, migration), { recursive: true });
  await writeFile(join(dir, migration, 'migration.sql'), diff.script);
  await writeFile(join(dir, 'migration_lock.toml'), migrationLockFile(provider));
  console.log(`created ${relative(process.cwd(), join(dir, migration, 'migration.sql'))}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
