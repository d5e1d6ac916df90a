import { describe, expect, it } from 'vitest';
import { contentLines, dateValue, escapeText, foldLine, utcStamp } from '../../src/domain/icalendar.js';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');
/** RFC 5545 unfolding: a line break followed by one space or tab is removed. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

describe('escapeText (RFC 5545 TEXT)', () => {
  it.each([
    ['plain', 'plain'],
    ['a;b', 'a\\;b'],
    ['a,b', 'a\\,b'],
    ['back\\slash', 'back\\\\slash'],
    ['line\nbreak', 'line\\nbreak'],
    ['windows\r\nbreak', 'windows\\nbreak'],
    ['old mac\rbreak', 'old mac\\nbreak'],
    ['all: \\ ; , \n', 'all: \\\\ \\; \\, \\n'],
    ['colon: stays', 'colon: stays'],
  ])('%j → %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it('escapes the backslash first, so that an escape is never doubled', () => {
    expect(escapeText('\\;')).toBe('\\\\\\;');
  });
});

describe('foldLine (75 octets, UTF-8 safe)', () => {
  it('leaves a line of 75 octets alone and folds one of 76', () => {
    expect(foldLine('x'.repeat(75))).toEqual(['x'.repeat(75)]);
    expect(foldLine('x'.repeat(76))).toEqual(['x'.repeat(75), ' x']);
  });

  it('counts the leading space of a continuation line in its 75 octets', () => {
    const lines = foldLine('y'.repeat(75 + 74 + 10));
    expect(lines.map(octets)).toEqual([75, 75, 11]);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
  });

  it.each([
    ['two-octet é', 'é'],
    ['three-octet €', '€'],
    ['four-octet emoji', '🛑'],
    ['combining and CJK mix', 'e\u0301日本'],
  ])('never splits a character (%s) and keeps every line within 75 octets', (_name, char) => {
    for (let prefix = 0; prefix < 6; prefix += 1) {
      const line = `DESCRIPTION:${'a'.repeat(prefix)}${char.repeat(60)}`;
      const folded = foldLine(line);
      for (const physical of folded) {
        expect(octets(physical)).toBeLessThanOrEqual(75);
        // A split UTF-8 sequence would not survive a round trip through bytes.
        expect(Buffer.from(physical, 'utf8').toString('utf8')).toBe(physical);
        expect(physical).not.toMatch(/\uFFFD/);
      }
      expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
    }
  });
});

describe('contentLines', () => {
  it('ends every physical line with CRLF, and unfolding gives the lines back', () => {
    const lines = ['BEGIN:VCALENDAR', `SUMMARY:${'Notice deadline: Ünïcödé Sërvïcé (Vendor) '.repeat(4)}`, 'END:VCALENDAR'];
    const text = contentLines(lines);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(unfold(text).split('\r\n').slice(0, -1)).toEqual(lines);
    for (const physical of text.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75);
  });
});

describe('values', () => {
  it('writes DATE and UTC DATE-TIME values', () => {
    expect(dateValue('2027-01-31')).toBe('20270131');
    expect(utcStamp(new Date('2026-12-06T14:15:49.123Z'))).toBe('20261206T141549Z');
    expect(utcStamp(new Date('2026-12-06T15:15:49+01:00'))).toBe('20261206T141549Z');
  });
});
