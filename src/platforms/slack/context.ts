import type { webApi } from '@slack/bolt';
import type { CommandContext, CommandResult } from '../../commands/context.js';
import { applyEffects, type Applied } from '../../effects/apply.js';
import { slackDirectory } from './directory.js';
import type { Delivery } from '../../messages/delivery.js';
import type { Db } from '../../store/client.js';
import { ensureWorkspace, workspaceId } from '../../store/workspaces.js';
import type { Log } from '../../log.js';

export interface SlackDeps {
  db: Db;
  delivery: Delivery;
  clock: () => Date;
  defaultTimezone: string;
  log: Log;
  /** Where people reach this server (known once it listens): links such as the calendar feed. */
  publicUrl?: () => string;
}

export async function slackContext(deps: SlackDeps, teamId: string, userId: string, channelId: string | null, client?: webApi.WebClient): Promise<CommandContext> {
  const workspace = await ensureWorkspace(deps.db, workspaceId('slack', teamId), 'slack', deps.defaultTimezone, deps.clock());
  const directory = client ? slackDirectory(deps.db, client, workspace.id, deps.clock) : undefined;
  return { db: deps.db, workspace, userId, channelId, now: deps.clock(), log: deps.log, directory, publicUrl: deps.publicUrl?.() };
}

/** Carries out what a command or click changes in channels (posts, updates), through the Web API. */
export function applySlackEffects(deps: SlackDeps, ctx: CommandContext, result: CommandResult): Promise<Applied> {
  return applyEffects(result.effects, { db: ctx.db, workspaceId: ctx.workspace.id, delivery: deps.delivery, log: deps.log });
}
