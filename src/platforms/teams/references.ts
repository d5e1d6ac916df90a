import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Db } from '../../store/client.js';
import { loadConversationRef, saveConversationRef } from '../../store/conversation-refs.js';
import { workspaceId } from '../../store/workspaces.js';
import { channelNameOf, channelOf, tenantOf } from './activity.js';
import type { Log } from '../../log.js';

/**
 * The reference to post into a conversation proactively. For a Teams channel it points at the
 * channel itself (no `;messageid=` thread, no activity to reply to), so reminders start new posts.
 */
export function referenceFor(activity: Partial<Activity>): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  const { activityId: _thread, ...rest } = reference;
  return {
    ...rest,
    conversation: { ...reference.conversation!, id: channelOf(activity), name: channelNameOf(activity) ?? reference.conversation?.name ?? '' },
  };
}

/** The same team's reference, pointed at another of its channels (a channel named in a command). */
export function referenceForChannel(base: Partial<ConversationReference>, channelId: string, name: string): Partial<ConversationReference> {
  return { ...base, conversation: { ...base.conversation!, id: channelId, name, conversationType: 'channel', isGroup: true } };
}

/**
 * Stores where this conversation can be reached; a concurrent first contact is harmless. Teams names a
 * channel only in some activities (the bot being added, a channel mention): a name stored before is
 * kept when this activity has none.
 */
export async function rememberConversation(db: Db, activity: Partial<Activity>, log: Log): Promise<void> {
  if (!activity.serviceUrl || !activity.conversation?.id) return;
  const workspace = workspaceId('teams', tenantOf(activity));
  const channelId = channelOf(activity);
  const reference = referenceFor(activity);
  if (!reference.conversation?.name) {
    const stored = await storedName(db, workspace, channelId, log);
    if (stored) reference.conversation = { ...reference.conversation!, name: stored };
  }
  await storeReference(db, workspace, channelId, reference, log);
}

/** The name stored with a conversation's reference ('' when none, or nothing is stored). */
async function storedName(db: Db, workspace: string, channelId: string, log: Log): Promise<string> {
  try {
    const name = ((await loadConversationRef(db, workspace, channelId)) as { conversation?: { name?: unknown } } | null)?.conversation?.name;
    return typeof name === 'string' ? name : '';
  } catch (error) {
    log(`could not read the Teams conversation reference of ${channelId}: ${(error as Error).message}`, 'warn');
    return '';
  }
}

export async function storeReference(db: Db, workspace: string, channelId: string, reference: Partial<ConversationReference>, log: Log): Promise<void> {
  try {
    await saveConversationRef(db, workspace, channelId, reference);
  } catch (error) {
    log(`could not store the Teams conversation reference of ${channelId}: ${(error as Error).message}`, 'warn');
  }
}

/** A stored reference, if it still has what botbuilder needs to post (service URL, conversation id). */
export async function storedReference(db: Db, workspace: string, channelId: string): Promise<Partial<ConversationReference> | null> {
  const reference = (await loadConversationRef(db, workspace, channelId)) as Partial<ConversationReference> | null;
  if (!reference || typeof reference.serviceUrl !== 'string' || typeof reference.conversation?.id !== 'string') return null;
  return reference;
}
