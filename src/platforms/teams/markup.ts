/**
 * The message model's small markup (`*bold*`, `` `code` ``, `<@USER>`, `<#CHANNEL>`) translated for
 * Teams: Adaptive Card markdown with `<at>Name</at>` mentions, or plain text for summaries.
 */
export interface Names {
  /** Display names of users (Teams 29: ids), cached from earlier requests. */
  users: ReadonlyMap<string, string>;
  /** Names of channels we know (from stored conversation references). */
  channels: ReadonlyMap<string, string>;
}

export interface Mention {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

const USER = /<@([^>|\s]+)(?:\|([^>]*))?>/g;
const CHANNEL = /<#([^>|\s]+)(?:\|([^>]*))?>/g;

export function userName(names: Names, id: string, typed?: string): string {
  return names.users.get(id) ?? (typed || (id.startsWith('28:') ? 'bot' : 'someone'));
}

export function channelName(names: Names, id: string, typed?: string): string {
  return names.channels.get(id) ?? (typed || 'channel');
}

/** Ids mentioned in a piece of text, to look their names up before rendering. */
export function mentionedIds(text: string): { users: string[]; channels: string[] } {
  return {
    users: [...text.matchAll(USER)].map((m) => m[1]!),
    channels: [...text.matchAll(CHANNEL)].map((m) => m[1]!),
  };
}

/** Card markdown for one line; every user mention becomes `<at>Name</at>` and is collected in `mentions`. */
export function toCardMarkdown(text: string, names: Names, mentions: Mention[]): string {
  return text
    .replace(/\*([^*\n]+)\*/g, '**$1**')
    .replace(USER, (_m, id: string, typed?: string) => {
      const at = `<at>${userName(names, id, typed)}</at>`;
      if (!mentions.some((m) => m.mentioned.id === id && m.text === at)) mentions.push({ type: 'mention', text: at, mentioned: { id, name: userName(names, id, typed) } });
      return at;
    })
    .replace(CHANNEL, (_m, id: string, typed?: string) => `#${channelName(names, id, typed)}`);
}

/** Plain text (notification summaries, toasts, fallbacks): no markup, mentions as @Name / #channel. */
export function toPlain(text: string, names: Names): string {
  return text
    .replace(/```/g, '')
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/`([^`\n]*)`/g, '$1')
    .replace(USER, (_m, id: string, typed?: string) => `@${userName(names, id, typed)}`)
    .replace(CHANNEL, (_m, id: string, typed?: string) => `#${channelName(names, id, typed)}`);
}
