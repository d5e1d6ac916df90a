// The PostgreSQL datamodel, derived from prisma/schema.prisma (written for SQLite, the one source of
// truth): the provider swapped, instants as timestamptz(3) (a plain DateTime would be a timestamp
// without time zone on PostgreSQL), and the generated client written to its own directory. Used by
// `npm run generate` (the PostgreSQL client), `npm run migrations:diff -- … --provider postgresql`
// and the test that keeps prisma/migrations-postgresql in step with the schema.

/**
 * @param {string} sqliteSchema the text of prisma/schema.prisma
 * @param {{ output?: string }} [options] where the PostgreSQL client is generated (a path relative
 *   to the derived schema file, as Prisma resolves `output`); unchanged when omitted
 * @returns {string}
 */
export function postgresqlSchema(sqliteSchema, options = {}) {
  let schema = sqliteSchema;
  const provider = /(datasource\s+\w+\s*\{[^}]*provider\s*=\s*)"sqlite"/;
  if (!provider.test(schema)) throw new Error('prisma/schema.prisma: expected a datasource with provider = "sqlite"');
  schema = schema.replace(provider, '$1"postgresql"');
  schema = schema.replace(/^(\s*\w+\s+DateTime\??)([^\n]*)$/gm, (line, field, rest) => {
    const [attributes = '', comment] = rest.split(/(?=\/\/)/, 2);
    if (attributes.includes('@db.')) return line;
    return `${field}${attributes.trimEnd()} @db.Timestamptz(3)${comment ? ` ${comment}` : ''}`;
  });
  if (options.output !== undefined) {
    const output = /(generator\s+client\s*\{[^}]*output\s*=\s*)"[^"]*"/;
    if (!output.test(schema)) throw new Error('prisma/schema.prisma: expected an output in the client generator');
    schema = schema.replace(output, `$1${JSON.stringify(options.output)}`);
  }
  return schema;
}
