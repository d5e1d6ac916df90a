import { UsageError } from './errors.js';

export interface Token {
  /** Set for `key:value` options. */
  key?: string;
  value: string;
}

const OPENING_QUOTES = new Set(['"', '“', '”', '„']);
const CLOSING_QUOTES = new Set(['"', '“', '”']);
const OPTION = /^([a-z][a-z0-9-]*):(.*)$/i;

/**
 * Splits a command line into words and `key:value` options. Double quotes (including the curly
 * quotes Slack clients insert) group words; `key:"a b"` is an option with a spaced value.
 */
export function tokenize(input: string, example: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const text = input.replace(/\u00a0/g, ' ');
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i += 1;
      continue;
    }
    let raw = '';
    let quotedFromStart = false;
    while (i < text.length && !/\s/.test(text[i]!)) {
      const ch = text[i]!;
      if (OPENING_QUOTES.has(ch)) {
        if (raw === '') quotedFromStart = true;
        const close = findClosingQuote(text, i + 1);
        if (close < 0) throw new UsageError('A double quote is not closed.', example);
        raw += text.slice(i + 1, close);
        i = close + 1;
      } else {
        raw += ch;
        i += 1;
      }
    }
    const option = quotedFromStart ? null : OPTION.exec(raw);
    if (option) tokens.push({ key: option[1]!.toLowerCase(), value: option[2]! });
    else tokens.push({ value: raw });
  }
  return tokens;
}

function findClosingQuote(text: string, from: number): number {
  for (let j = from; j < text.length; j += 1) if (CLOSING_QUOTES.has(text[j]!)) return j;
  return -1;
}
