import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BAD_CONTRACT_INPUT } from '../helpers/bad-input-cases.js';
import { teamsChannel } from '../helpers/bot-harness.js';
import { PLATFORMS } from '../helpers/driver.js';
import { sharedBot } from '../helpers/shared-bot.js';
import { button, buttonsOf, inChannel, mentionedIn, personal, textOfCall, type TeamsForm } from '../helpers/teams-driver.js';
import { cardOf } from '../helpers/teams-double.js';

// The commands on Slack and Teams (their logic alone: test/handlers/commands.test.ts). The scenarios of
// each block build on each other (a contract added first is listed, archived, re-planned later), so the
// database is emptied once per block, not before every test.
const bot = sharedBot({ now: '2026-11-23T10:00:00Z', reset: 'manual' });

/** Every field of the new-contract form, in order (Slack's modal and Teams' card are built from one list). */
const FORM_FIELDS = ['name', 'vendor', 'end', 'start', 'notice', 'renewal', 'term', 'value', 'currency', 'per', 'tier', 'owner', 'services'];

describe.each(PLATFORMS)('contract commands on %s', (platform) => {
  const d = bot.driver(platform);
  const run = (text: string, user = 'owner') => d.run(text, user);
  beforeAll(() => bot.reset());
  beforeEach(() => d.forget());

  it('adds, refuses a case-insensitive duplicate, suggests close names, lists, shows and edits', async () => {
    const { db } = bot.t.bot;
    const added = await run('contract add "Globex Support" vendor:Globex end:2027-03-31 notice:60d value:12,000 tier:1 services:"Managed network"');
    expect(added.text).toContain('2027-01-30'); // 2027-03-31 − 60 days
    const duplicate = await run('contract add "globex support" vendor:Other end:2027-06-30');
    expect(duplicate.text).toContain('already exists');
    expect(await db.contract.count()).toBe(1);

    const unknown = await run('contract show Globx Suport');
    expect(unknown.text).toContain(`Did you mean ${d.bold('Globex Support')}`);

    await run('contract add Initech vendor:Initech end:2027-01-15 per:month value:900');
    const list = await run('contract list');
    expect(list.text.indexOf('Initech')).toBeLessThan(list.text.indexOf('Globex Support')); // soonest deadline first

    const show = await run('contract show globex support');
    expect(show.text).toContain('Managed network');
    expect(show.text).toContain('Next reminders');

    const edited = await run('contract edit "Globex Support" notice:90d value:15000');
    expect(edited.text).toContain('2026-12-31'); // new deadline: 2027-03-31 − 90 days
    expect(edited.text).toContain('notice: 60 days → 90 days');
    expect(edited.text).toContain('value: 12000 → 15000');
    expect((await run('contract edit "Globex Support" tier:1')).text).not.toContain('tier: 1 → 1'); // unchanged fields are not listed
    // A stranger cannot make themself the owner (and so the one who decides).
    expect((await run('contract edit "Globex Support" owner:{@stranger}', 'stranger')).text).toContain('Only the owner');
    const contract = await db.contract.findFirstOrThrow({ where: { nameKey: 'globex support' } });
    expect(contract).toMatchObject({ noticeDays: 90, value: 15000, channelId: d.channelId('renew'), ownerId: d.userId('owner'), createdBy: d.userId('owner'), workspaceId: d.workspaceId });
    const planned = await db.reminder.findMany({ where: { contractId: contract.id, kind: 'renewal', status: 'planned' }, orderBy: { dueAt: 'asc' } });
    expect(planned[0]!.dueAt.toISOString()).toBe('2026-12-01T09:00:00.000Z'); // 30 days before 2026-12-31
  });

  it('shows the renewal calendar for a window, soonest first', async () => {
    const cal = await run('renewals within:60d');
    expect(cal.text).toContain('Initech');
    expect(cal.text).not.toContain('2027-03-31');
    const wide = await run('/renewals within:6m');
    expect(wide.text.indexOf('2026-12-31')).toBeLessThan(wide.text.indexOf('2027-03-31'));
    expect((await run('renewals within:soon')).text).toContain('Example');
  });

  it('archives only after confirmation (the confirmation is replaced), and stops the reminders', async () => {
    const { db } = bot.t.bot;
    const ask = await run('contract archive Initech');
    expect(ask.text).toContain('Archive');
    const contract = await db.contract.findFirstOrThrow({ where: { nameKey: 'initech' } });
    expect(contract.status).toBe('active');
    if (platform === 'slack') {
      const confirm = ask.buttons.find((b) => b.action === 'archive.confirm')!;
      const done = await bot.slack.click('owner', { channel: d.channelId('renew'), id: '1.1' }, confirm);
      expect(done.body['replace_original']).toBe(true);
    } else {
      const { call, card } = ask as Awaited<ReturnType<typeof bot.teams.run>>;
      const answer = await bot.teams.click('owner', call, button(card, 'archive.confirm'), { personal: true, conversation: call.conversationId });
      expect(answer.card).not.toBeNull();
      const [replaced] = await bot.t.teamsApi.waitFor('update');
      expect(replaced!.activityId).toBe(call.id);
      expect(buttonsOf(replaced!)).toHaveLength(0);
    }
    expect((await db.contract.findFirstOrThrow({ where: { id: contract.id } })).status).toBe('archived');
    expect(await db.reminder.count({ where: { contractId: contract.id, status: 'planned' } })).toBe(0);
    expect((await run('contract list')).text).not.toContain('Initech');
  });

  it('opens the new-contract form for a bare contract add', async () => {
    const { form } = await run('contract add');
    expect(form!.fields).toEqual(FORM_FIELDS);
    if (platform === 'slack') {
      expect(JSON.parse(form!.text)).toMatchObject({ callback_id: 'rd:contract.add' });
      expect(form!.text).toContain('datepicker');
    } else {
      const card = (form as TeamsForm).card;
      expect(card['version']).toBe('1.5');
      expect((card['body'] as { id?: string; type: string }[]).find((i) => i.id === 'end')!.type).toBe('Input.Date');
      expect(button(card, 'form.contract-add').data['origin']).toEqual({ channelId: teamsChannel('renew'), teamId: bot.t.teams.team.id });
    }
  });

  it('changes settings, then lets only approvers change them', async () => {
    const approvers = platform === 'slack' ? '<@UOWNER|owner>,<@UBOSS|boss>' : '{@owner},{@boss}'; // Slack escapes mentions with the name
    const saved = await run(`renewals settings tz:Europe/Berlin time:08:30 approvers:${approvers} threshold:50000`);
    expect(saved.text).toContain('Europe/Berlin');
    const refused = await run('renewals settings time:10:00', 'stranger');
    expect(refused.text).toContain('Only an approver');
    const ws = await bot.t.bot.db.workspace.findFirstOrThrow({ where: { id: d.workspaceId } });
    expect(ws.reminderTime).toBe('08:30');
    expect(JSON.parse(ws.approvers)).toEqual([d.userId('owner'), d.userId('boss')]);
    expect((await run('renewals settings tz:Mars/Olympus')).text).toContain('IANA time zone');
    // Reminders were re-planned to 08:30 Berlin time (CET, UTC+1 in December).
    const next = await bot.t.bot.db.reminder.findFirstOrThrow({ where: { status: 'planned', kind: 'renewal' }, orderBy: { dueAt: 'asc' } });
    expect(next.dueAt.toISOString()).toBe('2026-12-01T07:30:00.000Z');
  });
});

describe('Slack: usage as written, with the slashes', () => {
  const slack = bot.slack;
  const run = (text: string) => slack.run(text);
  beforeAll(() => bot.reset());

  it('shows usage for no arguments and for help', async () => {
    expect((await run('contract help')).text).toContain('/contract add');
    // Slack keeps the slash commands as written (only Teams writes them without the slash).
    expect((await run('contract help')).text).toContain('`/contract list`');
    expect((await run('contract frobnicate')).text).toContain('Example: `/contract help`');
    expect((await run('issue help')).text).toContain('`/issue list');
    // Bare /renewals: the calendar and one line pointing to help, not the whole usage under it.
    const bare = await run('renewals');
    expect(bare.text).toContain('`/renewals help`');
    expect(bare.text).not.toContain('settings tz:');
  });
});

describe('Teams: talking to the bot', () => {
  const teams = bot.teams;
  const run = (text: string, user = 'owner', where: Parameters<typeof teams.run>[2] = inChannel('renew')) => teams.run(text, user, where);
  /** In Teams the commands are written without Slack's slash ("/" opens Teams' own command box). */
  const SLASHED = /(?<![\w/])\/(?:contract|renewals|issue|sla)\b/;
  const withoutSlash = (expected: RegExp) => new RegExp(expected.source.replace(/\\\/(contract|renewals|issue|sla)/g, '$1'), expected.flags);
  beforeAll(() => bot.reset());
  beforeEach(() => teams.forget());

  describe('bad input gets a private error with a correct example, without slashes, and stores nothing', () => {
    it.each(BAD_CONTRACT_INPUT)('contract %s', async (input, expected) => {
      const reply = await run(`contract ${input}`);
      expect(reply.text).toMatch(withoutSlash(expected));
      expect(reply.text).toMatch(/Example: `?contract \w+/);
      expect(reply.text).not.toMatch(SLASHED);
      expect(await bot.t.bot.db.contract.count()).toBe(0);
    });
  });

  it('answers a channel message in the personal chat, not in the channel', async () => {
    const reply = await run('contract help');
    expect(reply.call.conversationId).toBe('a:dm-29:owner');
    const [created] = bot.t.teamsApi.calls.filter((c) => c.kind === 'create');
    expect(created!.body).toMatchObject({ isGroup: false, members: [{ id: '29:owner' }], tenantId: 'tenant-1' });
    expect(bot.t.teamsApi.sends(teamsChannel('renew'))).toHaveLength(0);
  });

  it('answers in the personal chat itself when written to there', async () => {
    const reply = await run('contract help', 'owner', personal);
    expect(reply.call.conversationId).toBe('a:personal-29:owner');
    expect(bot.t.teamsApi.calls.filter((c) => c.kind === 'create')).toHaveLength(0);
  });

  it('falls back to the thread, saying so, when Teams refuses a personal chat', async () => {
    const { t } = bot;
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
    const { t } = bot;
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

  it('reads Teams mentions of people and channels', async () => {
    const added = await run('contract add Mentions vendor:M end:2027-06-30 owner:{@bob} channel:{#net}');
    expect(added.text).toContain('#net');
    const contract = await bot.t.bot.db.contract.findFirstOrThrow({ where: { nameKey: 'mentions' } });
    expect(contract).toMatchObject({ ownerId: '29:bob', channelId: teamsChannel('net') });
    const show = await run('contract show Mentions');
    expect(show.text).toContain('<at>Bob</at>');
    expect(mentionedIn(show.card)).toContain('29:bob');
    expect((await run('contract edit Mentions owner:bob')).text).toContain('must be a user mention');
  });

  describe('naming chats, which have no channel name', () => {
    const showChannel = (reply: { text: string }) => /\{"title":"Channel","value":"([^"]*)"\}/.exec(reply.text)?.[1];

    it('a contract added in the personal chat posts "in this chat", and says whose chat it is elsewhere', async () => {
      const { t } = bot;
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
      expect(JSON.stringify(bot.t.teamsApi.calls.map((c) => c.body))).not.toContain('#channel');
    });
  });
});
