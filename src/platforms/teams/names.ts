import type { Message } from '../../messages/model.js';
import type { Db } from '../../store/client.js';
import { conversationRefsOf } from '../../store/conversation-refs.js';
import { displayNamesOf } from '../../store/display-names.js';
import { mentionedIds, type Names } from './markup.js';

function textsOf(message: Message): string[] {
  return [message.text, ...message.blocks.flatMap((b) => (b.type === 'fields' ? b.fields.map((f) => f.value) : b.type === 'actions' ? [] : [b.text]))];
}

/** The names of every user and channel a message mentions, from the workspace's caches. */
export async function namesFor(db: Db, workspaceId: string, ...messages: Message[]): Promise<Names> {
  const users = new Set<string>();
  const channels = new Set<string>();
  for (const text of messages.flatMap(textsOf)) {
    const ids = mentionedIds(text);
    ids.users.forEach((id) => users.add(id));
    ids.channels.forEach((id) => channels.add(id));
  }
  const refs = await conversationRefsOf(db, workspaceId, [...channels]);
  const channelNames = new Map<string, string>();
  for (const { channelId, reference } of refs) {
    const name = (reference as { conversation?: { name?: unknown } } | null)?.conversation?.name;
    if (typeof name === 'string' && name) channelNames.set(channelId, name);
  }
  return { users: await displayNamesOf(db, workspaceId, [...users]), channels: channelNames };
}
