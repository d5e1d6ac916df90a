import type { CommandContext, CommandResult, UserDirectory } from '../../commands/context.js';
import { applyEffects, type Applied } from '../../effects/apply.js';
import type { Delivery } from '../../messages/delivery.js';
import type { Db } from '../../store/client.js';
import { displayNamesOf } from '../../store/display-names.js';
import { ensureWorkspace, workspaceId } from '../../store/workspaces.js';
import type { Log } from '../../log.js';

export interface TeamsDeps {
  /** The bot's Microsoft app id ('' when running unauthenticated). */
  appId: string;
  db: Db;
  delivery: Delivery;
  clock: () => Date;
  defaultTimezone: string;
  log: Log;
  /** Where people reach this server (known once it listens): links such as the calendar feed. */
  publicUrl?: () => string;
}

/**
 * People as Teams presents them: names cached from the mentions and senders of earlier messages;
 * bots are the `28:` ids.
 */
export function teamsDirectory(db: Db, workspace: string): UserDirectory {
  return {
    async lookup(userId) {
      const isBot = userId.startsWith('28:');
      const name = (await displayNamesOf(db, workspace, [userId])).get(userId);
      if (name) return { displayName: name, isBot };
      return isBot ? { displayName: userId, isBot } : null;
    },
  };
}

export async function teamsContext(deps: TeamsDeps, tenantId: string, userId: string, channelId: string | null): Promise<CommandContext> {
  const workspace = await ensureWorkspace(deps.db, workspaceId('teams', tenantId), 'teams', deps.defaultTimezone, deps.clock());
  return { db: deps.db, workspace, userId, channelId, now: deps.clock(), log: deps.log, directory: teamsDirectory(deps.db, workspace.id), publicUrl: deps.publicUrl?.() };
}

/** Carries out what a command or click changes in conversations (posts, card updates), through the connector. */
export function applyTeamsEffects(deps: TeamsDeps, ctx: CommandContext, result: CommandResult): Promise<Applied> {
  return applyEffects(result.effects, { db: ctx.db, workspaceId: ctx.workspace.id, delivery: deps.delivery, log: deps.log });
}
