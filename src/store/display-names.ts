import type { Db } from './client.js';

export interface SeenPerson {
  userId: string;
  displayName: string;
  isBot?: boolean;
}

/**
 * Caches display names a platform hands us with each request (Teams sends the sender's and every
 * mentioned user's name), so messages can mention people by name later. Writes only what changed.
 */
export async function rememberNames(db: Db, workspaceId: string, people: readonly SeenPerson[], now: Date): Promise<void> {
  const unique = [...new Map(people.filter((p) => p.userId && p.displayName).map((p) => [p.userId, p])).values()];
  if (unique.length === 0) return;
  const known = await db.person.findMany({ where: { workspaceId, userId: { in: unique.map((p) => p.userId) } } });
  const byId = new Map(known.map((p) => [p.userId, p]));
  for (const person of unique) {
    const row = byId.get(person.userId);
    const isBot = person.isBot ?? row?.isBot ?? false;
    if (row && row.displayName === person.displayName && row.isBot === isBot) continue;
    try {
      await db.person.upsert({
        where: { workspaceId_userId: { workspaceId, userId: person.userId } },
        create: { workspaceId, userId: person.userId, displayName: person.displayName, isBot, fetchedAt: now },
        update: { displayName: person.displayName, isBot, fetchedAt: now },
      });
    } catch {
      // Two requests seeing the same person at once: the other one wrote it.
    }
  }
}

/** Display names known for these user ids (ids without a cached name are left out). */
export async function displayNamesOf(db: Db, workspaceId: string, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.person.findMany({ where: { workspaceId, userId: { in: [...userIds] } }, select: { userId: true, displayName: true } });
  return new Map(rows.filter((r) => r.displayName).map((r) => [r.userId, r.displayName!]));
}

/** The people of a workspace with a known name (not bots), by name: whom a console user can pick or mention. */
export async function knownPeople(db: Db, workspaceId: string, limit = 500): Promise<{ id: string; name: string }[]> {
  const rows = await db.person.findMany({ where: { workspaceId, isBot: false, displayName: { not: null } }, orderBy: { displayName: 'asc' }, take: limit, select: { userId: true, displayName: true } });
  return rows.map((r) => ({ id: r.userId, name: r.displayName! }));
}
