import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BAD_CONTRACT_INPUT } from '../helpers/bad-input-cases.js';
import { startTestBot, teamsChannel, type TestBot } from '../helpers/bot-harness.js';
import { button, buttonsOf, inChannel, mentionedIn, personal, TeamsDriver, textOfCall } from '../helpers/teams-driver.js';
import { cardOf } from '../helpers/teams-double.js';

let t: TestBot;
let teams: TeamsDriver;
beforeAll(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z', teams: 'unauthenticated' });
  teams = new TeamsDriver(t);
});
afterAll(async () => {
  await t.stop();
});
beforeEach(() => t.teamsApi.reset());

const run = (text: string, user = 'owner', where = inChannel('renew')) => teams.run(text, user, where);

/** In Teams the commands are written without Slack's slash ("/" opens Teams' own command box). */
const SLASHED = /(?<![\w/])\/(?:contract|renewals|issue|sla)\b/;
const withoutSlash = (expected: RegExp) => new RegExp(expected.source.replace(/\\\/(contract|renewals|issue|sla)/g, '$1'), expected.flags);

describe('bad input gets a private error with a correct example and stores nothing', () => {
  it.each(BAD_CONTRACT_INPUT)('contract %s', async (input, expected) => {
    const reply = await run(`contract ${input}`);
    expect(reply.text).toMatch(withoutSlash(expected));
    expect(reply.text).toMatch(/Example: `?contract \w+/);
    expect(reply.text).not.toMatch(SLASHED);
    expect(await t.bot.db.contract.count()).toBe(0);
  });
});

describe('talking to the bot', () => {
  it('answers a channel message in the personal chat, not in the channel', async () => {
    const reply = await run('contract help');
    expect(reply.call.conversationId).toBe('a:dm-29:owner');
    const [created] = t.teamsApi.calls.filter((c) => c.kind === 'create');
    expect(created!.body).toMatchObject({ isGroup: false, members: [{ id: '29:owner' }], tenantId: 'tenant-1' });
    expect(t.teamsApi.sends(teamsChannel('renew'))).toHaveLength(0);
  });

  it('answers in the personal chat itself when written to there', async () => {
    const reply = await run('contract help', 'owner', personal);
    expect(reply.call.conversationId).toBe('a:personal-29:owner');
    expect(t.teamsApi.calls.filter((c) => c.kind === 'create')).toHaveLength(0);
  });

  it('falls back to the thread, saying so, when Teams refuses a personal chat', async () => {
    t.teamsApi.fail('create', { status: 403 });
    const res = await t.teams.message('contract help', 'owner', inChannel('renew'));
    expect(res.status).toBe(200);
    const [reply] = await t.teamsApi.waitFor((c) => c.kind === 'send' && c.conversationId.startsWith(teamsChannel('renew')));
    expect(reply!.conversationId).toContain(';messageid='); // a reply in the thread of the message
    expect(JSON.stringify(cardOf(reply!))).toContain('visible here');
  });

  it('takes the command with or without a leading slash, in any case, and strips the @mention', async () => {
    for (const text of ['/contract help', 'Contract help', 'contract    help']) {
      expect((await run(text)).text).toContain('contract add');
    }
  });

  it('answers help, an empty message and an unknown first word with the usage of every command, without slashes', async () => {
    const help = await run('help');
    for (const usage of ['`contract add \\"Globex Support\\"', '`contract list`', '`renewals within:90d`', '`issue log ', '`sla set ']) expect(help.text).toContain(usage);
    expect(help.text).toContain('@mention me first: `@Renewal Desk contract list`');
    expect(help.text).not.toMatch(SLASHED);
    const empty = await run('');
    expect(empty.text).toContain('`renewals settings`');
    expect(empty.text).not.toMatch(SLASHED);
    const unknown = await run('hello there');
    expect(unknown.text).toContain('I do not know `hello`');
    expect(unknown.text).toContain('`contract show \\"Globex Support\\"`');
    expect(unknown.text).not.toMatch(SLASHED);
  });

  it('writes the usage of one command, its examples and error hints without slashes', async () => {
    for (const text of ['contract help', 'renewals help', 'issue help', 'sla help', 'contract frobnicate', 'renewals within:soon', 'contract show Nothing-Like-It']) {
      const reply = await run(text);
      expect(reply.text).not.toMatch(SLASHED);
    }
    expect((await run('renewals help')).text).toContain('`renewals settings`');
    expect((await run('renewals within:soon')).text).toContain('Example: `renewals within:90d`');
  });

  it('a group chat is welcomed with the name Teams shows for the bot, and bare renewals points to help in one line', async () => {
    const group = { group: '19:welcome@thread.v2' };
    const added = t.teams.activity('conversationUpdate', 'owner', group, { membersAdded: [{ id: '28:renewal-desk-bot' }], recipient: { id: '28:renewal-desk-bot', name: 'Test Bot' } });
    expect((await t.teams.post(added)).status).toBe(200);
    const [hello] = await t.teamsApi.waitFor((c) => c.kind === 'send' && c.conversationId === '19:welcome@thread.v2');
    expect(textOfCall(hello!)).toContain('@Test Bot contract list');
    expect(textOfCall(hello!)).toContain('posted in this chat');
    const bare = await run('renewals');
    expect(bare.text).toContain('`renewals help`');
    expect(bare.text).not.toContain('renewals settings tz:');
  });

  it('has a plain-text summary on every answer', async () => {
    const reply = await run('contract list');
    expect(typeof reply.call.body['summary']).toBe('string');
    expect(String(reply.call.body['summary'])).not.toMatch(/<at>|\*\*/);
  });
});

describe('contract commands', () => {
  it('adds, refuses a case-insensitive duplicate, suggests close names, lists, shows and edits', async () => {
    const added = await run('contract add "Globex Support" vendor:Globex end:2027-03-31 notice:60d value:12,000 tier:1 services:"Managed network"');
    expect(added.text).toContain('2027-01-30');
    const duplicate = await run('contract add "globex support" vendor:Other end:2027-06-30');
    expect(duplicate.text).toContain('already exists');
    expect(await t.bot.db.contract.count()).toBe(1);

    const unknown = await run('contract show Globx Suport');
    expect(unknown.text).toContain('Did you mean **Globex Support**');

    await run('contract add Initech vendor:Initech end:2027-01-15 per:month value:900');
    const list = await run('contract list');
    expect(list.text.indexOf('Initech')).toBeLessThan(list.text.indexOf('Globex Support'));

    const show = await run('contract show globex support');
    expect(show.text).toContain('Managed network');
    expect(show.text).toContain('Next reminders');

    const edited = await run('contract edit "Globex Support" notice:90d value:15000');
    expect(edited.text).toContain('2026-12-31');
    const contract = await t.bot.db.contract.findFirstOrThrow({ where: { nameKey: 'globex support' } });
    expect(contract).toMatchObject({ noticeDays: 90, value: 15000, channelId: teamsChannel('renew'), ownerId: '29:owner', createdBy: '29:owner' });
    expect(contract.workspaceId).toBe('teams:tenant-1');
  });

  it('shows the renewal calendar for a window, soonest first', async () => {
    const cal = await run('renewals within:60d');
    expect(cal.text).toContain('Initech');
    expect(cal.text).not.toContain('2027-03-31');
    const wide = await run('/renewals within:6m');
    expect(wide.text.indexOf('2026-12-31')).toBeLessThan(wide.text.indexOf('2027-03-31'));
    expect((await run('renewals within:soon')).text).toContain('Example');
  });

  it('archives only after confirmation (the confirmation card is replaced), and stops the reminders', async () => {
    const ask = await run('contract archive Initech');
    expect(ask.text).toContain('Archive');
    const contract = await t.bot.db.contract.findFirstOrThrow({ where: { nameKey: 'initech' } });
    expect(contract.status).toBe('active');
    const confirm = button(ask.card, 'archive.confirm');
    const answer = await teams.click('owner', ask.call, confirm, { personal: true, conversation: ask.call.conversationId });
    expect(answer.card).not.toBeNull();
    const [replaced] = await t.teamsApi.waitFor('update');
    expect(replaced!.activityId).toBe(ask.call.id);
    expect(buttonsOf(replaced!)).toHaveLength(0);
    expect((await t.bot.db.contract.findFirstOrThrow({ where: { id: contract.id } })).status).toBe('archived');
    expect(await t.bot.db.reminder.count({ where: { contractId: contract.id, status: 'planned' } })).toBe(0);
    expect((await run('contract list')).text).not.toContain('Initech');
  });

  it('sends the new-contract form (an Adaptive Card) for a bare contract add', async () => {
    const form = await run('contract add');
    const card = form.card!;
    expect(card['version']).toBe('1.5');
    const inputs = (card['body'] as { type: string; id?: string }[]).filter((e) => e.type.startsWith('Input.'));
    expect(inputs.map((i) => i.id)).toEqual(['name', 'vendor', 'end', 'start', 'notice', 'renewal', 'term', 'value', 'currency', 'per', 'tier', 'owner', 'services']);
    expect(inputs.find((i) => i.id === 'end')!.type).toBe('Input.Date');
    const submit = button(card, 'form.contract-add');
    expect(submit.data['origin']).toEqual({ channelId: teamsChannel('renew'), teamId: t.teams.team.id });
  });

  it('reads Teams mentions of people and channels', async () => {
    const added = await run('contract add Mentions vendor:M end:2027-06-30 owner:{@bob} channel:{#net}');
    expect(added.text).toContain('#net');
    const contract = await t.bot.db.contract.findFirstOrThrow({ where: { nameKey: 'mentions' } });
    expect(contract).toMatchObject({ ownerId: '29:bob', channelId: teamsChannel('net') });
    const show = await run('contract show Mentions');
    expect(show.text).toContain('<at>Bob</at>');
    expect(mentionedIn(show.card)).toContain('29:bob');
    expect((await run('contract edit Mentions owner:bob')).text).toContain('must be a user mention');
  });

  it('changes settings, then lets only approvers change them', async () => {
    const saved = await run('renewals settings tz:Europe/Berlin time:08:30 approvers:{@owner},{@boss} threshold:50000');
    expect(saved.text).toContain('Europe/Berlin');
    const refused = await run('renewals settings time:10:00', 'stranger');
    expect(refused.text).toContain('Only an approver');
    const ws = await t.bot.db.workspace.findFirstOrThrow();
    expect(ws.reminderTime).toBe('08:30');
    expect(JSON.parse(ws.approvers)).toEqual(['29:owner', '29:boss']);
    expect((await run('renewals settings tz:Mars/Olympus')).text).toContain('IANA time zone');
    const next = await t.bot.db.reminder.findFirstOrThrow({ where: { status: 'planned', kind: 'renewal' }, orderBy: { dueAt: 'asc' } });
    expect(next.dueAt.toISOString()).toBe('2026-12-01T07:30:00.000Z');
  });
});

describe('naming chats, which have no channel name', () => {
  const showChannel = (reply: { text: string }) => /\{"title":"Channel","value":"([^"]*)"\}/.exec(reply.text)?.[1];

  it('a contract added in the personal chat posts "in this chat", and says whose chat it is elsewhere', async () => {
    const added = await run('contract add "Chat Contract" vendor:Chatco end:2027-08-31', 'owner', personal);
    expect(added.call.conversationId).toBe(t.teams.personalConversation('owner'));
    expect(added.text).toMatch(/Renewal reminders: [^"]* in this chat\./);
    expect(added.text).not.toContain('#channel');
    const contract = await t.bot.db.contract.findFirstOrThrow({ where: { nameKey: 'chat contract' } });
    expect(contract.channelId).toBe(t.teams.personalConversation('owner'));

    const here = await run('contract show Chat Contract', 'owner', personal);
    expect(showChannel(here)).toBe('this chat');
    // Asked from a channel, the answer comes in another chat: it is the owner's personal chat with the bot.
    expect(showChannel(await run('contract show Chat Contract', 'owner', inChannel('renew')))).toBe('your personal chat');
    expect(showChannel(await run('contract show Chat Contract', 'bob', inChannel('renew')))).toBe("Owner's personal chat");
    expect(JSON.stringify(t.teamsApi.calls.map((c) => c.body))).not.toContain('#channel');
  });

  it('a contract added in a group chat names that chat, or says it is a group chat', async () => {
    const named = await run('contract add "Group Contract" vendor:Groupco end:2027-09-30', 'owner', { group: '19:vendor-team@thread.v2', name: 'Vendor team' });
    expect(named.text).toMatch(/Renewal reminders: [^"]* in the group chat “Vendor team”\./);
    const unnamed = await run('contract add "Adhoc Contract" vendor:Adhoc end:2027-09-30', 'owner', { group: '19:adhoc@thread.v2' });
    expect(unnamed.text).toMatch(/Renewal reminders: [^"]* in a group chat\./);
    expect(showChannel(await run('contract show Adhoc Contract', 'owner', personal))).toBe('a group chat');
    expect(JSON.stringify(t.teamsApi.calls.map((c) => c.body))).not.toContain('#channel');
  });
});
