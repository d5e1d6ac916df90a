import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z' });
  await run('add "Globex Support" vendor:Globex end:2027-06-30 notice:60d', 'UALICE', 'CNET');
  await run('add Initech vendor:Initech end:2027-09-30', 'UALICE', 'CNET');
  await run('add Hooli vendor:Hooli end:2027-09-30 owner:<@UCAROL>', 'UALICE', 'CAPPS');
  await run('contact Hooli add <@UALICE> role:escalation-1', 'UALICE', 'CAPPS');
  t.slackApi.reset();
});
afterEach(async () => {
  await t.stop();
});

async function run(text: string, user = 'UALICE', channel = 'CNET'): Promise<string> {
  const before = t.slackApi.callsTo('response_url').length;
  await t.slack.command('/contract', text, user, channel);
  const replies = await t.slackApi.waitFor('response_url', before + 1);
  return textOf(replies[before]!.body);
}

describe('contacts', () => {
  it('adds vendor and internal contacts, lists them on show, and announces vendor contact changes', async () => {
    expect(await run('contact "Globex Support" add vendor "Jane Roe" role:account-manager email:jane@globex.example phone:+1-555-0100')).toContain('Jane Roe is now account-manager');
    const [notice] = await t.slackApi.waitFor('chat.postMessage');
    expect(notice!.body['channel']).toBe('CNET');
    expect(String(notice!.body['text'])).toContain('Vendor contact added on Globex Support: Jane Roe');
    await run('contact "Globex Support" add <@UBOB|bob> role:escalation-1');
    const show = await run('show Globex Support');
    expect(show).toContain('account-manager: Jane Roe (vendor) jane@globex.example +1-555-0100');
    expect(show).toContain('escalation-1: <@UBOB>');
    expect(await run('contact "Globex Support" add vendor "X" role:chief')).toContain('must be one of owner, vendor-support');
    expect(await run('contact "Globex Support" add vendor "X" role:account-manager email:not-an-email')).toContain('email address');
    expect(await t.bot.db.contact.count({ where: { name: 'X' } })).toBe(0);
  });

  it('refuses a bot as a contact', async () => {
    // The Slack double answers users.info; a bot id is flagged by its is_bot field.
    expect(await run('contact "Globex Support" add <@USLACKBOT> role:escalation-2')).toContain('is a bot');
  });
});

describe('leaving and handover', () => {
  it('lists every role of a leaver, reminds each channel with exactly their contracts, then hands over', async () => {
    const reply = await run('leaving <@UALICE> on:2027-01-28', 'UCAROL');
    expect(reply).toContain('*Globex Support*: owner');
    expect(reply).toContain('*Hooli*: escalation-1');
    expect(reply).toContain('*Initech*: owner');

    expect((await t.tick('2026-12-29T09:00:00Z')).posted).toBe(2); // 30 days before, one message per channel
    const posts = t.slackApi.callsTo('chat.postMessage');
    const net = posts.find((p) => p.body['channel'] === 'CNET')!;
    const apps = posts.find((p) => p.body['channel'] === 'CAPPS')!;
    expect(textOf(net.body)).toContain('Globex Support');
    expect(textOf(net.body)).toContain('Initech');
    expect(textOf(net.body)).not.toContain('Hooli');
    expect(textOf(apps.body)).toContain('Hooli');
    expect(textOf(apps.body)).not.toContain('Initech');
    expect(textOf(net.body)).toContain('Book an introduction meeting');
    expect(textOf(net.body)).toContain('rd:handover.assign');

    // The leaver hands over (an approver could too; a colleague may not while Alice is still here).
    const handed = await run('handover <@UALICE> <@UDAVE>', 'UALICE');
    expect(handed).toContain('Handed over from <@UALICE> to <@UDAVE>');
    expect(handed).toContain('Note to send to the vendor about Globex Support');
    expect(await run('show Globex Support')).toContain('owner: <@UDAVE>');
    expect(await run('show Hooli')).toContain('escalation-1: <@UDAVE>');
    expect(await t.bot.db.auditEvent.count({ where: { action: 'contact.handover' } })).toBe(3);

    t.slackApi.reset();
    for (const at of ['2027-01-14T09:00:00Z', '2027-01-21T09:00:00Z', '2027-01-27T09:00:00Z', '2027-02-04T09:00:00Z', '2027-02-11T09:00:00Z']) await t.tick(at);
    expect(t.slackApi.callsTo('chat.postMessage').filter((p) => String(p.body['text']).startsWith('Handover'))).toHaveLength(0);
  });

  it('keeps reminding weekly after the date while a role has no successor', async () => {
    await run('leaving <@UALICE> on:2027-01-28', 'UCAROL');
    await t.tick('2027-02-04T09:00:00Z'); // w1 (missed steps before it are skipped as stale catch-up)
    await t.tick('2027-02-11T09:00:00Z'); // w2
    const overdue = t.slackApi.callsTo('chat.postMessage').filter((p) => String(p.body['text']).startsWith('Handover overdue'));
    expect(overdue).toHaveLength(4); // two channels × two weeks
  });

  it('marks handover reminders posted after their day late', async () => {
    await run('leaving <@UALICE> on:2027-01-28', 'UCAROL');
    expect((await t.tick('2026-12-31T09:00:00Z')).late).toBe(2); // the 30-day step was due Tue 29 Dec
    const net = t.slackApi.callsTo('chat.postMessage').find((p) => p.body['channel'] === 'CNET')!;
    expect(String(net.body['text'])).toMatch(/^Handover due \(late\): <@UALICE> leaves on 2027-01-28/);
    expect(textOf(net.body)).toContain('late: was due 2026-12-29');
    expect(String(net.body['text'])).toContain('leaves on 2027-01-28, in 28 days');
    t.slackApi.reset();
    await t.tick('2027-02-06T09:00:00Z'); // the first weekly one was due Thu 4 Feb; older steps are skipped
    const overdue = t.slackApi.callsTo('chat.postMessage').filter((p) => String(p.body['text']).startsWith('Handover'));
    expect(overdue).toHaveLength(2);
    for (const post of overdue) {
      expect(String(post.body['text'])).toMatch(/^Handover overdue \(late\): <@UALICE> left on 2027-01-28/);
      expect(textOf(post.body)).toContain('late: was due 2027-02-04');
    }
  });

  it('assigns a successor for one contract from the reminder button', async () => {
    await run('leaving <@UALICE> on:2027-01-28', 'UCAROL');
    await t.tick('2026-12-29T09:00:00Z');
    const net = t.slackApi.callsTo('chat.postMessage').find((p) => p.body['channel'] === 'CNET')!;
    const blocks = net.body['blocks'] as { elements?: { action_id: string; value: string; text: { text: string } }[] }[];
    const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.text.text.includes('Globex'))!;
    await t.slack.click({ user: 'UALICE', actionId: button.action_id, value: button.value, channel: 'CNET', messageTs: '1.1' });
    const [open] = await t.slackApi.waitFor('views.open');
    const view = open!.body['view'] as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('rd:handover.assign');
    const submission = {
      type: 'view_submission', team: { id: 'T1', domain: 't' }, user: { id: 'UALICE', username: 'a', team_id: 'T1' }, api_app_id: 'A1', token: 'x', trigger_id: 'tr',
      view: { id: 'V2', type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, team_id: 'T1', app_id: 'A1', bot_id: 'B1', hash: 'h', title: { type: 'plain_text', text: 'x' }, blocks: [],
        state: { values: { successor: { value: { type: 'users_select', selected_user: 'UERIN' } } } } },
    };
    await t.slack.post(new URLSearchParams({ payload: JSON.stringify(submission) }).toString());
    await t.slackApi.waitFor('chat.postEphemeral');
    expect((await t.bot.db.contract.findFirstOrThrow({ where: { name: 'Globex Support' } })).ownerId).toBe('UERIN');
    expect((await t.bot.db.contract.findFirstOrThrow({ where: { name: 'Initech' } })).ownerId).toBe('UALICE');
  });

  it('guards: to oneself, from someone without roles, a past leaving date asks for confirmation', async () => {
    expect(await run('handover <@UALICE> <@UALICE>')).toContain('cannot hand over to themselves');
    expect(await run('handover <@UNOBODY> <@UDAVE>', 'UNOBODY')).toContain('holds no roles');
    const past = await run('leaving <@UALICE> on:2026-11-01');
    expect(past).toContain('is in the past');
    expect(past).toContain('rd:leaving.confirm');
    expect(await t.bot.db.person.count({ where: { leavingOn: { not: null } } })).toBe(0);
  });

  it('an SLA breach names the next-level escalation contact', async () => {
    await run('contact "Globex Support" add vendor "Escalation Desk" role:escalation-1 email:esc@globex.example');
    // One command at a time: the issue must be logged after its target exists.
    let before = t.slackApi.callsTo('response_url').length;
    await t.slack.command('/sla', 'set "Globex Support" p1 response:1h', 'UALICE', 'CNET');
    await t.slackApi.waitFor('response_url', before + 1);
    before = t.slackApi.callsTo('chat.postMessage').length;
    await t.slack.command('/issue', 'log "Globex Support" p1 Down', 'UALICE', 'CNET');
    await t.slackApi.waitFor('chat.postMessage', before + 1); // typed in its channel: the posted issue is the answer
    t.slackApi.reset();
    await t.tick('2026-11-23T11:00:00Z');
    const breach = t.slackApi.callsTo('chat.postMessage').find((p) => String(p.body['text']).startsWith('SLA breach'));
    expect(textOf(breach!.body)).toContain('Escalation Desk <esc@globex.example> (escalation-1)');
  });
});
