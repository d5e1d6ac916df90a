import type { Message } from '../../messages/model.js';
import type { Db } from '../../store/client.js';
import { conversationRefsOf } from '../../store/conversation-refs.js';
import { displayNamesOf } from '../../store/display-names.js';
import { mentionedIds, type Conversation, type Names } from './markup.js';

function textsOf(message: Message): string[] {
  return [message.text, ...message.blocks.flatMap((b) => (b.type === 'fields' ? b.fields.map((f) => f.value) : b.type === 'actions' ? [] : [b.text]))];
}

/** Who reads a rendered message, and where: mentions of that conversation (or their personal chat) say so. */
export interface Audience {
  /** The conversation the message is shown in. */
  here?: string;
  /** The one person it is for, when it is a private answer. */
  reader?: string;
}

interface StoredReference {
  conversation?: { name?: unknown; conversationType?: unknown; isGroup?: unknown };
  user?: { id?: unknown; name?: unknown };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** What a stored reference says about its conversation. */
function conversationOf(reference: StoredReference | null): Conversation | null {
  const conversation = reference?.conversation;
  if (!conversation) return null;
  const type = conversation.conversationType;
  if (type === 'channel') return { kind: 'channel' };
  if (type === 'groupChat' || (type !== 'personal' && conversation.isGroup === true)) return { kind: 'groupChat' };
  if (type === 'personal') return { kind: 'personal', userId: text(reference?.user?.id), userName: text(reference?.user?.name) };
  return null;
}

/** The names of every user and channel the messages mention, from the workspace's caches. */
export async function namesFor(db: Db, workspaceId: string, messages: Message | readonly Message[], audience: Audience = {}): Promise<Names> {
  const users = new Set<string>();
  const channels = new Set<string>();
  for (const text of (Array.isArray(messages) ? messages : [messages as Message]).flatMap(textsOf)) {
    const ids = mentionedIds(text);
    ids.users.forEach((id) => users.add(id));
    ids.channels.forEach((id) => channels.add(id));
  }
  const refs = await conversationRefsOf(db, workspaceId, [...channels]);
  const channelNames = new Map<string, string>();
  const conversations = new Map<string, Conversation>();
  for (const { channelId, reference } of refs) {
    const stored = reference as StoredReference | null;
    const name = text(stored?.conversation?.name);
    if (name) channelNames.set(channelId, name);
    const conversation = conversationOf(stored);
    if (conversation) conversations.set(channelId, conversation);
  }
  return { users: await displayNamesOf(db, workspaceId, [...users]), channels: channelNames, conversations, ...audience };
}
