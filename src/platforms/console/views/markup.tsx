import type { ComponentChildren } from 'preact';

/** Names for the mentions in messages: user id → display name, channel id → channel name. */
export interface Names {
  users: ReadonlyMap<string, string>;
  channels: ReadonlyMap<string, string>;
}

const INLINE = /(`[^`\n]+`)|(\*[^*\n]+\*)|(<@[^>\s|]+(?:\|[^>]*)?>)|(<#[^>\s|]+(?:\|[^>]*)?>)/g;
const MENTION = /^<[@#]([^>\s|]+)(?:\|([^>]*))?>$/;

function inline(text: string, names: Names): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index! > last) out.push(text.slice(last, match.index));
    const [token] = match;
    if (match[1]) out.push(<code>{token.slice(1, -1)}</code>);
    else if (match[2]) out.push(<strong>{inline(token.slice(1, -1), names)}</strong>);
    else {
      const [, id, typed] = MENTION.exec(token)!;
      if (match[3]) out.push(<span class="mention">@{names.users.get(id!) ?? (typed || id)}</span>);
      else out.push(<span class="channel">#{names.channels.get(id!) ?? (typed || id)}</span>);
    }
    last = match.index! + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/**
 * The message model's markup (`*bold*`, `` `code` ``, ```` ``` ```` blocks, `<@USER>`, `<#CHANNEL>`)
 * as elements: every piece of text goes through preact, which escapes it.
 */
export function Markup({ text, names }: { text: string; names: Names }) {
  const parts = text.split('```');
  return <>{parts.map((part, i) => (i % 2 === 1 ? <pre>{part.replace(/^\n|\n$/g, '')}</pre> : inline(part, names)))}</>;
}

/** The ids a text mentions, to look their names up before rendering. */
export function mentionedUsers(text: string): string[] {
  return [...text.matchAll(/<@([^>\s|]+)(?:\|[^>]*)?>/g)].map((m) => m[1]!);
}
