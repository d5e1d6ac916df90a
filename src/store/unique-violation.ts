/** A duplicate on a unique key: Prisma's P2002, on SQLite and PostgreSQL alike (bulk writes raise it too). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}

/** A unique key conflict met outside Prisma's models (raw SQL, a driver), with the code Prisma gives the same conflict. */
export class UniqueViolation extends Error {
  readonly code = 'P2002';
  constructor(readonly table: string) {
    super(`unique constraint violated on ${table}`);
  }
}
