import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';
import { encode } from '../../src/messages/payloads.js';

// Every path that decides or changes who holds a role, tried by someone who may not (Slack).
// UOWNER owns "Globex Support"; UAPP1 and UAPP2 approve; USTRANGER is anyone else.
let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z' });
});
afterEach(async () => {
  await t.stop();
});

async function run(command: string, text: string, user: string, channel = 'CNET'): Promise<string> {
  const before = t.slackApi.callsTo('response_url').length;
  await t.slack.command(command, text, user, channel);
  const replies = await t.slackApi.waitFor('response_url', before + 1);
  return textOf(replies[before]!.body);
}
const contract = (text: string, user: string) => run('/contract', text, user);
const globex = () => t.bot.db.contract.findFirstOrThrow({ where: { name: 'Globex Support' } });
/** The private answer to a click (the next response_url call). */
async function clickAnswer(user: string, actionId: string, value: string): Promise<string> {
  const before = t.slackApi.callsTo('response_url').length;
  await t.slack.click({ user, actionId, value, channel: 'CNET', messageTs: '1.2' });
  const replies = await t.slackApi.waitFor('response_url', before + 1);
  return textOf(replies[before]!.body);
}
const sent = () => t.slackApi.callsTo('chat.postMessage').map((c) => String(c.body['text']));

async function submitSuccessor(user: string, contractId: string, fromUserId: string, successor: string): Promise<void> {
  const submission = {
    type: 'view_submission', team: { id: 'T1', domain: 't' }, user: { id: user, username: user.toLowerCase(), team_id: 'T1' }, api_app_id: 'A1', token: 'x', trigger_id: 'tr',
    view: { id: 'V2', type: 'modal', callback_id: 'rd:handover.assign', private_metadata: JSON.stringify({ contractId, fromUserId, channelId: 'CNET' }), team_id: 'T1', app_id: 'A1', bot_id: 'B1', hash: 'h', title: { type: 'plain_text', text: 'x' }, blocks: [],
      state: { values: { successor: { value: { type: 'users_select', selected_user: successor } } } } },
  };
  const before = t.slackApi.callsTo('chat.postEphemeral').length;
  await t.slack.post(new URLSearchParams({ payload: JSON.stringify(submission) }).toString());
  await t.slackApi.waitFor('chat.postEphemeral', before + 1);
}

describe('with approvers set', () => {
  beforeEach(async () => {
    await run('/renewals', 'settings approvers:<@UAPP1>,<@UAPP2> threshold:10000', 'UAPP1');
    await contract('add "Globex Support" vendor:Globex end:2027-06-30 notice:60d value:80000', 'UOWNER');
    t.slackApi.reset();
  });

  it('refuses a stranger who makes themself owner through a contact role, and changes nothing', async () => {
    const reply = await contract('contact "Globex Support" add <@USTRANGER> role:owner', 'USTRANGER');
    expect(reply).toContain('Only the owner of *Globex Support* (<@UOWNER>) or an approver');
    expect(reply).toContain('Nothing was changed');
    expect((await globex()).ownerId).toBe('UOWNER');
    expect(await t.bot.db.auditEvent.count({ where: { action: 'contact.owner' } })).toBe(0);
    // The owner may hand the contract on that way.
    expect(await contract('contact "Globex Support" add <@UBOB> role:owner', 'UOWNER')).toContain('<@UBOB> now owns Globex Support');
  });

  it('refuses a stranger other contact roles, edits and archive', async () => {
    expect(await contract('contact "Globex Support" add <@USTRANGER> role:escalation-1', 'USTRANGER')).toContain('can change its contacts');
    expect(await contract('edit "Globex Support" notice:1d value:1', 'USTRANGER')).toContain('can edit it');
    const archive = await contract('archive "Globex Support"', 'USTRANGER');
    expect(archive).toContain('can archive it');
    expect(archive).not.toContain('rd:archive.confirm');
    // A confirm button lifted from someone else's prompt is refused too.
    const value = encode({ c: (await globex()).id });
    expect(await clickAnswer('USTRANGER', 'rd:archive.confirm', value)).toContain('can archive it');
    const after = await globex();
    expect([after.status, after.noticeDays, after.value]).toEqual(['active', 60, 80000]);
    expect(await t.bot.db.contact.count()).toBe(0);
  });

  it('refuses a stranger the handover of someone else\'s roles, by command, button and a forged form', async () => {
    expect(await contract('handover <@UOWNER> <@USTRANGER>', 'USTRANGER')).toContain('Only <@UOWNER> or an approver');
    const id = (await globex()).id;
    expect(await clickAnswer('USTRANGER', 'rd:handover.assign', encode({ c: id, u: 'UOWNER' }))).toContain('Only <@UOWNER> or an approver');
    expect(t.slackApi.callsTo('views.open')).toHaveLength(0);
    await submitSuccessor('USTRANGER', id, 'UOWNER', 'USTRANGER');
    expect(textOf(t.slackApi.callsTo('chat.postEphemeral')[0]!.body)).toContain('Only <@UOWNER> or an approver');
    expect(await contract('leaving <@UOWNER> on:2027-01-31', 'USTRANGER')).toContain('Only <@UOWNER> or an approver');
    expect((await globex()).ownerId).toBe('UOWNER');
    expect(await t.bot.db.person.count({ where: { leavingOn: { not: null } } })).toBe(0);
    expect(sent()).toHaveLength(0);
  });

  it('lets an approver hand over someone\'s roles, and the channel is told who did it', async () => {
    const reply = await contract('handover <@UOWNER> <@UBOB>', 'UAPP1');
    expect(reply).toContain('Handed over from <@UOWNER> to <@UBOB>');
    expect((await globex()).ownerId).toBe('UBOB');
    await t.slackApi.waitFor('chat.postMessage');
    expect(sent()[0]).toContain('(assigned by @UAPP1)');
  });

  it('four eyes cannot be dodged by lowering the value first', async () => {
    const lowered = await contract('edit "Globex Support" value:1', 'UOWNER');
    expect(lowered).toContain('below the approval threshold');
    expect((await globex()).value).toBe(80000);
    // An approver may correct the value; a decision in this term still needs a second approver.
    expect(await contract('edit "Globex Support" value:1', 'UAPP1')).toContain('value: 80000 → 1');
    expect(await contract('decide "Globex Support" terminate', 'UOWNER')).toContain('another approver');
    const decision = await t.bot.db.decision.findFirstOrThrow();
    expect(decision.status).toBe('pending');
    expect(await contract('decide "Globex Support" renew', 'UAPP1')).toContain('already decided');
  });
});

describe('with no approvers', () => {
  beforeEach(async () => {
    await contract('add "Globex Support" vendor:Globex end:2027-06-30 notice:60d owner:<@UOWNER>', 'UADDER');
    t.slackApi.reset();
  });

  it('lets the owner or whoever added it edit and archive, nobody else', async () => {
    expect(await contract('edit "Globex Support" notice:30d', 'USTRANGER')).toContain('Only the owner of *Globex Support* (<@UOWNER>) or whoever added it (<@UADDER>)');
    expect(await contract('edit "Globex Support" notice:30d', 'UADDER')).toContain('notice: 60 days → 30 days');
    expect(await contract('edit "Globex Support" notice:45d', 'UOWNER')).toContain('notice: 30 days → 45 days');
    expect(await contract('edit "Globex Support" owner:<@UADDER>', 'UADDER')).toContain('Only the owner');
  });

  it('lets anyone name a successor once the leaver has gone, and says who did', async () => {
    await contract('leaving <@UOWNER> on:2026-12-10', 'UOWNER');
    const id = (await globex()).id;
    // Before the leaving date, only the leaver hands over.
    expect(await contract('handover <@UOWNER> <@USTRANGER>', 'USTRANGER')).toContain('Once their leaving date has passed, anyone may name a successor');
    t.clock.set('2026-12-11T10:00:00Z');
    await submitSuccessor('USTRANGER', id, 'UOWNER', 'UBOB');
    expect((await globex()).ownerId).toBe('UBOB');
    await t.slackApi.waitFor('chat.postMessage');
    expect(sent().find((s) => s.startsWith('Handover on Globex Support'))).toContain('(assigned by @USTRANGER)');
    expect(await t.bot.db.auditEvent.count({ where: { action: 'contact.handover', actorId: 'USTRANGER' } })).toBe(1);
  });
});
