import { describe, expect, it } from 'vitest';
import { closestNames, editDistance } from '../../src/domain/closest-names.js';

describe('editDistance', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1], // substitution
    ['abc', 'abcd', 1], // insertion
    ['abcd', 'acd', 1], // deletion
    ['ab', 'ba', 2], // a transposition is two edits in Levenshtein
    ['Zendesk', 'zendsk', 1],
  ])('%j → %j is %d', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });

  it('ignores case', () => {
    expect(editDistance('ACME', 'acme')).toBe(0);
    expect(editDistance('Acme Cloud', 'aCME cLOUD')).toBe(0);
  });
});

describe('closestNames', () => {
  const names = ['Acme Cloud', 'Acme Mail', 'Zendesk', 'Zoom', 'Zoho CRM', 'Slack Enterprise', 'Atlassian'];

  it('offers names that contain what was typed first, alphabetically', () => {
    expect(closestNames('acme', names)).toEqual(['Acme Cloud', 'Acme Mail']);
    expect(closestNames('ACME', names)).toEqual(['Acme Cloud', 'Acme Mail']);
  });

  it('also counts a name that is contained in what was typed', () => {
    expect(closestNames('Zendesk Suite', names)).toEqual(['Zendesk']);
  });

  it('finds typos by edit distance', () => {
    expect(closestNames('zendsk', names)).toEqual(['Zendesk']);
    expect(closestNames('Atlasian', names)).toEqual(['Atlassian']);
  });

  it('orders by closeness', () => {
    // zom → zoom: 1 edit of 4 (0.25); zom → zoho: 2 of 4 (0.5); nothing else is close.
    expect(closestNames('zom', ['Zoho', 'Zoom', 'Slack'])).toEqual(['Zoom', 'Zoho']);
  });

  it('puts substring matches before close typos', () => {
    // "zoom" is contained in "Zoom Rooms"; "Zoon" is one edit away.
    expect(closestNames('zoom', ['Zoon', 'Zoom Rooms'])).toEqual(['Zoom Rooms', 'Zoon']);
  });

  it('returns at most `limit` names (3 by default)', () => {
    const many = ['Acme A', 'Acme B', 'Acme C', 'Acme D', 'Acme E'];
    expect(closestNames('acme', many)).toEqual(['Acme A', 'Acme B', 'Acme C']);
    expect(closestNames('acme', many, 1)).toEqual(['Acme A']);
    expect(closestNames('acme', many, 10)).toHaveLength(5);
  });

  it('matches a typo of one word or of the beginning of a longer name', () => {
    expect(closestNames('Globx', ['Globex Support', 'Initech'])).toEqual(['Globex Support']);
    expect(closestNames('Suport', ['Globex Support', 'Initech'])).toEqual(['Globex Support']);
  });

  it('leaves out loose matches far behind a near miss', () => {
    expect(closestNames('Acme Suport', ['Acme Support', 'Globex Support'])).toEqual(['Acme Support']);
  });

  it('offers nothing when nothing is close', () => {
    expect(closestNames('salesforce', names)).toEqual([]);
    expect(closestNames('anything', [])).toEqual([]);
  });

  it('cuts off at 60 % of the longer name changed', () => {
    // abcde → abfgh: 3 of 5 (0.6) stays; abcde → afghi: 4 of 5 (0.8) goes.
    expect(closestNames('abcde', ['afghi', 'abfgh'])).toEqual(['abfgh']);
  });
});
