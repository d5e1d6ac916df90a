import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, teamsChannel, teamsUser, type TestBot } from '../helpers/bot-harness.js';
import { button, buttonsOf, inChannel, TeamsDriver, textOfCall } from '../helpers/teams-driver.js';
import { cardOf } from '../helpers/teams-double.js';

let t: TestBot;
let teams: TeamsDriver;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z', teams: 'unauthenticated' });
  teams = new TeamsDriver(t);
  await run('contract add "Globex Support" vendor:Globex end:2027-06-30 notice:60d', 'alice', 'net');
  await run('contract add Initech vendor:Initech end:2027-09-30', 'alice', 'net');
  await run('contract add Hooli vendor:Hooli end:2027-09-30 owner:{@carol}', 'alice', 'apps');
  await run('contract contact Hooli add {@alice} role:escalation-1', 'alice', 'apps');
  t.teamsApi.reset();
});
afterEach(async () => {
  await t.stop();
});

const run = async (text: string, user = 'alice', channel = 'net') => (await teams.run(text, user, inChannel(channel))).text;

describe('contacts', () => {
  it('adds vendor and internal contacts, lists them on show, and announces vendor contact changes', async () => {
    expect(await run('contract contact "Globex Support" add vendor "Jane Roe" role:account-manager email:jane@globex.example phone:+1-555-0100')).toContain('Jane Roe is now account-manager');
    const [notice] = teams.posts('net');
    expect(String(notice!.body['summary'])).toContain('Vendor contact added on Globex Support: Jane Roe');
    await run('contract contact "Globex Support" add {@bob} role:escalation-1');
    const show = await run('contract show Globex Support');
    expect(show).toContain('account-manager: Jane Roe (vendor) jane@globex.example +1-555-0100');
    expect(show).toContain('escalation-1: <at>Bob</at>');
    expect(await run('contract contact "Globex Support" add vendor "X" role:chief')).toContain('must be one of owner, vendor-support');
    expect(await run('contract contact "Globex Support" add vendor "X" role:account-manager email:not-an-email')).toContain('email address');
    expect(await t.bot.db.contact.count({ where: { name: 'X' } })).toBe(0);
    expect((await t.bot.db.contact.findFirstOrThrow({ where: { userId: '29:bob' } })).name).toBe('Bob');
  });

  it('refuses a bot as a contact', async () => {
    const activity = t.teams.messageActivity('contract contact "Globex Support" add <at>Helper Bot</at> role:escalation-2', 'alice', inChannel('net'));
    (activity['entities'] as unknown[]).push({ type: 'mention', text: '<at>Helper Bot</at>', mentioned: { id: '28:helper-bot', name: 'Helper Bot' } });
    await t.teams.post(activity);
    const [reply] = await t.teamsApi.waitFor((c) => c.kind === 'send' && c.conversationId === 'a:dm-29:alice');
    expect(textOfCall(reply!)).toContain('is a bot');
  });
});

describe('leaving and handover', () => {
  it('lists every role of a leaver, reminds each channel with exactly their contracts, then hands over', async () => {
    const reply = await run('contract leaving {@alice} on:2027-01-28', 'carol');
    expect(reply).toContain('**Globex Support**: owner');
    expect(reply).toContain('**Hooli**: escalation-1');
    expect(reply).toContain('**Initech**: owner');

    expect((await t.tick('2026-12-29T09:00:00Z')).posted).toBe(2);
    const net = teams.posts('net')[0]!;
    const apps = teams.posts('apps')[0]!;
    expect(textOfCall(net)).toContain('Globex Support');
    expect(textOfCall(net)).toContain('Initech');
    expect(textOfCall(net)).not.toContain('Hooli');
    expect(textOfCall(apps)).toContain('Hooli');
    expect(textOfCall(apps)).not.toContain('Initech');
    expect(textOfCall(net)).toContain('Book an introduction meeting');
    expect(buttonsOf(net).map((b) => b.verb)).toContain('handover.assign');

    const handed = await run('contract handover {@alice} {@dave}', 'alice');
    expect(handed).toContain('Handed over from <at>Alice</at> to <at>Dave</at>');
    expect(handed).toContain('Note to send to the vendor about Globex Support');
    expect(await run('contract show Globex Support')).toContain('owner: <at>Dave</at>');
    expect(await run('contract show Hooli')).toContain('escalation-1: <at>Dave</at>');
    expect(await t.bot.db.auditEvent.count({ where: { action: 'contact.handover' } })).toBe(3);

    t.teamsApi.reset();
    for (const at of ['2027-01-14T09:00:00Z', '2027-01-21T09:00:00Z', '2027-01-27T09:00:00Z', '2027-02-04T09:00:00Z', '2027-02-11T09:00:00Z']) await t.tick(at);
    expect([...teams.posts('net'), ...teams.posts('apps')].filter((p) => String(p.body['summary']).startsWith('Handover'))).toHaveLength(0);
  });

  it('keeps reminding weekly after the date while a role has no successor', async () => {
    await run('contract leaving {@alice} on:2027-01-28', 'carol');
    await t.tick('2027-02-04T09:00:00Z');
    await t.tick('2027-02-11T09:00:00Z');
    const overdue = [...teams.posts('net'), ...teams.posts('apps')].filter((p) => String(p.body['summary']).startsWith('Handover overdue'));
    expect(overdue).toHaveLength(4);
  });

  it('marks handover reminders posted after their day late', async () => {
    await run('contract leaving {@alice} on:2027-01-28', 'carol');
    expect((await t.tick('2026-12-31T09:00:00Z')).late).toBe(2); // the 30-day step was due Tue 29 Dec
    const [net] = teams.posts('net');
    expect(String(net!.body['summary'])).toMatch(/^Handover due \(late\): .* leaves on 2027-01-28/);
    expect(textOfCall(net!)).toContain('late: was due 2026-12-29');
    t.teamsApi.reset();
    await t.tick('2027-02-06T09:00:00Z'); // the first weekly one was due Thu 4 Feb; older steps are skipped
    const overdue = [...teams.posts('net'), ...teams.posts('apps')].filter((p) => String(p.body['summary']).startsWith('Handover'));
    expect(overdue).toHaveLength(2);
    for (const post of overdue) {
      expect(String(post.body['summary'])).toMatch(/^Handover overdue \(late\): .* left on 2027-01-28/);
      expect(textOfCall(post)).toContain('late: was due 2027-02-04');
    }
  });

  it('assigns a successor for one contract from the reminder button, through a people-picker form', async () => {
    t.teamsApi.addMember(teamsUser('erin'));
    await run('contract leaving {@alice} on:2027-01-28', 'carol');
    await t.tick('2026-12-29T09:00:00Z');
    const net = teams.posts('net')[0]!;
    const assign = button(net, (b) => b.verb === 'handover.assign' && b.title.includes('Globex'));
    const clicked = await teams.click('alice', net, assign, inChannel('net'));
    expect(clicked.message).toContain('I sent you a form');
    // The form comes privately, in Alice's personal chat.
    const [formCall] = await t.teamsApi.waitFor((c) => c.kind === 'send' && c.conversationId === 'a:dm-29:alice' && JSON.stringify(cardOf(c) ?? {}).includes('form.assign-successor'));
    const form = cardOf(formCall!)!;
    expect(JSON.stringify(form)).toContain('graph.microsoft.com/users');
    expect(JSON.stringify(form)).toContain('<at>Alice</at>');
    const submit = button(form, 'form.assign-successor');

    const pickedSelf = await t.teams.execute({ user: 'alice', verb: submit.verb, data: { ...submit.data, successor: teamsUser('alice').id }, where: { personal: true, conversation: 'a:dm-29:alice' }, replyToId: formCall!.id });
    expect(JSON.stringify(pickedSelf.body.value)).toContain('this is the person leaving');

    const done = await t.teams.execute({ user: 'alice', verb: submit.verb, data: { ...submit.data, successor: teamsUser('erin').aadObjectId }, where: { personal: true, conversation: 'a:dm-29:alice' }, replyToId: formCall!.id });
    expect(done.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(done.body.value)).toContain('Handed over');
    const [replaced] = await t.teamsApi.waitFor('update');
    expect(replaced!.activityId).toBe(formCall!.id);
    expect((await t.bot.db.contract.findFirstOrThrow({ where: { name: 'Globex Support' } })).ownerId).toBe('29:erin');
    expect((await t.bot.db.contract.findFirstOrThrow({ where: { name: 'Initech' } })).ownerId).toBe('29:alice');
    expect(teams.posts('net').some((p) => String(p.body['summary']).includes('Handover on Globex Support'))).toBe(true);
  });

  it('Assign successor opens a people-picker form privately; submitting hands that contract over', async () => {
    t.teamsApi.addMember(teamsUser('erin'));
    const globex = await t.bot.db.contract.findFirstOrThrow({ where: { name: 'Globex Support' } });
    // The button as a handover reminder carries it (the test above covers the reminder itself).
    const assign = { verb: 'handover.assign', title: 'Assign successor: Globex Support', data: { value: JSON.stringify({ c: globex.id, u: '29:alice' }) } };
    const fakeReminder = { id: '1700000000999' } as never;
    const clicked = await teams.click('alice', fakeReminder, assign, inChannel('net'));
    expect(clicked.message).toContain('I sent you a form');
    const [formCall] = await t.teamsApi.waitFor((c) => c.kind === 'send' && c.conversationId === 'a:dm-29:alice');
    const form = cardOf(formCall!)!;
    expect(JSON.stringify(form)).toContain('graph.microsoft.com/users');
    expect(JSON.stringify(form)).toContain('<at>Alice</at>');
    const submit = button(form, 'form.assign-successor');
    const inChat = { personal: true as const, conversation: 'a:dm-29:alice' };

    const pickedSelf = await t.teams.execute({ user: 'alice', verb: submit.verb, data: { ...submit.data, successor: teamsUser('alice').id }, where: inChat, replyToId: formCall!.id });
    expect(JSON.stringify(pickedSelf.body.value)).toContain('this is the person leaving');
    const stranger = await t.teams.execute({ user: 'alice', verb: submit.verb, data: { ...submit.data, successor: '8f2a3c1e-1b2c-4d5e-9f00-123456789abc' }, where: inChat, replyToId: formCall!.id });
    expect(JSON.stringify(stranger.body.value)).toContain('Teams does not know this person');

    const done = await t.teams.execute({ user: 'alice', verb: submit.verb, data: { ...submit.data, successor: teamsUser('erin').aadObjectId }, where: inChat, replyToId: formCall!.id });
    expect(done.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(done.body.value)).toContain('Handed over');
    const [replaced] = await t.teamsApi.waitFor('update');
    expect(replaced!.activityId).toBe(formCall!.id);
    expect((await t.bot.db.contract.findFirstOrThrow({ where: { name: 'Globex Support' } })).ownerId).toBe('29:erin');
    expect((await t.bot.db.contract.findFirstOrThrow({ where: { name: 'Initech' } })).ownerId).toBe('29:alice');
    expect((await t.bot.db.person.findFirstOrThrow({ where: { userId: '29:erin' } })).displayName).toBe('Erin');
  });

  it('guards: to oneself, from someone without roles, a past leaving date asks for confirmation', async () => {
    expect(await run('contract handover {@alice} {@alice}')).toContain('cannot hand over to themselves');
    expect(await run('contract handover {@nobody} {@dave}', 'nobody')).toContain('holds no roles');
    const past = await teams.run('contract leaving {@alice} on:2026-11-01', 'alice', inChannel('net'));
    expect(past.text).toContain('is in the past');
    expect(buttonsOf(past.card).map((b) => b.verb)).toContain('leaving.confirm');
    expect(await t.bot.db.person.count({ where: { leavingOn: { not: null } } })).toBe(0);
  });

  it('an SLA breach names the next-level escalation contact', async () => {
    await run('contract contact "Globex Support" add vendor "Escalation Desk" role:escalation-1 email:esc@globex.example');
    await run('sla set "Globex Support" p1 response:1h');
    await run('issue log "Globex Support" p1 Down');
    t.teamsApi.reset();
    await t.tick('2026-11-23T11:00:00Z');
    const breach = teams.posts('net').find((p) => String(p.body['summary']).startsWith('SLA breach'));
    expect(textOfCall(breach!)).toContain('Escalation Desk <esc@globex.example> (escalation-1)');
    expect(t.teamsApi.sends(teamsChannel('net'))).toHaveLength(1);
  });
});
