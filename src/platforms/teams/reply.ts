import type { Activity, CloudAdapter, ConversationParameters, TurnContext } from 'botbuilder';
import { isPersonal, tenantOf } from './activity.js';
import type { AdaptiveCard } from './render.js';
import type { Log } from '../../log.js';

/** The OAuth scope of the public Bot Framework channel (what CloudAdapter uses by default). */
const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';

export type CardReply = { type: 'message'; summary: string; attachments: { contentType: string; content: AdaptiveCard }[] };

const NOTE = 'Teams would not let Renewal Desk open a private chat with you, so this answer is visible here.';

function withNote(activity: CardReply): CardReply {
  const [first, ...rest] = activity.attachments;
  if (!first) return activity;
  const body = [...first.content.body, { type: 'TextBlock', text: NOTE, size: 'Small', isSubtle: true, wrap: true }];
  return { ...activity, attachments: [{ ...first, content: { ...first.content, body } }, ...rest] };
}

/**
 * Answers the user who wrote, as privately as Teams allows. Teams has no messages visible to one
 * person in a channel, so: in a personal chat the answer goes there; from a channel or group chat
 * it goes to the user's personal chat with the bot; if Teams refuses that (the app is not installed
 * for them), it is posted in the thread with a note saying so. Returns where it went.
 */
export async function replyPrivately(context: TurnContext, activity: CardReply, appId: string, log: Log): Promise<'chat' | 'direct' | 'thread'> {
  const incoming = context.activity;
  if (isPersonal(incoming)) {
    await context.sendActivity(activity);
    return 'chat';
  }
  const tenantId = tenantOf(incoming);
  const parameters = {
    isGroup: false,
    bot: incoming.recipient,
    members: [{ id: incoming.from.id, name: incoming.from.name }],
    tenantId,
    channelData: { tenant: { id: tenantId } },
  } as unknown as ConversationParameters;
  try {
    let sent = false;
    await (context.adapter as CloudAdapter).createConversationAsync(appId, incoming.channelId || 'msteams', incoming.serviceUrl, BOT_FRAMEWORK_SCOPE, parameters, async (direct) => {
      await direct.sendActivity(activity as Partial<Activity>);
      sent = true;
    });
    if (sent) return 'direct';
  } catch (error) {
    log(`could not message ${incoming.from.id} privately (${(error as Error).message}); answering in the thread`, 'warn');
  }
  await context.sendActivity(withNote(activity));
  return 'thread';
}
