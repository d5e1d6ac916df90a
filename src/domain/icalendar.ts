import type { Day } from './days.js';

/**
 * RFC 5545 text primitives: content lines are folded at 75 octets (never inside a UTF-8 sequence),
 * TEXT values escaped, lines ended with CRLF.
 */

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and line breaks as `\n`. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

const MAX_OCTETS = 75;

function octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds one content line (RFC 5545 §3.1): no physical line longer than 75 octets, continuation lines
 * start with a space (counted in their 75), and a multi-octet UTF-8 character is never split.
 */
export function foldLine(line: string): string[] {
  const lines: string[] = [];
  let current = '';
  let used = 0;
  for (const char of line) {
    const size = octets(char.codePointAt(0)!);
    if (used + size > MAX_OCTETS) {
      lines.push(current);
      current = ' ';
      used = 1;
    }
    current += char;
    used += size;
  }
  lines.push(current);
  return lines;
}

/** A whole iCalendar object: every line folded, each ended with CRLF. */
export function contentLines(lines: readonly string[]): string {
  return lines.flatMap(foldLine).map((l) => `${l}\r\n`).join('');
}

/** A DATE value: 2027-01-31 → 20270131. */
export function dateValue(day: Day): string {
  return day.replace(/-/g, '');
}

/** A UTC DATE-TIME value: 20261206T141549Z. */
export function utcStamp(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}
