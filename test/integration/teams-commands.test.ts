import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BAD_CONTRACT_INPUT } from '../helpers/bad-input-cases.js';
import { startTestBot, teamsChannel, type TestBot } from '../helpers/bot-harness.js';
import { button, buttonsOf, inChannel, mentionedIn, personal, TeamsDriver } from '../helpers/teams-driver.js';
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

describe('bad input gets a private error with a correct example and stores nothing', () => {
  it.each(BAD_CONTRACT_INPUT)('contract %s', async (input, expected) => {
    const reply = await run(`contract ${input}`);
    expect(reply.text).toMatch(expected);
    expect(reply.text).toMatch(/Example/);
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

  it('answers help, an empty message and an unknown first word with the usage of every command', async () => {
    const help = await run('help');
    for (const word of ['/contract', '/renewals', '/issue', '/sla']) expect(help.text).toContain(word);
    expect((await run('')).text).toContain('/renewals');
    const unknown = await run('hello there');
    expect(unknown.text).toContain('I do not know `hello`');
    expect(unknown.text).toContain('/contract');
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
    expect(refused.text).toContain('Only approvers');
    const ws = await t.bot.db.workspace.findFirstOrThrow();
    expect(ws.reminderTime).toBe('08:30');
    expect(JSON.parse(ws.approvers)).toEqual(['29:owner', '29:boss']);
    expect((await run('renewals settings tz:Mars/Olympus')).text).toContain('IANA time zone');
    const next = await t.bot.db.reminder.findFirstOrThrow({ where: { status: 'planned', kind: 'renewal' }, orderBy: { dueAt: 'asc' } });
    expect(next.dueAt.toISOString()).toBe('2026-12-01T07:30:00.000Z');
  });
});
