/**
 * The message model's small markup (`*bold*`, `` `code` ``, `<@USER>`, `<#CHANNEL>`) translated for
 * Teams: Adaptive Card markdown with `<at>Name</at>` mentions, or plain text for summaries.
 */
export interface Names {
  /** Display names of users (Teams 29: ids), cached from earlier requests. */
  users: ReadonlyMap<string, string>;
  /** Names of channels (and named group chats) we know, from stored conversation references. */
  channels: ReadonlyMap<string, string>;
  /** What each conversation we hold a reference for is; a personal chat also says whose it is. */
  conversations?: ReadonlyMap<string, Conversation>;
  /** The conversation the text is shown in: a mention of it reads "this chat" when it has no name. */
  here?: string;
  /** The one person the text is for (a private answer): their personal chat reads "your personal chat". */
  reader?: string;
}

export interface Conversation {
  kind: 'channel' | 'groupChat' | 'personal';
  /** Personal chats: the user chatting with the bot. */
  userId?: string;
  userName?: string;
}

export interface Mention {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

const USER = /<@([^>|\s]+)(?:\|([^>]*))?>/g;
const CHANNEL = /<#([^>|\s]+)(?:\|([^>]*))?>/g;

/**
 * The command layer writes commands as Slack's slash commands (`/contract add …`). In Teams a leading
 * "/" opens Teams' own command box, so there the words are written without it.
 */
const SLASH_COMMAND = /(^|[\s`*_(["'“‘])\/(contract|renewals|issue|sla)(?![\w/-])/g;

export function withoutSlashCommands(text: string): string {
  return text.replace(SLASH_COMMAND, '$1$2');
}

export function userName(names: Names, id: string, typed?: string): string {
  return names.users.get(id) ?? (typed || (id.startsWith('28:') ? 'bot' : 'someone'));
}

/** The kind of a conversation we hold no reference for, from the shape of its Teams id. */
function kindOfId(id: string): Conversation['kind'] | undefined {
  if (/@thread\.(?:tacv2|skype)$/.test(id)) return 'channel';
  if (/@thread\.v2$/.test(id)) return 'groupChat';
  if (id.startsWith('a:')) return 'personal';
  return undefined;
}

/**
 * How a channel mention reads: a channel as `#Name`; a chat without a name we know as what it is to
 * the reader ("this chat", "your personal chat", "a group chat"), never a bare placeholder.
 */
export function conversationLabel(names: Names, id: string, typed?: string): string {
  const known = names.conversations?.get(id);
  const name = names.channels.get(id) || typed || '';
  const kind = known?.kind ?? kindOfId(id) ?? (name ? 'channel' : undefined);
  if (kind === 'channel') return name ? `#${name}` : id === names.here ? 'this channel' : 'a Teams channel';
  if (id === names.here) return 'this chat';
  if (kind === 'personal') {
    if (known?.userId && known.userId === names.reader) return 'your personal chat';
    const owner = known?.userName || (known?.userId ? names.users.get(known.userId) : undefined);
    return owner ? `${owner}'s personal chat` : 'a personal chat';
  }
  if (kind === 'groupChat') return name ? `the group chat “${name}”` : 'a group chat';
  return 'a Teams chat';
}

/** Ids mentioned in a piece of text, to look their names up before rendering. */
export function mentionedIds(text: string): { users: string[]; channels: string[] } {
  return {
    users: [...text.matchAll(USER)].map((m) => m[1]!),
    channels: [...text.matchAll(CHANNEL)].map((m) => m[1]!),
  };
}

const DAY = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g;
const NON_BREAKING_HYPHEN = '\u2011';

/**
 * Teams wraps lines at hyphens, so "2026-12-31" could break into "2026-" and "12-31": outside code
 * spans (which a user copies into a command) dates get non-breaking hyphens (U+2011). Typed commands
 * read them back as "-" (commandTextOf).
 */
export function unbreakableDates(markdown: string): string {
  return markdown
    .split('`')
    .map((part, i) => (i % 2 === 0 ? part.replace(DAY, `$1${NON_BREAKING_HYPHEN}$2${NON_BREAKING_HYPHEN}$3`) : part))
    .join('`');
}

const NUMBER_AND_UNIT = /(\d) (%|min|h|[A-Z]{3})(?![\p{L}\d])/gu;
const NO_BREAK_SPACE = '\u00a0';

/**
 * Teams wraps at any space, so "98.214 %", "720 min" or "500.00 EUR" could lose their unit to the next
 * line: a number and its unit are joined by a no-break space (outside code spans, which are commands).
 * Typed commands read it back as a space (commandTextOf).
 */
export function unbreakableUnits(markdown: string): string {
  return markdown
    .split('`')
    .map((part, i) => (i % 2 === 0 ? part.replace(NUMBER_AND_UNIT, `$1${NO_BREAK_SPACE}$2`) : part))
    .join('`');
}

/** Card markdown for one line; every user mention becomes `<at>Name</at>` and is collected in `mentions`. */
export function toCardMarkdown(text: string, names: Names, mentions: Mention[]): string {
  return unbreakableUnits(unbreakableDates(toCardMarkup(text, names, mentions)));
}

function toCardMarkup(text: string, names: Names, mentions: Mention[]): string {
  return withoutSlashCommands(text)
    .replace(/\*([^*\n]+)\*/g, '**$1**')
    .replace(USER, (_m, id: string, typed?: string) => {
      const at = `<at>${userName(names, id, typed)}</at>`;
      if (!mentions.some((m) => m.mentioned.id === id && m.text === at)) mentions.push({ type: 'mention', text: at, mentioned: { id, name: userName(names, id, typed) } });
      return at;
    })
    .replace(CHANNEL, (_m, id: string, typed?: string) => conversationLabel(names, id, typed));
}

/** Plain text (notification summaries, toasts, fallbacks): no markup, mentions as @Name / #channel. */
export function toPlain(text: string, names: Names): string {
  return withoutSlashCommands(text)
    .replace(/```/g, '')
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/`([^`\n]*)`/g, '$1')
    .replace(USER, (_m, id: string, typed?: string) => `@${userName(names, id, typed)}`)
    .replace(CHANNEL, (_m, id: string, typed?: string) => conversationLabel(names, id, typed));
}
