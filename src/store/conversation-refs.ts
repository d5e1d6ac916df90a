import type { Db } from './client.js';

/**
 * Where a platform can send proactive messages, per conversation (Teams: a channel, group chat or
 * personal chat). The reference is opaque here: the platform adapter writes and reads its JSON.
 */
export async function saveConversationRef(db: Db, workspaceId: string, channelId: string, reference: unknown): Promise<void> {
  const json = JSON.stringify(reference);
  await db.conversationRef.upsert({
    where: { workspaceId_channelId: { workspaceId, channelId } },
    create: { workspaceId, channelId, reference: json },
    update: { reference: json },
  });
}

export async function loadConversationRef(db: Db, workspaceId: string, channelId: string): Promise<unknown> {
  const row = await db.conversationRef.findUnique({ where: { workspaceId_channelId: { workspaceId, channelId } } });
  if (!row) return null;
  try {
    return JSON.parse(row.reference) as unknown;
  } catch {
    return null;
  }
}

/** Every stored reference of a workspace whose channel id is in `channelIds` (to name channels). */
export async function conversationRefsOf(db: Db, workspaceId: string, channelIds: readonly string[]): Promise<{ channelId: string; reference: unknown }[]> {
  if (channelIds.length === 0) return [];
  const rows = await db.conversationRef.findMany({ where: { workspaceId, channelId: { in: [...channelIds] } } });
  return rows.flatMap((row) => {
    try {
      return [{ channelId: row.channelId, reference: JSON.parse(row.reference) as unknown }];
    } catch {
      return [];
    }
  });
}
