import { describe, expect, it } from 'vitest';
import { commandTextOf, channelOf, peopleOf, tenantOf } from '../../src/platforms/teams/activity.js';
import { conversationLabel, toCardMarkdown, toPlain, withoutSlashCommands, type Names } from '../../src/platforms/teams/markup.js';
import { plainTextOf, toAdaptiveCard, summaryOf } from '../../src/platforms/teams/render.js';
import type { Message } from '../../src/messages/model.js';

const names = { users: new Map([['29:alice', 'Alice Smith'], ['29:bob', 'Bob']]), channels: new Map([['19:net@thread.tacv2', 'Network']]) };

describe('the message model as an Adaptive Card', () => {
  const message: Message = {
    text: 'Renewal reminder: *Globex* for <@29:alice> in <#19:net@thread.tacv2>',
    blocks: [
      { type: 'header', text: 'Renewal reminder: Globex' },
      { type: 'section', text: '*Globex* is owned by <@29:alice>; ask <@29:bob> or <@29:carol|Carol>.\nSecond line with `code`' },
      { type: 'fields', fields: [{ label: 'Owner', value: '<@29:alice>' }] },
      { type: 'section', text: 'Letter:\n```Dear vendor,\nwe terminate *now*.```' },
      { type: 'context', text: 'Posted in <#19:net@thread.tacv2>' },
      { type: 'actions', buttons: [{ action: 'decide.renew', label: 'Renew', value: '{"c":"1","y":1}', style: 'primary' }, { action: 'decide.terminate', label: 'Terminate', value: 'x', style: 'danger' }] },
    ],
  };
  const card = toAdaptiveCard(message, names);
  const json = JSON.stringify(card);

  it('is schema 1.5 with a plain-text fallback', () => {
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(card['fallbackText']).toBe('Renewal reminder: Globex for @Alice Smith in #Network');
    expect(summaryOf(message, names)).toBe('Renewal reminder: Globex for @Alice Smith in #Network');
  });

  it('gives each further line of a field value a fact of its own, so no client runs them together', () => {
    const multi = toAdaptiveCard({ text: 'SLA', blocks: [{ type: 'fields', fields: [{ label: 'Response compliance', value: '1 of 2 met (50 %)\nP1: 1 of 1 met (100 %)\nP2: 0 of 1 met (0 %)' }, { label: 'Uptime', value: '100 %' }] }] }, names);
    expect(multi.body[0]).toEqual({
      type: 'FactSet',
      facts: [
        { title: 'Response compliance', value: '1 of 2 met (50\u00a0%)' },
        { title: '', value: 'P1: 1 of 1 met (100\u00a0%)' },
        { title: '', value: 'P2: 0 of 1 met (0\u00a0%)' },
        { title: 'Uptime', value: '100\u00a0%' },
      ],
    });
  });

  it('turns *bold* into markdown bold, one TextBlock per line', () => {
    expect(json).toContain('"text":"**Globex** is owned by <at>Alice Smith</at>; ask <at>Bob</at> or <at>Carol</at>."');
    expect(json).toContain('"text":"Second line with `code`","wrap":true,"spacing":"None"');
  });

  it('mentions people with <at> and one entity per person', () => {
    const entities = (card['msteams'] as { entities: { text: string; mentioned: { id: string; name: string } }[] }).entities;
    expect(entities.map((e) => e.mentioned.id)).toEqual(['29:alice', '29:bob', '29:carol']);
    expect(entities[2]).toEqual({ type: 'mention', text: '<at>Carol</at>', mentioned: { id: '29:carol', name: 'Carol' } });
    expect(json).toContain('{"title":"Owner","value":"<at>Alice Smith</at>"}');
  });

  it('names channels, keeps code blocks verbatim in monospace, and makes buttons Action.Execute with verbs', () => {
    expect(json).toContain('Posted in #Network');
    expect(json).toContain('{"type":"TextBlock","text":"we terminate now.","wrap":true,"spacing":"None","fontType":"Monospace"}');
    expect(json).toContain('{"type":"Action.Execute","title":"Renew","verb":"decide.renew","data":{"value":"{\\"c\\":\\"1\\",\\"y\\":1}"},"style":"positive"}');
    expect(json).toContain('"style":"destructive"');
  });

  it('renders a whole message as plain text for answers shown only to the clicker', () => {
    expect(plainTextOf(message, names)).toContain('Globex is owned by @Alice Smith; ask @Bob or @Carol.');
    expect(plainTextOf(message, names)).toContain('Owner: @Alice Smith');
  });
});

describe('naming conversations', () => {
  const known: Names = {
    users: new Map([['29:bob', 'Bob']]),
    channels: new Map([['19:net@thread.tacv2', 'Network'], ['19:team@thread.v2', 'Vendor team']]),
    conversations: new Map([
      ['19:net@thread.tacv2', { kind: 'channel' as const }],
      ['19:nameless@thread.tacv2', { kind: 'channel' as const }],
      ['19:team@thread.v2', { kind: 'groupChat' as const }],
      ['a:alice', { kind: 'personal' as const, userId: '29:alice', userName: 'Alice' }],
      ['a:bob', { kind: 'personal' as const, userId: '29:bob' }],
      ['8:chat', { kind: 'personal' as const }],
    ]),
  };

  it('calls the conversation a message is shown in "this chat", and a channel by its name', () => {
    const here = { ...known, here: 'a:alice' };
    expect(toPlain('Reminders at 09:00 UTC in <#a:alice>.', here)).toBe('Reminders at 09:00 UTC in this chat.');
    expect(conversationLabel({ ...known, here: '19:team@thread.v2' }, '19:team@thread.v2')).toBe('this chat');
    expect(conversationLabel({ ...known, here: '19:net@thread.tacv2' }, '19:net@thread.tacv2')).toBe('#Network');
    expect(conversationLabel({ ...known, here: '19:nameless@thread.tacv2' }, '19:nameless@thread.tacv2')).toBe('this channel');
  });

  it('elsewhere says whose personal chat, which group chat, or what it is: never a placeholder', () => {
    expect(conversationLabel({ ...known, reader: '29:alice' }, 'a:alice')).toBe('your personal chat');
    expect(conversationLabel(known, 'a:alice')).toBe("Alice's personal chat");
    expect(conversationLabel(known, 'a:bob')).toBe("Bob's personal chat");
    expect(conversationLabel(known, '8:chat')).toBe('a personal chat');
    expect(conversationLabel(known, '19:team@thread.v2')).toBe('the group chat “Vendor team”');
    expect(conversationLabel(known, '19:other@thread.v2')).toBe('a group chat');
    expect(conversationLabel(known, '19:nameless@thread.tacv2')).toBe('a Teams channel');
    expect(conversationLabel(known, 'a:unknown')).toBe('a personal chat');
    expect(conversationLabel(known, 'something-else')).toBe('a Teams chat');
    const json = JSON.stringify(toAdaptiveCard({ text: 'In <#19:nameless@thread.tacv2>', blocks: [{ type: 'fields', fields: [{ label: 'Channel', value: '<#8:chat>' }] }] }, known));
    expect(json).not.toContain('#channel');
    expect(json).toContain('{"title":"Channel","value":"a personal chat"}');
  });
});

describe('commands without the slash', () => {
  it('drops the slash of the four commands wherever they start a word, and nothing else', () => {
    expect(withoutSlashCommands('• `/contract add "X"` (bare `/contract add` opens a form) · */sla* — and /renewals, an /issue command')).toBe('• `contract add "X"` (bare `contract add` opens a form) · *sla* — and renewals, an issue command');
    expect(withoutSlashCommands('see https://example.com/contract and /api/messages, /contracts, a/issue')).toBe('see https://example.com/contract and /api/messages, /contracts, a/issue');
    const card = JSON.stringify(toAdaptiveCard({ text: '⚠ Bad. Example: /contract add x', blocks: [{ type: 'section', text: '⚠ Bad.\nExample: `/contract add x`' }] }, names));
    expect(card).not.toContain('/contract');
    expect(card).toContain('Example: `contract add x`');
  });
});

/** An incoming activity as the helpers take it (only the fields a test sets). */
const activity = (a: object) => a as Parameters<typeof commandTextOf>[0];

describe('reading what the user typed', () => {
  const base = { recipient: { id: '28:bot', name: 'Renewal Desk' }, from: { id: '29:me', name: 'Me' }, conversation: { id: '19:net@thread.tacv2;messageid=17', tenantId: 't-conv' } };
  it('drops the bot mention, writes people and channels in the command markup, and strips HTML', () => {
    const typed = activity({
      ...base,
      text: '<at>Renewal Desk</at> contract edit &quot;A&amp;B&quot;&nbsp;owner:<at>Alice</at> channel:<at>Network</at> <p></p>',
      entities: [
        { type: 'mention', text: '<at>Renewal Desk</at>', mentioned: { id: '28:bot', name: 'Renewal Desk' } },
        { type: 'mention', text: '<at>Alice</at>', mentioned: { id: '29:alice', name: 'Alice' } },
        { type: 'mention', text: '<at>Network</at>', mentioned: { id: '19:net@thread.tacv2', name: 'Network' } },
        { type: 'clientInfo', locale: 'en-US' },
      ],
    });
    expect(commandTextOf(typed)).toBe('contract edit "A&B" owner:<@29:alice> channel:<#19:net@thread.tacv2>');
    expect(peopleOf(typed)).toEqual([{ userId: '29:me', displayName: 'Me' }, { userId: '29:alice', displayName: 'Alice', isBot: false }]);
  });

  it('tells two people with the same name apart by the order of their mentions', () => {
    const typed = activity({
      ...base,
      text: 'contract handover <at>Sam</at> <at>Sam</at>',
      entities: [
        { type: 'mention', text: '<at>Sam</at>', mentioned: { id: '29:sam-1', name: 'Sam' } },
        { type: 'mention', text: '<at>Sam</at>', mentioned: { id: '29:sam-2', name: 'Sam' } },
      ],
    });
    expect(commandTextOf(typed)).toBe('contract handover <@29:sam-1> <@29:sam-2>');
  });

  it('names the channel without the thread, and the tenant from the channel data first', () => {
    expect(channelOf(activity(base))).toBe('19:net@thread.tacv2');
    expect(channelOf(activity({ ...base, channelData: { channel: { id: '19:other@thread.tacv2' } } }))).toBe('19:other@thread.tacv2');
    expect(tenantOf(activity(base))).toBe('t-conv');
    expect(tenantOf(activity({ ...base, channelData: { tenant: { id: 't-data' } } }))).toBe('t-data');
    expect(tenantOf(activity({ ...base, conversation: { id: 'x' } }))).toBe('local');
  });
});

describe('dates in cards', () => {
  it('get non-breaking hyphens, so Teams does not wrap "2026-12-31" after "2026-", except in code a user copies', () => {
    const line = toCardMarkdown('Ends *2026-12-31 (Thu)*; at 2026-11-20T14:30. Type `issue log Globex p2 Down at:2026-11-20T14:30`', names, []);
    expect(line).toBe('Ends **2026\u201112\u201131 (Thu)**; at 2026\u201111\u201120T14:30. Type `issue log Globex p2 Down at:2026-11-20T14:30`');
    expect(toPlain('Ends 2026-12-31', names)).toBe('Ends 2026-12-31'); // summaries and toasts stay plain
  });

  it('typed back into a command, read as plain hyphens', () => {
    expect(commandTextOf({ text: 'contract edit Globex end:2027\u201103\u201131', entities: [] })).toBe('contract edit Globex end:2027-03-31');
  });
});

describe('numbers and their units in cards', () => {
  it('are joined by a no-break space, so Teams never wraps "98.214" away from its "%", "720" from "min" or an amount from its currency', () => {
    const line = toCardMarkdown('Uptime *98.214 %* against 99.9 %; O-1: 720 min (12 h), 500.00 EUR owed. Type `sla credit C-1 credited amount:500 EUR`', names, []);
    expect(line).toBe('Uptime **98.214\u00a0%** against 99.9\u00a0%; O-1: 720\u00a0min (12\u00a0h), 500.00\u00a0EUR owed. Type `sla credit C-1 credited amount:500 EUR`');
    expect(toCardMarkdown('Globex 365 Support, 3 SLAs, P1 Portal', names, [])).toBe('Globex 365 Support, 3 SLAs, P1 Portal');
    expect(toPlain('98.214 % of 500.00 EUR', names)).toBe('98.214 % of 500.00 EUR'); // summaries and toasts stay plain
  });

  it('also in a fenced letter (the claim text), whose dates stay copyable', () => {
    const card = toAdaptiveCard({ text: 'claim', blocks: [{ type: 'section', text: '```availability was 98.214 %, a credit of 500.00 EUR, 2026-02-10 08:00```' }] }, names);
    expect(JSON.stringify(card.body)).toContain('"text":"availability was 98.214\u00a0%, a credit of 500.00\u00a0EUR, 2026-02-10 08:00"');
  });

  it('typed back into a command, read as plain spaces', () => {
    expect(commandTextOf({ text: 'contract edit Globex value:1\u00a0500', entities: [] })).toBe('contract edit Globex value:1 500');
  });
});
