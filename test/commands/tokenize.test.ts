import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/commands/errors.js';
import { tokenize } from '../../src/commands/tokenize.js';

const EXAMPLE = '/contract add "Acme Cloud" vendor:"Acme Inc" end:2026-12-31';
const t = (input: string) => tokenize(input, EXAMPLE);

describe('tokenize: words and options', () => {
  it('splits on whitespace', () => {
    expect(t('list')).toEqual([{ value: 'list' }]);
    expect(t('  show   acme  ')).toEqual([{ value: 'show' }, { value: 'acme' }]);
    expect(t('a\tb\nc')).toEqual([{ value: 'a' }, { value: 'b' }, { value: 'c' }]);
  });

  it('treats a non-breaking space (pasted from rich text) as a space', () => {
    expect(t('show\u00a0acme')).toEqual([{ value: 'show' }, { value: 'acme' }]);
  });

  it('gives nothing for empty or blank input', () => {
    expect(t('')).toEqual([]);
    expect(t('   \t ')).toEqual([]);
  });

  it('reads key:value options and lower-cases the key, not the value', () => {
    expect(t('end:2026-12-31 Tier:2 Currency:eur')).toEqual([
      { key: 'end', value: '2026-12-31' },
      { key: 'tier', value: '2' },
      { key: 'currency', value: 'eur' },
    ]);
  });

  it('keeps keys with digits and dashes', () => {
    expect(t('escalation-1:<@U1>')).toEqual([{ key: 'escalation-1', value: '<@U1>' }]);
  });

  it('allows an empty option value', () => {
    expect(t('services:')).toEqual([{ key: 'services', value: '' }]);
  });

  it('splits an option on its first colon only: instants keep their colons', () => {
    expect(t('at:2026-11-20T10:00')).toEqual([{ key: 'at', value: '2026-11-20T10:00' }]);
    expect(t('at:2026-11-20T10:00:30+01:00')).toEqual([{ key: 'at', value: '2026-11-20T10:00:30+01:00' }]);
    expect(t('time:09:00')).toEqual([{ key: 'time', value: '09:00' }]);
  });

  it('is not an option when the word does not start with a letter-key', () => {
    expect(t(':foo')).toEqual([{ value: ':foo' }]);
    expect(t('1:2')).toEqual([{ value: '1:2' }]);
    expect(t('-x:1')).toEqual([{ value: '-x:1' }]);
  });

  it('keeps the order of words and options', () => {
    expect(t('add "Acme Cloud" vendor:Acme end:2026-12-31 extra')).toEqual([
      { value: 'add' },
      { value: 'Acme Cloud' },
      { key: 'vendor', value: 'Acme' },
      { key: 'end', value: '2026-12-31' },
      { value: 'extra' },
    ]);
  });
});

describe('tokenize: quotes', () => {
  it('groups words in double quotes', () => {
    expect(t('show "Acme Cloud EU"')).toEqual([{ value: 'show' }, { value: 'Acme Cloud EU' }]);
  });

  it('keeps spaces inside quotes exactly', () => {
    expect(t('"  two  spaces  "')).toEqual([{ value: '  two  spaces  ' }]);
  });

  it('reads key:"value with spaces" as an option', () => {
    expect(t('vendor:"Acme, Inc." services:"Email, chat and video"')).toEqual([
      { key: 'vendor', value: 'Acme, Inc.' },
      { key: 'services', value: 'Email, chat and video' },
    ]);
  });

  it('reads an empty quoted value', () => {
    expect(t('""')).toEqual([{ value: '' }]);
    expect(t('services:""')).toEqual([{ key: 'services', value: '' }]);
  });

  it('a word quoted from its start is never an option, even with a colon in it', () => {
    expect(t('"Acme: Cloud"')).toEqual([{ value: 'Acme: Cloud' }]);
    expect(t('"vendor:Acme"')).toEqual([{ value: 'vendor:Acme' }]);
  });

  it('joins a quoted part with text touching it into one word', () => {
    expect(t('"Acme"Cloud next')).toEqual([{ value: 'AcmeCloud' }, { value: 'next' }]);
    expect(t('pre"fix suf"fix')).toEqual([{ value: 'prefix suffix' }]);
  });

  it('accepts the curly quotes that Slack and phones insert', () => {
    expect(t('show “Acme Cloud”')).toEqual([{ value: 'show' }, { value: 'Acme Cloud' }]);
    expect(t('vendor:“Acme Inc”')).toEqual([{ key: 'vendor', value: 'Acme Inc' }]);
    expect(t('”Acme Cloud”')).toEqual([{ value: 'Acme Cloud' }]);
    expect(t('„Acme Cloud“')).toEqual([{ value: 'Acme Cloud' }]); // German style
    expect(t('"Acme Cloud”')).toEqual([{ value: 'Acme Cloud' }]); // mixed
  });

  it('treats single quotes and apostrophes as ordinary characters', () => {
    expect(t("vendor:O'Brien 'a b'")).toEqual([{ key: 'vendor', value: "O'Brien" }, { value: "'a" }, { value: "b'" }]);
  });

  it('refuses an unterminated quote with a UsageError carrying the example', () => {
    for (const input of ['show "Acme Cloud', 'vendor:"Acme', '"', 'add “Acme Cloud', 'a "b" "c']) {
      let error: unknown;
      try {
        t(input);
      } catch (e) {
        error = e;
      }
      expect(error, input).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toMatch(/quote/i);
      expect((error as UsageError).example).toBe(EXAMPLE);
    }
  });
});

describe('tokenize: Slack escapes', () => {
  it('keeps user mentions as single words', () => {
    expect(t('<@U123>')).toEqual([{ value: '<@U123>' }]);
    expect(t('handover <@U123|alice> <@U456|bob>')).toEqual([{ value: 'handover' }, { value: '<@U123|alice>' }, { value: '<@U456|bob>' }]);
  });

  it('keeps channel mentions as single words', () => {
    expect(t('<#C123|general>')).toEqual([{ value: '<#C123|general>' }]);
  });

  it('reads mentions as option values', () => {
    expect(t('owner:<@U123|alice> channel:<#C123|renewals>')).toEqual([
      { key: 'owner', value: '<@U123|alice>' },
      { key: 'channel', value: '<#C123|renewals>' },
    ]);
    expect(t('approvers:<@U1>,<@U2|bo>')).toEqual([{ key: 'approvers', value: '<@U1>,<@U2|bo>' }]);
  });
});
