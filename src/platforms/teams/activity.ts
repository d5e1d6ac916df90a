import type { Activity } from 'botbuilder';
import type { SeenPerson } from '../../store/display-names.js';

/** Teams channel data, as far as Renewal Desk reads it. */
interface ChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
}

function channelData(activity: Partial<Activity>): ChannelData {
  const data = activity.channelData as unknown;
  return data && typeof data === 'object' ? (data as ChannelData) : {};
}

/** The tenant (= Renewal Desk workspace). Local tools without a tenant share the workspace `local`. */
export function tenantOf(activity: Partial<Activity>): string {
  return channelData(activity).tenant?.id || activity.conversation?.tenantId || 'local';
}

export function teamOf(activity: Partial<Activity>): string | null {
  return channelData(activity).team?.id ?? null;
}

/**
 * The conversation a message belongs to, as Renewal Desk names channels: a Teams channel's id
 * (`19:…@thread.tacv2`, without the `;messageid=` of a thread), else the chat's conversation id.
 */
export function channelOf(activity: Partial<Activity>): string {
  return channelData(activity).channel?.id || (activity.conversation?.id ?? '').split(';')[0]!;
}

/** A readable name for the conversation: the channel's name ("General" has none in Teams). */
export function channelNameOf(activity: Partial<Activity>): string | undefined {
  const data = channelData(activity);
  if (data.channel?.id) return data.channel.name ?? (data.channel.id === data.team?.id ? 'General' : undefined);
  return activity.conversation?.name ?? undefined;
}

export function isPersonal(activity: Partial<Activity>): boolean {
  return activity.conversation?.conversationType === 'personal' || (!activity.conversation?.isGroup && !channelData(activity).channel?.id && activity.conversation?.conversationType !== 'groupChat');
}

interface MentionEntity {
  type?: string;
  text?: string;
  mentioned?: { id?: string; name?: string };
}

function mentionsOf(activity: Partial<Activity>): { id: string; name: string; text: string }[] {
  return (activity.entities ?? []).flatMap((e) => {
    const m = e as MentionEntity;
    if (m.type !== 'mention' || !m.mentioned?.id) return [];
    const name = m.mentioned.name ?? '';
    return [{ id: m.mentioned.id, name, text: m.text ?? `<at>${name}</at>` }];
  });
}

const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/**
 * What the user typed, in the command layer's markup: the bot's own @mention removed, other people
 * as `<@29:…>`, channels as `<#19:…>`, and the HTML bits Teams may add stripped.
 */
export function commandTextOf(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  for (const mention of mentionsOf(activity)) {
    const replacement = mention.id === activity.recipient?.id ? ' ' : mention.id.startsWith('19:') ? `<#${mention.id}>` : `<@${mention.id}>`;
    const at = text.indexOf(mention.text);
    if (at >= 0) text = `${text.slice(0, at)}${replacement}${text.slice(at + mention.text.length)}`;
  }
  return text
    .replace(/<\/?(?:p|div|span|br|b|i|u|s|strong|em)(?:\s[^>]*)?\/?>/gi, ' ')
    .replace(/&(?:nbsp|quot|#39|apos|lt|gt|amp);/g, (e) => ENTITIES[e] ?? e)
    // A date copied from a card carries the non-breaking hyphens the cards show dates with.
    .replace(/\u2011/g, '-')
    // …and the no-break spaces that keep a number with its unit.
    .replace(/\u00a0/g, ' ')
    .trim();
}

/** Everyone whose name this activity tells us: the sender and each mentioned person. */
export function peopleOf(activity: Partial<Activity>): SeenPerson[] {
  const people: SeenPerson[] = [];
  if (activity.from?.id && activity.from.name) people.push({ userId: activity.from.id, displayName: activity.from.name });
  for (const m of mentionsOf(activity)) {
    if (m.id !== activity.recipient?.id && !m.id.startsWith('19:') && m.name) people.push({ userId: m.id, displayName: m.name, isBot: m.id.startsWith('28:') });
  }
  return people;
}

/** Channels mentioned in the activity (to remember how to post there). */
export function mentionedChannelsOf(activity: Partial<Activity>): { id: string; name: string }[] {
  return mentionsOf(activity).filter((m) => m.id.startsWith('19:')).map((m) => ({ id: m.id, name: m.name }));
}
