import type { CommandContext, CommandResult, UserDirectory } from '../../commands/context.js';
import { applyEffects, type Applied } from '../../effects/apply.js';
import type { Delivery } from '../../messages/delivery.js';
import type { Db } from '../../store/client.js';
import { displayNamesOf } from '../../store/display-names.js';
import type { Workspace } from '../../store/workspaces.js';

export interface ConsoleDeps {
  db: Db;
  /** Routes each workspace to its platform: the console's own to ConsoleDelivery, a Slack workspace to Slack… */
  delivery: Delivery;
  clock: () => Date;
  log: (line: string) => void;
  publicUrl: () => string;
}

/** People as the console knows them: the names cached for the workspace (from Slack, Teams, or the demo). */
export function consoleDirectory(db: Db, workspaceId: string): UserDirectory {
  return {
    async lookup(userId) {
      const name = (await displayNamesOf(db, workspaceId, [userId])).get(userId);
      return name ? { displayName: name, isBot: false } : null;
    },
  };
}

export function consoleContext(deps: ConsoleDeps, workspace: Workspace, userId: string, channelId: string | null): CommandContext {
  return { db: deps.db, workspace, userId, channelId, now: deps.clock(), log: deps.log, directory: consoleDirectory(deps.db, workspace.id), publicUrl: deps.publicUrl() };
}

/** Carries out a result's posts and updates on the workspace's platform (the console's own, or Slack/Teams). */
export function applyConsoleEffects(deps: ConsoleDeps, ctx: CommandContext, result: CommandResult): Promise<Applied> {
  return applyEffects(result.effects, { db: ctx.db, workspaceId: ctx.workspace.id, delivery: deps.delivery, log: deps.log });
}
