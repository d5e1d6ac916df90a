import type { Db, Tx } from './client.js';

export async function setLeaving(db: Db | Tx, workspaceId: string, userId: string, leavingOn: string | null): Promise<void> {
  await db.person.upsert({
    where: { workspaceId_userId: { workspaceId, userId } },
    create: { workspaceId, userId, leavingOn },
    update: { leavingOn },
  });
}

export async function leavingDate(db: Db | Tx, workspaceId: string, userId: string): Promise<string | null> {
  const person = await db.person.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } });
  return person?.leavingOn ?? null;
}

/**
 * Replaces a person's provisional id (a Teams form gives the Entra object id of someone picked before
 * they ever wrote to the bot) by their real one, in contract ownership and contacts, once they write.
 * Only for an id recorded as provisional (a `person` marker row); nothing happens otherwise.
 */
export async function adoptIdentity(db: Db, workspaceId: string, provisionalId: string, realId: string): Promise<void> {
  const marker = await db.person.findUnique({ where: { workspaceId_userId: { workspaceId, userId: provisionalId } } });
  if (!marker) return;
  await db.$transaction([
    db.contract.updateMany({ where: { workspaceId, ownerId: provisionalId }, data: { ownerId: realId } }),
    db.contact.updateMany({ where: { workspaceId, userId: provisionalId }, data: { userId: realId } }),
    db.person.deleteMany({ where: { workspaceId, userId: provisionalId } }),
  ]);
}

/** Records `userId` as provisional (see adoptIdentity). */
export async function markProvisional(db: Db, workspaceId: string, userId: string): Promise<void> {
  await db.person.upsert({ where: { workspaceId_userId: { workspaceId, userId } }, create: { workspaceId, userId }, update: {} });
}

/** What the directory last learnt about a person (name, bot or not, when). */
export async function cachedPerson(db: Db, workspaceId: string, userId: string): Promise<{ displayName: string | null; isBot: boolean; fetchedAt: Date | null } | null> {
  return db.person.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } });
}

export async function cachePerson(db: Db, workspaceId: string, userId: string, seen: { displayName: string; isBot: boolean; fetchedAt: Date }): Promise<void> {
  await db.person.upsert({ where: { workspaceId_userId: { workspaceId, userId } }, create: { workspaceId, userId, ...seen }, update: seen });
}
