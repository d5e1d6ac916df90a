import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, teamsChannel, teamsUser, type TestBot } from '../helpers/bot-harness.js';
import { inChannel, TeamsDriver } from '../helpers/teams-driver.js';
import { encode } from '../../src/messages/payloads.js';

// The Teams twin of slack-authorisation.test.ts: every path that decides or changes who holds a role.
let t: TestBot;
let teams: TeamsDriver;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z', teams: 'unauthenticated' });
  teams = new TeamsDriver(t);
});
afterEach(async () => {
  await t.stop();
});

const run = async (text: string, user: string) => (await teams.run(text, user, inChannel('net'))).text;
const globex = () => t.bot.db.contract.findFirstOrThrow({ where: { name: 'Globex Support' } });
const fakePost = { id: '1700000000999' } as never;
const click = async (user: string, verb: string, value: object) => (await teams.click(user, fakePost, { verb, title: verb, data: { value: encode(value) } }, inChannel('net'))).text;

async function submitSuccessor(user: string, contractId: string, fromUserId: string, successorKey: string): Promise<string> {
  t.teamsApi.addMember(teamsUser(successorKey));
  const context = { contractId, fromUserId, channelId: teamsChannel('net'), teamId: t.teams.team.id };
  const res = await t.teams.execute({ user, verb: 'form.assign-successor', data: { context, successor: teamsUser(successorKey).aadObjectId }, where: { personal: true }, replyToId: '1700000000998' });
  return JSON.stringify(res.body.value);
}

describe('with approvers set', () => {
  beforeEach(async () => {
    await run('renewals settings approvers:{@app1},{@app2} threshold:10000', 'app1');
    await run('contract add "Globex Support" vendor:Globex end:2027-06-30 notice:60d value:80000', 'owner');
  });

  it('refuses a stranger who makes themself owner through a contact role, and changes nothing', async () => {
    const reply = await run('contract contact "Globex Support" add {@stranger} role:owner', 'stranger');
    expect(reply).toContain('Only the owner of **Globex Support**');
    expect(reply).toContain('Nothing was changed');
    expect((await globex()).ownerId).toBe('29:owner');
  });

  it('refuses a stranger other contact roles, edits and archive', async () => {
    expect(await run('contract contact "Globex Support" add {@stranger} role:escalation-1', 'stranger')).toContain('can change its contacts');
    expect(await run('contract edit "Globex Support" notice:1d value:1', 'stranger')).toContain('can edit it');
    expect(await run('contract archive "Globex Support"', 'stranger')).toContain('can archive it');
    expect(await click('stranger', 'archive.confirm', { c: (await globex()).id })).toContain('can archive it');
    const after = await globex();
    expect([after.status, after.noticeDays, after.value]).toEqual(['active', 60, 80000]);
    expect(await t.bot.db.contact.count()).toBe(0);
  });

  it('refuses a stranger the handover of someone else\'s roles, by command, button and a forged form', async () => {
    expect(await run('contract handover {@owner} {@stranger}', 'stranger')).toContain('or an approver');
    const id = (await globex()).id;
    const clicked = await click('stranger', 'handover.assign', { c: id, u: '29:owner' });
    expect(clicked).toContain('or an approver');
    expect(clicked).not.toContain('I sent you a form');
    expect(await submitSuccessor('stranger', id, '29:owner', 'stranger')).toContain('or an approver');
    expect(await run('contract leaving {@owner} on:2027-01-31', 'stranger')).toContain('or an approver');
    expect((await globex()).ownerId).toBe('29:owner');
    expect(await t.bot.db.person.count({ where: { leavingOn: { not: null } } })).toBe(0);
  });

  it('lets an approver hand over someone\'s roles, and the channel is told who did it', async () => {
    expect(await run('contract handover {@owner} {@bob}', 'app1')).toContain('Handed over from');
    expect((await globex()).ownerId).toBe('29:bob');
    const [notice] = await t.teamsApi.waitFor((c) => c.kind === 'send' && c.conversationId === teamsChannel('net') && String(c.body['summary']).startsWith('Handover on'));
    expect(String(notice!.body['summary'])).toContain('assigned by');
  });

  it('four eyes cannot be dodged by lowering the value first', async () => {
    expect(await run('contract edit "Globex Support" value:1', 'owner')).toContain('below the approval threshold');
    expect((await globex()).value).toBe(80000);
    expect(await run('contract edit "Globex Support" value:1', 'app1')).toContain('80000 → 1');
    expect(await run('contract decide "Globex Support" terminate', 'owner')).toContain('another approver');
    expect((await t.bot.db.decision.findFirstOrThrow()).status).toBe('pending');
  });
});

describe('with no approvers', () => {
  beforeEach(async () => {
    await run('contract add "Globex Support" vendor:Globex end:2027-06-30 notice:60d owner:{@owner}', 'adder');
  });

  it('lets the owner or whoever added it edit, nobody else', async () => {
    expect(await run('contract edit "Globex Support" notice:30d', 'stranger')).toContain('or whoever added it');
    expect(await run('contract edit "Globex Support" notice:30d', 'adder')).toContain('60 days → 30 days');
    expect(await run('contract edit "Globex Support" owner:{@adder}', 'adder')).toContain('Only the owner');
  });

  it('lets anyone name a successor once the leaver has gone, and says who did', async () => {
    await run('contract leaving {@owner} on:2026-12-10', 'owner');
    const id = (await globex()).id;
    expect(await run('contract handover {@owner} {@stranger}', 'stranger')).toContain('anyone may name a successor');
    t.clock.set('2026-12-11T10:00:00Z');
    expect(await submitSuccessor('stranger', id, '29:owner', 'bob')).toContain('Handed over');
    expect((await globex()).ownerId).toBe('29:bob');
    expect(await t.bot.db.auditEvent.count({ where: { action: 'contact.handover', actorId: '29:stranger' } })).toBe(1);
  });
});
