import type { TurnContext } from 'botbuilder';
import { commandOverview } from '../../commands/help.js';
import { runCommand, splitCommandLine } from '../../commands/router.js';
import type { Message } from '../../messages/model.js';
import { workspaceId } from '../../store/workspaces.js';
import { channelOf, commandTextOf, isPersonal, mentionedChannelsOf, teamOf, tenantOf } from './activity.js';
import { formOf } from '../../effects/effect.js';
import { applyTeamsEffects, teamsContext, type TeamsDeps } from './context.js';
import { contractAddCard } from './forms.js';
import { namesFor } from './names.js';
import { referenceFor, referenceForChannel, storedReference, storeReference } from './references.js';
import { CARD_CONTENT_TYPE, messageActivity } from './render.js';
import { replyPrivately } from './reply.js';

/**
 * The usage of every command, for `help`, an empty message or a word we do not know. The command
 * layer writes them as Slack's slash commands; the renderer writes them without the slash for Teams,
 * where typing "/" opens Teams' own command box.
 */
export function overview(unknownWord: string, botName = 'Renewal Desk'): Message {
  return commandOverview(unknownWord, `Type one of these commands (in a channel or group chat, @mention me first: \`@${botName} contract list\`):`);
}

/** A message to the bot: parsed by the same command layer as Slack, answered privately. */
export async function handleMessage(context: TurnContext, deps: TeamsDeps): Promise<void> {
  const activity = context.activity;
  const tenant = tenantOf(activity);
  const channelId = channelOf(activity);
  await rememberMentionedChannels(context, deps);
  const ctx = await teamsContext(deps, tenant, activity.from.id, channelId);
  const { name, word, rest } = splitCommandLine(commandTextOf(activity));
  const result = name ? await runCommand(name, rest, ctx) : { reply: overview(word, activity.recipient?.name || undefined) };
  if (formOf(result.effects, 'contract-add')) {
    const form = contractAddCard({ channelId, teamId: teamOf(activity) });
    await replyPrivately(context, { type: 'message', summary: 'New contract form', attachments: [{ contentType: CARD_CONTENT_TYPE, content: form }] }, deps.appId, deps.log);
    return;
  }
  const applied = await applyTeamsEffects(deps, ctx, result);
  // Answers go to the personal chat: only there can a post (a logged issue) land in the same place.
  if (isPersonal(activity) && applied.announcedIn === channelId) return;
  // The answer goes to the personal chat: the one written from, or the user's own (see replyPrivately).
  const audience = { here: isPersonal(activity) ? channelId : undefined, reader: activity.from.id };
  const reply = messageActivity(result.reply, await namesFor(deps.db, ctx.workspace.id, result.reply, audience));
  await replyPrivately(context, reply, deps.appId, deps.log);
}

/** A channel named in a command (`channel:#renewals`) can take reminders: it is in the same team. */
async function rememberMentionedChannels(context: TurnContext, deps: TeamsDeps): Promise<void> {
  const channels = mentionedChannelsOf(context.activity);
  if (channels.length === 0 || !teamOf(context.activity)) return;
  const workspace = workspaceId('teams', tenantOf(context.activity));
  const base = referenceFor(context.activity);
  for (const channel of channels) {
    const known = await storedReference(deps.db, workspace, channel.id);
    if (known) {
      // Known already: only a name it was stored without is added (answers then say #Name).
      if (channel.name && !known.conversation?.name) await storeReference(deps.db, workspace, channel.id, { ...known, conversation: { ...known.conversation!, name: channel.name } }, deps.log);
      continue;
    }
    await storeReference(deps.db, workspace, channel.id, referenceForChannel(base, channel.id, channel.name), deps.log);
  }
}
