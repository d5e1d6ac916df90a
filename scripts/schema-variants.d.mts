/** The PostgreSQL datamodel derived from prisma/schema.prisma (see schema-variants.mjs). */
export function postgresqlSchema(sqliteSchema: string, options?: { output?: string }): string;
