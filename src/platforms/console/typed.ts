/**
 * What a console user types, in the command layer's markup: `@dana` (a first name, a whole name
 * without spaces, or a user id) becomes `<@UDEMODANA>`, `#renewals` becomes `<#CDEMORENEWALS>`, as
 * Slack and Teams hand mentions over. Unknown names stay as typed, and the parser says what it expects.
 */
export interface Known {
  people: readonly { id: string; name: string }[];
  /** Channel id → name. */
  channels: ReadonlyMap<string, string>;
}

const WORD = String.raw`[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*`;
const PERSON = new RegExp(String.raw`(^|[\s,:(])@(${WORD})`, 'gu');
const CHANNEL = new RegExp(String.raw`(^|[\s,:(])#(${WORD})`, 'gu');

function keysOf(name: string): string[] {
  const lower = name.toLowerCase();
  return [lower.split(/\s+/)[0]!, lower.replace(/\s+/g, ''), lower.replace(/\s+/g, '.')];
}

export function typedToMarkup(text: string, known: Known): string {
  const people = new Map<string, string | null>();
  for (const person of known.people) {
    for (const key of [person.id.toLowerCase(), ...keysOf(person.name)]) {
      // Two people with one first name: that key means neither (the whole name still works).
      people.set(key, people.has(key) && people.get(key) !== person.id ? null : person.id);
    }
  }
  const channels = new Map<string, string>();
  for (const [id, name] of known.channels) {
    channels.set(id.toLowerCase(), id);
    channels.set(name.toLowerCase(), id);
  }
  return text
    .replace(PERSON, (whole, before: string, word: string) => {
      const id = people.get(word.toLowerCase());
      return id ? `${before}<@${id}>` : whole;
    })
    .replace(CHANNEL, (whole, before: string, word: string) => {
      const id = channels.get(word.toLowerCase());
      return id ? `${before}<#${id}>` : whole;
    });
}
