import { describe, expect, it } from 'vitest';
import { typedToMarkup } from '../../src/platforms/console/typed.js';

const known = {
  people: [
    { id: 'UDANA', name: 'Dana Whitfield' },
    { id: 'USAM', name: 'Sam Okafor' },
    { id: 'USAMR', name: 'Sam Reyes' },
  ],
  channels: new Map([['CRENEW', 'renewals']]),
};

describe('typedToMarkup: what a console user types, as the command layer reads mentions', () => {
  it.each([
    ['/contract add "X" vendor:Y end:2027-01-31 owner:@dana', '/contract add "X" vendor:Y end:2027-01-31 owner:<@UDANA>'],
    ['/renewals settings approvers:@Dana,@sam.okafor', '/renewals settings approvers:<@UDANA>,<@USAM>'],
    ['/contract handover @danawhitfield @samreyes', '/contract handover <@UDANA> <@USAMR>'],
    ['/contract leaving @UDANA on:2027-01-31', '/contract leaving <@UDANA> on:2027-01-31'],
    ['/contract add "X" vendor:Y end:2027-01-31 channel:#renewals', '/contract add "X" vendor:Y end:2027-01-31 channel:<#CRENEW>'],
    ['ask @dana.', 'ask <@UDANA>.'],
  ])('%s', (typed, markup) => {
    expect(typedToMarkup(typed, known)).toBe(markup);
  });

  it('leaves unknown or ambiguous names, emails and existing mentions as typed', () => {
    expect(typedToMarkup('owner:@nobody', known)).toBe('owner:@nobody');
    expect(typedToMarkup('owner:@sam', known)).toBe('owner:@sam'); // two Sams: the whole name is needed
    expect(typedToMarkup('email:jane@globex.example', known)).toBe('email:jane@globex.example');
    expect(typedToMarkup('owner:<@UDANA>', known)).toBe('owner:<@UDANA>');
    expect(typedToMarkup('channel:#elsewhere', known)).toBe('channel:#elsewhere');
  });
});
