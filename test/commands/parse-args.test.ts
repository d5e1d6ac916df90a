import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/commands/errors.js';
import { parseOptions, positionals, truncate } from '../../src/commands/parse-args.js';
import { tokenize } from '../../src/commands/tokenize.js';
import { daySchema, noticeDays, tier, userMention } from '../../src/commands/values.js';

const EXAMPLE = '/contract add "Acme Cloud" vendor:Acme end:2026-12-31';
const spec = { end: daySchema('2026-01-15'), notice: noticeDays, tier, owner: userMention };
const tokens = (input: string) => tokenize(input, EXAMPLE);

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error('expected a UsageError');
}

describe('parseOptions', () => {
  it('parses every option with its schema and ignores positionals', () => {
    expect(parseOptions(tokens('add "Acme Cloud" end:2026-12-31 notice:60d tier:1 owner:<@U1|al>'), spec, EXAMPLE)).toEqual({
      end: '2026-12-31',
      notice: 60,
      tier: 1,
      owner: 'U1',
    });
  });

  it('leaves out options that were not given', () => {
    expect(parseOptions(tokens('add x end:2026-12-31'), spec, EXAMPLE)).toEqual({ end: '2026-12-31' });
  });

  it('reports an unknown key and lists the options', () => {
    const error = usageError(() => parseOptions(tokens('colour:red'), spec, EXAMPLE));
    expect(error.message).toBe('`colour:` is not an option here (options: end: notice: tier: owner:)');
    expect(error.example).toBe(EXAMPLE);
  });

  it('reports a repeated key', () => {
    expect(usageError(() => parseOptions(tokens('tier:1 tier:2'), spec, EXAMPLE)).message).toBe('`tier:` is given twice');
  });

  it('reports every problem at once, one per line', () => {
    const error = usageError(() => parseOptions(tokens('end:2026-02-30 notice:-5d tier:4 colour:red'), spec, EXAMPLE));
    expect(error.message.split('\n')).toEqual([
      '`end:2026-02-30` is not a real calendar date',
      '`notice:-5d` must not be negative',
      '`tier:4` must be 1, 2 or 3',
      '`colour:` is not an option here (options: end: notice: tier: owner:)',
    ]);
  });

  it('shortens a long bad value in the message', () => {
    const error = usageError(() => parseOptions(tokens(`owner:${'x'.repeat(60)}`), spec, EXAMPLE));
    expect(error.message).toBe(`\`owner:${'x'.repeat(40)}…\` must be a user mention like @alice`);
  });
});

describe('positionals', () => {
  it('keeps the plain words in order', () => {
    expect(positionals(tokens('add "Acme Cloud" end:2026-12-31 <@U1> extra'))).toEqual(['add', 'Acme Cloud', '<@U1>', 'extra']);
  });
});

describe('truncate', () => {
  it('cuts long text and marks it', () => {
    expect(truncate('short')).toBe('short');
    expect(truncate('x'.repeat(40))).toBe('x'.repeat(40));
    expect(truncate('x'.repeat(41))).toBe(`${'x'.repeat(40)}…`);
    expect(truncate('abcdef', 3)).toBe('abc…');
  });
});
