import { openDatabase, type Db } from '../../src/store/client.js';

/** Opens the database of `url` for one read or check of a test, and closes it again. */
export async function withDatabase<T>(url: string, use: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(url);
  try {
    return await use(db);
  } finally {
    await db.$disconnect();
  }
}
