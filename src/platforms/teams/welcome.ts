import { TeamsInfo, type TurnContext } from 'botbuilder';
import { message } from '../../messages/model.js';
import type { Db } from '../../store/client.js';
import { workspaceId } from '../../store/workspaces.js';
import { isPersonal, teamOf, tenantOf } from './activity.js';
import { referenceFor, referenceForChannel, storeReference } from './references.js';
import { messageActivity } from './render.js';
import type { Log } from '../../log.js';

/** Added to a team: every channel of it can take reminders from now on (best effort). */
export async function rememberTeamChannels(context: TurnContext, db: Db, log: Log): Promise<void> {
  const teamId = teamOf(context.activity);
  if (!teamId) return;
  try {
    const channels = await TeamsInfo.getTeamChannels(context, teamId);
    const workspace = workspaceId('teams', tenantOf(context.activity));
    const base = referenceFor(context.activity);
    for (const channel of channels) {
      if (channel.id) await storeReference(db, workspace, channel.id, referenceForChannel(base, channel.id, channel.name || (channel.id === teamId ? 'General' : '')), log);
    }
  } catch (error) {
    log(`could not list the channels of team ${teamId}: ${(error as Error).message}`, 'warn');
  }
}

/** A short hello where the bot was added, saying how to talk to it. */
export async function welcome(context: TurnContext): Promise<void> {
  // The name people @mention is the one Teams shows for the bot (the app's, or a local tool's own).
  const name = context.activity.recipient?.name?.trim() || 'Renewal Desk';
  const here = teamOf(context.activity) ? 'this channel' : 'this chat';
  const how = isPersonal(context.activity)
    ? 'Send me `contract help`, `renewals`, `issue help` or `sla help` to start.'
    : `@mention me with a command, e.g. \`@${name} contract list\`; my answers to you come in our personal chat. Reminders for contracts added here are posted in ${here}.`;
  const hello = message('Renewal Desk is here: it keeps vendor contracts, their notice deadlines and renewal decisions.', { type: 'section', text: `*Renewal Desk* keeps vendor contracts, their notice deadlines and renewal decisions. ${how}` });
  await context.sendActivity(messageActivity(hello, { users: new Map(), channels: new Map() }));
}
