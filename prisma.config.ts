import { defineConfig } from 'prisma/config';

// Prisma 7 keeps the connection URL here, not in schema.prisma. The bot itself connects through a
// driver adapter (src/store/client.ts) and applies migrations with src/store/migrations (no native
// schema engine needed offline).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/renewal-desk.db' },
});
