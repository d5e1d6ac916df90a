import { beforeEach, describe, expect, it } from 'vitest';
import { clickable, PLATFORMS } from '../helpers/driver.js';
import { sharedBot } from '../helpers/shared-bot.js';
import { teamsUser } from '../helpers/bot-harness.js';
import { button, inChannel, type ClickAnswer, type TeamsForm } from '../helpers/teams-driver.js';
import { cardOf } from '../helpers/teams-double.js';

// Contacts, leavers and handover, on Slack and Teams. Alice owns Globex Support and Initech (#net)
// and is the escalation contact of Hooli (#apps, owned by Carol). The guards of the commands alone:
// test/handlers/contacts-handover.test.ts.
const bot = sharedBot({ now: '2026-11-23T10:00:00Z' });

describe.each(PLATFORMS)('%s', (platform) => {
  const d = bot.driver(platform);
  const run = async (text: string, user = 'alice', channel = 'net') => (await d.run(text, user, channel)).text;
  /** How a fallback (Slack text, Teams summary) names a user. */
  const named = (key: string) => (platform === 'slack' ? d.mention(key) : `@${teamsUser(key).name}`);
  const handoverPosts = (prefix: string) => [...d.posts('net'), ...d.posts('apps')].filter((p) => p.fallback.startsWith(prefix));

  beforeEach(async () => {
    await run('contract add "Globex Support" vendor:Globex end:2027-06-30 notice:60d');
    await run('contract add Initech vendor:Initech end:2027-09-30');
    await run('contract add Hooli vendor:Hooli end:2027-09-30 owner:{@carol}', 'alice', 'apps');
    await run('contract contact Hooli add {@alice} role:escalation-1', 'alice', 'apps');
    d.forget();
  });

  describe('contacts', () => {
    it('adds vendor and internal contacts, lists them on show, and announces vendor contact changes', async () => {
      expect(await run('contract contact "Globex Support" add vendor "Jane Roe" role:account-manager email:jane@globex.example phone:+1-555-0100')).toContain('Jane Roe is now account-manager');
      const [notice] = d.posts('net');
      expect(notice!.channel).toBe(d.channelId('net'));
      expect(notice!.fallback).toContain('Vendor contact added on Globex Support: Jane Roe');
      await run('contract contact "Globex Support" add {@bob} role:escalation-1');
      const show = await run('contract show Globex Support');
      expect(show).toContain('account-manager: Jane Roe (vendor) jane@globex.example +1-555-0100');
      expect(show).toContain(`escalation-1: ${d.mention('bob')}`);
      expect(await run('contract contact "Globex Support" add vendor "X" role:chief')).toContain('must be one of owner, vendor-support');
      expect(await run('contract contact "Globex Support" add vendor "X" role:account-manager email:not-an-email')).toContain('email address');
      expect(await bot.t.bot.db.contact.count({ where: { name: 'X' } })).toBe(0);
      // Teams tells the names of the people mentioned: the contact is stored with it.
      if (platform === 'teams') expect((await bot.t.bot.db.contact.findFirstOrThrow({ where: { userId: '29:bob' } })).name).toBe('Bob');
    });

    it('refuses a bot as a contact', async () => {
      const { t } = bot;
      if (platform === 'slack') {
        // The Slack double answers users.info; a bot id is flagged by its is_bot field.
        expect(await run('contract contact "Globex Support" add <@USLACKBOT> role:escalation-2')).toContain('is a bot');
        return;
      }
      // Teams: bot ids start with 28:.
      const activity = t.teams.messageActivity('contract contact "Globex Support" add <at>Helper Bot</at> role:escalation-2', 'alice', inChannel('net'));
      (activity['entities'] as unknown[]).push({ type: 'mention', text: '<at>Helper Bot</at>', mentioned: { id: '28:helper-bot', name: 'Helper Bot' } });
      await t.teams.post(activity);
      const [reply] = await t.teamsApi.waitFor((c) => c.kind === 'send' && c.conversationId === 'a:dm-29:alice');
      expect(JSON.stringify(cardOf(reply!))).toContain('is a bot');
    });
  });

  describe('leaving and handover', () => {
    it('lists every role of a leaver, reminds each channel with exactly their contracts, then hands over', async () => {
      const reply = await run('contract leaving {@alice} on:2027-01-28', 'carol');
      expect(reply).toContain(`${d.bold('Globex Support')}: owner`);
      expect(reply).toContain(`${d.bold('Hooli')}: escalation-1`);
      expect(reply).toContain(`${d.bold('Initech')}: owner`);

      expect((await bot.t.tick('2026-12-29T09:00:00Z')).posted).toBe(2); // 30 days before, one message per channel
      const net = d.posts('net')[0]!;
      const apps = d.posts('apps')[0]!;
      expect(net.text).toContain('Globex Support');
      expect(net.text).toContain('Initech');
      expect(net.text).not.toContain('Hooli');
      expect(apps.text).toContain('Hooli');
      expect(apps.text).not.toContain('Initech');
      expect(net.text).toContain('Book an introduction meeting');
      expect(net.buttons.map((b) => b.action)).toContain('handover.assign');

      // The leaver hands over (an approver could too; a colleague may not while Alice is still here).
      const handed = await run('contract handover {@alice} {@dave}', 'alice');
      expect(handed).toContain(`Handed over from ${d.mention('alice')} to ${d.mention('dave')}`);
      expect(handed).toContain('Note to send to the vendor about Globex Support');
      expect(await run('contract show Globex Support')).toContain(`owner: ${d.mention('dave')}`);
      expect(await run('contract show Hooli')).toContain(`escalation-1: ${d.mention('dave')}`);
      expect(await bot.t.bot.db.auditEvent.count({ where: { action: 'contact.handover' } })).toBe(3);

      d.forget();
      for (const at of ['2027-01-14T09:00:00Z', '2027-01-21T09:00:00Z', '2027-01-27T09:00:00Z', '2027-02-04T09:00:00Z', '2027-02-11T09:00:00Z']) await bot.t.tick(at);
      expect(handoverPosts('Handover')).toHaveLength(0);
    });

    it('keeps reminding weekly after the date while a role has no successor', async () => {
      await run('contract leaving {@alice} on:2027-01-28', 'carol');
      await bot.t.tick('2027-02-04T09:00:00Z'); // w1 (missed steps before it are skipped as stale catch-up)
      await bot.t.tick('2027-02-11T09:00:00Z'); // w2
      expect(handoverPosts('Handover overdue')).toHaveLength(4); // two channels × two weeks
    });

    it('marks handover reminders posted after their day late', async () => {
      await run('contract leaving {@alice} on:2027-01-28', 'carol');
      expect((await bot.t.tick('2026-12-31T09:00:00Z')).late).toBe(2); // the 30-day step was due Tue 29 Dec
      const [net] = d.posts('net');
      expect(net!.fallback).toMatch(new RegExp(`^Handover due \\(late\\): ${named('alice')} leaves on 2027-01-28`));
      expect(net!.text).toContain('late: was due 2026-12-29');
      expect(net!.fallback).toContain('leaves on 2027-01-28, in 28 days');
      d.forget();
      await bot.t.tick('2027-02-06T09:00:00Z'); // the first weekly one was due Thu 4 Feb; older steps are skipped
      const overdue = handoverPosts('Handover');
      expect(overdue).toHaveLength(2);
      for (const post of overdue) {
        expect(post.fallback).toMatch(new RegExp(`^Handover overdue \\(late\\): ${named('alice')} left on 2027-01-28`));
        expect(post.text).toContain('late: was due 2027-02-04');
      }
    });

    it('assigns a successor for one contract from the reminder button, through a form', async () => {
      await run('contract leaving {@alice} on:2027-01-28', 'carol');
      await bot.t.tick('2026-12-29T09:00:00Z');
      const net = d.posts('net')[0]!;
      const clicked = await d.click('alice', net, clickable(net, (b) => b.action === 'handover.assign' && b.label.includes('Globex')));
      const form = clicked.form!;
      expect(form.fields).toEqual(['successor']);
      if (platform === 'slack') {
        expect(bot.slack.updates()).toHaveLength(0);
        expect(JSON.parse(form.text)).toMatchObject({ callback_id: 'rd:handover.assign' });
      } else {
        // The form comes privately, in Alice's personal chat, with Teams' people picker.
        expect(clicked.text).toContain('I sent you a form');
        expect((form as TeamsForm).call.conversationId).toBe('a:dm-29:alice');
        expect(form.text).toContain('graph.microsoft.com/users');
        expect(form.text).toContain('<at>Alice</at>');
      }
      expect((await d.submit('alice', form, { successor: 'alice' })).text).toContain('this is the person leaving');
      const done = await d.submit('alice', form, { successor: 'erin' });
      expect(done.text).toContain('Handed over');
      if (platform === 'teams') {
        // The form is replaced by its result.
        expect((done as unknown as ClickAnswer).type).toBe('application/vnd.microsoft.card.adaptive');
        const [replaced] = await d.waitForUpdates();
        expect(replaced!.id).toBe((form as TeamsForm).call.id);
      }
      expect((await bot.t.bot.db.contract.findFirstOrThrow({ where: { name: 'Globex Support' } })).ownerId).toBe(d.userId('erin'));
      expect((await bot.t.bot.db.contract.findFirstOrThrow({ where: { name: 'Initech' } })).ownerId).toBe(d.userId('alice'));
      expect(d.posts('net').some((p) => p.fallback.includes('Handover on Globex Support'))).toBe(true);
    });

    it('an SLA breach names the next-level escalation contact', async () => {
      await run('contract contact "Globex Support" add vendor "Escalation Desk" role:escalation-1 email:esc@globex.example');
      // One command at a time: the issue must be logged after its target exists.
      await run('sla set "Globex Support" p1 response:1h');
      await run('issue log "Globex Support" p1 Down'); // typed in its channel: on Slack the posted issue is the answer
      d.forget();
      await bot.t.tick('2026-11-23T11:00:00Z');
      const breach = d.posts('net').find((p) => p.fallback.startsWith('SLA breach'));
      expect(breach!.text).toContain('Escalation Desk <esc@globex.example> (escalation-1)');
      expect(d.posts('net')).toHaveLength(1);
    });
  });
});

describe('Teams only: the successor form', () => {
  const teams = bot.teams;

  it('Assign successor opens a people-picker form privately; submitting hands that contract over', async () => {
    const { t } = bot;
    const run = (text: string, user = 'alice', channel = 'net') => teams.run(text, user, channel);
    await run('contract add "Globex Support" vendor:Globex end:2027-06-30 notice:60d');
    await run('contract add Initech vendor:Initech end:2027-09-30');
    t.teamsApi.addMember(teamsUser('erin'));
    const globex = await t.bot.db.contract.findFirstOrThrow({ where: { name: 'Globex Support' } });
    // The button as a handover reminder carries it (the scenarios above cover the reminder itself).
    const assign = { verb: 'handover.assign', title: 'Assign successor: Globex Support', data: { value: JSON.stringify({ c: globex.id, u: '29:alice' }) } };
    const fakeReminder = { id: '1700000000999' } as never;
    const clicked = await teams.click('alice', fakeReminder, assign, inChannel('net'));
    expect(clicked.message).toContain('I sent you a form');
    const [formCall] = await t.teamsApi.waitFor((c) => c.kind === 'send' && c.conversationId === 'a:dm-29:alice' && JSON.stringify(cardOf(c) ?? {}).includes('form.assign-successor'));
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
});
