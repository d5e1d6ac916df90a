import { beforeEach, describe, expect, it } from 'vitest';
import { encode } from '../../src/messages/payloads.js';
import { PLATFORMS, type Clickable } from '../helpers/driver.js';
import { sharedBot } from '../helpers/shared-bot.js';

// Every path that decides or changes who holds a role, tried by someone who may not, on Slack and Teams.
// `owner` owns "Globex Support"; `app1` and `app2` approve; `stranger` is anyone else.
const bot = sharedBot({ now: '2026-11-23T10:00:00Z' });

describe.each(PLATFORMS)('%s', (platform) => {
  const d = bot.driver(platform);
  const run = async (text: string, user: string) => (await d.run(text, user, 'net')).text;
  const globex = () => bot.t.bot.db.contract.findFirstOrThrow({ where: { name: 'Globex Support' } });
  /** A button lifted from a message the user never got, clicked on some message in #net. */
  const click = async (user: string, action: string, value: object) => {
    const button: Clickable = { action, label: action, value: encode(value) };
    return (await d.click(user, { channel: d.channelId('net'), id: '1700000000999', text: '', fallback: '', buttons: [button] }, button)).text;
  };
  /** A successor form submitted without the bot having opened it (forged). */
  const submitSuccessor = async (user: string, contractId: string, fromUserId: string, successor: string) =>
    (await d.submit(user, d.forgeForm(user, 'assign-successor', { contractId, fromUserId, channel: 'net' }), { successor })).text;
  /** The handover notice's fallback names who assigned the successor: a real mention on Slack, the name on Teams, never a raw id. */
  const assignedBy = (key: string) => `(assigned by ${d.fallbackMention(key)})`;

  describe('with approvers set', () => {
    beforeEach(async () => {
      await run('renewals settings approvers:{@app1},{@app2} threshold:10000', 'app1');
      await run('contract add "Globex Support" vendor:Globex end:2027-06-30 notice:60d value:80000', 'owner');
      d.forget();
    });

    it('refuses a stranger who makes themself owner through a contact role, and changes nothing', async () => {
      const reply = await run('contract contact "Globex Support" add {@stranger} role:owner', 'stranger');
      expect(reply).toContain(`Only the owner of ${d.bold('Globex Support')} (${d.mention('owner')}) or an approver`);
      expect(reply).toContain('Nothing was changed');
      expect((await globex()).ownerId).toBe(d.userId('owner'));
      expect(await bot.t.bot.db.auditEvent.count({ where: { action: 'contact.owner' } })).toBe(0);
      // The owner may hand the contract on that way.
      expect(await run('contract contact "Globex Support" add {@bob} role:owner', 'owner')).toContain(`${d.mention('bob')} now owns Globex Support`);
    });

    it('refuses a stranger other contact roles, edits and archive', async () => {
      expect(await run('contract contact "Globex Support" add {@stranger} role:escalation-1', 'stranger')).toContain('can change its contacts');
      expect(await run('contract edit "Globex Support" notice:1d value:1', 'stranger')).toContain('can edit it');
      const archive = await d.run('contract archive "Globex Support"', 'stranger', 'net');
      expect(archive.text).toContain('can archive it');
      expect(archive.buttons.map((b) => b.action)).not.toContain('archive.confirm');
      // A confirm button lifted from someone else's prompt is refused too.
      expect(await click('stranger', 'archive.confirm', { c: (await globex()).id })).toContain('can archive it');
      const after = await globex();
      expect([after.status, after.noticeDays, after.value]).toEqual(['active', 60, 80000]);
      expect(await bot.t.bot.db.contact.count()).toBe(0);
    });

    it('refuses a stranger the handover of someone else\'s roles, by command, button and a forged form', async () => {
      const refused = `Only ${d.mention('owner')} or an approver`;
      expect(await run('contract handover {@owner} {@stranger}', 'stranger')).toContain(refused);
      const id = (await globex()).id;
      const clicked = await click('stranger', 'handover.assign', { c: id, u: d.userId('owner') });
      // Teams shows a click's refusal as plain text: the owner by name.
      expect(clicked).toContain(platform === 'slack' ? refused : 'Only @Owner or an approver');
      expect(clicked).not.toContain('I sent you a form');
      if (platform === 'slack') expect(bot.t.slackApi.callsTo('views.open')).toHaveLength(0);
      expect(await submitSuccessor('stranger', id, d.userId('owner'), 'stranger')).toContain(platform === 'slack' ? refused : 'or an approver');
      expect(await run('contract leaving {@owner} on:2027-01-31', 'stranger')).toContain(refused);
      expect((await globex()).ownerId).toBe(d.userId('owner'));
      expect(await bot.t.bot.db.person.count({ where: { leavingOn: { not: null } } })).toBe(0);
      expect(d.posts('net')).toHaveLength(0);
      if (platform === 'slack') expect(bot.t.slackApi.callsTo('chat.postMessage')).toHaveLength(0);
    });

    it('lets an approver hand over someone\'s roles, and the channel is told who did it', async () => {
      const handed = await d.run('contract handover {@owner} {@bob}', 'app1', 'net');
      expect(handed.text).toContain(`Handed over from ${d.mention('owner')} to ${d.mention('bob')}`);
      expect(handed.fallback).toBe(`Handed over 1 role on 1 contract from ${d.fallbackMention('owner')} to ${d.fallbackMention('bob')}.`);
      expect((await globex()).ownerId).toBe(d.userId('bob'));
      const notice = (await d.waitForPosts('net')).find((p) => p.fallback.startsWith('Handover on'));
      expect(notice!.fallback).toBe(`Handover on Globex Support: ${d.fallbackMention('bob')} takes over owner from ${d.fallbackMention('owner')} ${assignedBy('app1')}.`);
    });

    it('four eyes cannot be dodged by lowering the value first', async () => {
      expect(await run('contract edit "Globex Support" value:1', 'owner')).toContain('below the approval threshold');
      expect((await globex()).value).toBe(80000);
      // An approver may correct the value; a decision in this term still needs a second approver.
      expect(await run('contract edit "Globex Support" value:1', 'app1')).toContain('value: 80000 → 1');
      expect(await run('contract decide "Globex Support" terminate', 'owner')).toContain('another approver');
      expect((await bot.t.bot.db.decision.findFirstOrThrow()).status).toBe('pending');
      expect(await run('contract decide "Globex Support" renew', 'app1')).toContain('already decided');
    });
  });

  describe('with no approvers', () => {
    beforeEach(async () => {
      await run('contract add "Globex Support" vendor:Globex end:2027-06-30 notice:60d owner:{@owner}', 'adder');
      d.forget();
    });

    it('lets the owner or whoever added it edit, nobody else', async () => {
      expect(await run('contract edit "Globex Support" notice:30d', 'stranger')).toContain(`Only the owner of ${d.bold('Globex Support')} (${d.mention('owner')}) or whoever added it (${d.mention('adder')})`);
      expect(await run('contract edit "Globex Support" notice:30d', 'adder')).toContain('notice: 60 days → 30 days');
      expect(await run('contract edit "Globex Support" notice:45d', 'owner')).toContain('notice: 30 days → 45 days');
      expect(await run('contract edit "Globex Support" owner:{@adder}', 'adder')).toContain('Only the owner');
    });

    it('lets anyone name a successor once the leaver has gone, and says who did', async () => {
      await run('contract leaving {@owner} on:2026-12-10', 'owner');
      const id = (await globex()).id;
      // Before the leaving date, only the leaver hands over.
      expect(await run('contract handover {@owner} {@stranger}', 'stranger')).toContain('Once their leaving date has passed, anyone may name a successor');
      bot.t.clock.set('2026-12-11T10:00:00Z');
      expect(await submitSuccessor('stranger', id, d.userId('owner'), 'bob')).toContain('Handed over');
      expect((await globex()).ownerId).toBe(d.userId('bob'));
      const notice = (await d.waitForPosts('net')).find((p) => p.fallback.startsWith('Handover on Globex Support'));
      expect(notice!.fallback).toContain(assignedBy('stranger'));
      expect(await bot.t.bot.db.auditEvent.count({ where: { action: 'contact.handover', actorId: d.userId('stranger') } })).toBe(1);
    });
  });
});
