import type { webApi } from '@slack/bolt';
import type { UserDirectory, UserInfo } from '../../commands/context.js';
import type { Db } from '../../store/client.js';
import { cachedPerson, cachePerson } from '../../store/people.js';

const FRESH_MS = 24 * 60 * 60 * 1000;

/** Display names and bot flags from users.info, cached for a day in the Person table. */
export function slackDirectory(db: Db, client: webApi.WebClient, workspaceId: string, now: () => Date): UserDirectory {
  return {
    async lookup(userId: string): Promise<UserInfo | null> {
      const cached = await cachedPerson(db, workspaceId, userId);
      if (cached?.displayName && cached.fetchedAt && now().getTime() - cached.fetchedAt.getTime() < FRESH_MS) {
        return { displayName: cached.displayName, isBot: cached.isBot };
      }
      try {
        const result = await client.users.info({ user: userId });
        const user = result.user;
        if (!user) return null;
        const displayName = user.profile?.display_name || user.real_name || user.name || userId;
        const isBot = Boolean(user.is_bot) || userId === 'USLACKBOT';
        await cachePerson(db, workspaceId, userId, { displayName, isBot, fetchedAt: now() });
        return { displayName, isBot };
      } catch {
        return cached?.displayName ? { displayName: cached.displayName, isBot: cached.isBot } : null;
      }
    },
  };
}
