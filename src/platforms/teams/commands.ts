import type { TurnContext } from 'botbuilder';
import { HELP } from '../../commands/help.js';
import { COMMAND_NAMES, runCommand, type CommandName } from '../../commands/router.js';
import { message, type Message } from '../../messages/model.js';
import { hasConversationRef } from '../../store/conversation-refs.js';
import { workspaceId } from '../../store/workspaces.js';
import { channelOf, commandTextOf, mentionedChannelsOf, teamOf, tenantOf } from './activity.js';
import { teamsContext, type TeamsDeps } from './context.js';
import { contractAddCard } from './forms.js';
import { namesFor } from './names.js';
import { referenceFor, referenceForChannel, storeReference } from './references.js';
import { CARD_CONTENT_TYPE, messageActivity } from './render.js';
import { replyPrivately } from './reply.js';

/** `contract list`, `/contract list`, `Contract list` → the command and the rest of the line. */
export function splitCommand(text: string): { name: CommandName | null; word: string; rest: string } {
  const match = /^\/?(\S*)\s*([\s\S]*)$/.exec(text.trim())!;
  const word = match[1]!.toLowerCase();
  const name = (COMMAND_NAMES as string[]).includes(word) ? (word as CommandName) : null;
  return { name, word, rest: match[2]! };
}

/** The usage of every command, for `help`, an empty message or a word we do not know. */
export function overview(unknownWord: string): Message {
  const intro = unknownWord && unknownWord !== 'help'
    ? `I do not know \`${unknownWord.slice(0, 40)}\`. Start with one of these commands (a leading / is optional; in a channel, @mention me first):`
    : 'Start with one of these commands (a leading / is optional; in a channel, @mention me first):';
  return message(
    `Renewal Desk commands: ${COMMAND_NAMES.join(', ')}. Send "<command> help" for details.`,
    { type: 'header', text: 'Renewal Desk' },
    { type: 'section', text: intro },
    ...COMMAND_NAMES.map((name) => ({ type: 'section' as const, text: HELP[name] })),
  );
}

/** A message to the bot: parsed by the same command layer as Slack, answered privately. */
export async function handleMessage(context: TurnContext, deps: TeamsDeps): Promise<void> {
  const activity = context.activity;
  const tenant = tenantOf(activity);
  const channelId = channelOf(activity);
  await rememberMentionedChannels(context, deps);
  const ctx = await teamsContext(deps, tenant, activity.from.id, channelId);
  const { name, word, rest } = splitCommand(commandTextOf(activity));
  const result = name ? await runCommand(name, rest, ctx) : { reply: overview(word) };
  if (result.openForm === 'contract-add') {
    const form = contractAddCard({ channelId, teamId: teamOf(activity) });
    await replyPrivately(context, { type: 'message', summary: 'New contract form', attachments: [{ contentType: CARD_CONTENT_TYPE, content: form }] }, deps.appId, deps.log);
    return;
  }
  const reply = messageActivity(result.reply, await namesFor(deps.db, ctx.workspace.id, result.reply));
  await replyPrivately(context, reply, deps.appId, deps.log);
}

/** A channel named in a command (`channel:#renewals`) can take reminders: it is in the same team. */
async function rememberMentionedChannels(context: TurnContext, deps: TeamsDeps): Promise<void> {
  const channels = mentionedChannelsOf(context.activity);
  if (channels.length === 0 || !teamOf(context.activity)) return;
  const workspace = workspaceId('teams', tenantOf(context.activity));
  const base = referenceFor(context.activity);
  for (const channel of channels) {
    if (await hasConversationRef(deps.db, workspace, channel.id)) continue;
    await storeReference(deps.db, workspace, channel.id, referenceForChannel(base, channel.id, channel.name), deps.log);
  }
}
