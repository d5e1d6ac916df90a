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
