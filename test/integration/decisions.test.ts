import { beforeEach, describe, expect, it } from 'vitest';
import { PLATFORMS, type PostView } from '../helpers/driver.js';
import { sharedBot } from '../helpers/shared-bot.js';
import type { ClickAnswer } from '../helpers/teams-driver.js';
import { cardOf } from '../helpers/teams-double.js';

// Renewal decisions (four eyes above the threshold, snoozing, the end of a term), on Slack and Teams
// (decide typed alone, without a bot: test/handlers/decisions.test.ts).
const bot = sharedBot({ now: '2026-11-23T10:00:00Z' });

describe.each(PLATFORMS)('%s', (platform) => {
  const d = bot.driver(platform);
  const command = async (text: string, user = 'owner') => (await d.run(text, user)).text;
  /** How a fallback (Slack text, Teams summary) names a user. */
  const named = (key: string) => (platform === 'slack' ? d.mention(key) : `@${key.charAt(0).toUpperCase()}${key.slice(1)}`);

  async function firstReminder(): Promise<PostView> {
    await bot.t.tick('2026-12-02T09:00:00Z');
    const post = (await d.waitForPosts('renew')).find((p) => p.fallback.startsWith('Renewal reminder'));
    expect(post).toBeDefined();
    return post!;
  }

  describe('decisions above the approval threshold', () => {
    beforeEach(async () => {
      await command('renewals settings approvers:{@alice},{@bob} threshold:50000');
      await command('contract add "Big Deal" vendor:Acme end:2027-01-31 notice:30d value:5000 per:month'); // 60,000 a year
    });

    it('needs a second, different approver; the proposer cannot approve', async () => {
      const reminder = await firstReminder();
      const proposed = await d.click('owner', reminder, 'decide.terminate');
      // Slack answers privately; Teams answers with the clicked card, refreshed with the pending decision.
      expect(proposed.text).toContain(platform === 'slack' ? 'another approver' : `proposed ${d.bold('Terminate')}`);
      const [pending] = await d.waitForUpdates();
      expect(pending!.text).toContain(`proposed ${d.bold('Terminate')}`);
      expect(pending!.fallback).toContain('proposed Terminate');
      const approve = pending!.buttons.find((b) => b.action === 'approval.approve')!;
      expect(approve).toBeTruthy();

      expect((await d.click('owner', reminder, approve)).text).toContain('a different approver must confirm');
      expect((await d.click('stranger', reminder, approve)).text).toContain('Only an approver');
      const approved = await d.click('alice', reminder, approve);
      const decidedBy = `${d.bold('Terminate')} decided by ${d.mention('owner')}, approved by ${d.mention('alice')}`;
      expect(approved.text).toContain(platform === 'slack' ? 'Terminate recorded' : decidedBy);
      const updates = await d.waitForUpdates(2);
      expect(updates[1]!.text).toContain(decidedBy);
      // The card now says what the decision means, not what would happen without one.
      expect(updates[1]!.text).toContain(`${d.bold('Big Deal')} (Acme) is being terminated: notice is to be given by 2027-01-01 (Fri), and it ends on 2027-01-31 (Sun).`);
      // Neither the ladder step it was posted as, nor a tick: a terminated contract is no success.
      expect(updates[1]!.text).not.toMatch(/days before the deadline|✅|\(Acme\): /);
      expect(updates[1]!.text).not.toContain('If no notice is given');
      // Dates do not wrap at their hyphens in Teams.
      if (platform === 'teams') expect(JSON.stringify(cardOf(bot.teams.updates()[1]!))).toContain('2027\u201101\u201131 (Sun)');
      // The plain-text fallback of the updated message says who decided what, too.
      expect(updates[1]!.fallback).toMatch(new RegExp(`^Renewal reminder: Big Deal \\(Acme\\), notice deadline 2027-01-01 — 🛑 Terminate decided by ${named('owner')}, approved by ${named('alice')} on `));
      expect(await command('renewals within:90d')).toContain('🛑 decided: Terminate');
      // The termination notice goes to the channel with the transition checklist.
      const notice = d.posts('renew').find((c) => c.fallback.startsWith('Terminate'));
      expect(notice!.text).toContain('Transition checklist');
      if (platform === 'teams') expect(notice!.text).toContain('"fontType":"Monospace"'); // the notice letter, verbatim

      // A second approver clicking afterwards is told it was already decided.
      expect((await d.click('bob', reminder, approve)).text).toContain('already decided');
      const decisions = await bot.t.bot.db.decision.findMany();
      expect(decisions).toHaveLength(1);
      expect(decisions[0]).toMatchObject({ status: 'final', choice: 'terminate', approvedBy: d.userId('alice'), messageId: reminder.id });
    });

    it('two approvers confirming at the same instant: exactly one wins', async () => {
      const reminder = await firstReminder();
      await d.click('owner', reminder, 'decide.renew');
      const [pending] = await d.waitForUpdates();
      const approve = pending!.buttons.find((b) => b.action === 'approval.approve')!;
      const answers = await Promise.all([d.click('alice', reminder, approve), d.click('bob', reminder, approve)]);
      expect(answers.filter((a) => a.text.includes('already decided'))).toHaveLength(1);
      expect(await bot.t.bot.db.auditEvent.count({ where: { action: 'decision.renew' } })).toBe(1);
    });

    it('a proposal typed before any reminder is posted with Approve / Reject; the second approver may type it too', async () => {
      expect(await command('contract decide "Big Deal" renew')).toContain('another approver');
      const [card] = await d.waitForPosts('renew');
      expect(card!.channel).toBe(d.channelId('renew'));
      expect(card!.fallback).toContain('proposed Renew');
      expect(card!.buttons.map((b) => b.action)).toContain('approval.approve');
      expect(await command('contract decide "Big Deal" terminate', 'alice')).toContain('already decided');
      expect(await command('contract decide "Big Deal" renew', 'alice')).toContain('Renew recorded');
      const [approved] = await d.waitForUpdates();
      expect(approved!.id).toBe(card!.id); // the proposal card, in place
      expect(approved!.fallback).toContain(`Renew decided by ${named('owner')}, approved by ${named('alice')}`);
      expect(await bot.t.bot.db.decision.findFirstOrThrow()).toMatchObject({ status: 'final', approvedBy: d.userId('alice') });
    });

    it('a rejection keeps the reminders going', async () => {
      const reminder = await firstReminder();
      await d.click('owner', reminder, 'decide.renegotiate');
      const [pending] = await d.waitForUpdates();
      expect((await d.click('bob', reminder, pending!.buttons.find((b) => b.action === 'approval.reject')!)).text).toContain('rejected');
      expect((await bot.t.tick('2026-12-18T09:00:00Z')).posted).toBe(1);
    });
  });

  describe('decisions below the threshold and snoozing', () => {
    it('renew on a manual contract moves the end forward by the term and plans a new cycle', async () => {
      await command('contract add Payroll vendor:Paycorp end:2027-01-31 notice:30d renewal:manual term:24m');
      expect(await command('contract decide Payroll renew')).toContain('now runs to 2029-01-31');
      expect(await bot.t.bot.db.contract.findFirstOrThrow()).toMatchObject({ start: '2027-02-01', end: '2029-01-31', cycle: 2 });
      expect((await bot.t.tick('2027-02-01T09:00:00Z')).posted).toBe(0); // nothing expires
      expect(await bot.t.bot.db.auditEvent.count({ where: { action: 'decision.renew' } })).toBe(1);
    });

    it('the text twin updates the posted reminder card in place', async () => {
      await command('contract add Payroll vendor:Paycorp end:2027-01-31 notice:30d');
      const reminder = await firstReminder();
      await command('contract decide Payroll renegotiate');
      const [update] = await d.waitForUpdates();
      expect(update!.id).toBe(reminder.id);
      expect(update!.text).toContain(`${d.bold('Renegotiate')} decided by ${d.mention('owner')}`);
    });

    it('snooze moves the next reminder a week later, never past the deadline, and marks the card for everyone', async () => {
      await command('contract add Snoozy vendor:S end:2027-01-31 notice:30d'); // deadline 2027-01-01
      const reminder = await firstReminder(); // 2026-12-02
      bot.t.clock.set('2026-12-02T10:00:00Z');
      const answer = await d.click('owner', reminder, 'snooze');
      const snoozed = `Snoozed by ${d.mention('owner')}: the next renewal reminder comes on 2026-12-09 (Wed)`;
      expect(answer.text).toContain('2026-12-09');
      // Teams refreshes the clicked card for the clicker in the answer.
      if (platform === 'teams') expect((answer as ClickAnswer).text).toContain(snoozed);
      // The reminder in the channel says so, for everyone; its buttons stay.
      const [update] = await d.waitForUpdates();
      expect(update!.id).toBe(reminder.id);
      expect(update!.text).toContain(snoozed);
      expect(update!.buttons.map((b) => b.action)).toContain('decide.renew');
      const planned = await bot.t.bot.db.reminder.findMany({ where: { status: 'planned', kind: 'renewal' }, orderBy: { dueAt: 'asc' } });
      expect(planned[0]!.step).toBe('snooze-2026-12-09');
      expect((await bot.t.tick('2026-12-09T09:00:00Z')).posted).toBe(1);
    });
  });

  describe('end of term', () => {
    it('an auto contract rolls into a new term the day after its end and a new cycle begins', async () => {
      await command('contract add Roller vendor:R end:2026-12-31 term:12m'); // notice 0: the deadline is the end
      await bot.t.tick('2027-01-01T09:00:00Z');
      const rolled = d.posts('renew').find((p) => p.fallback.startsWith('Auto-renewed'));
      expect(rolled!.fallback).toContain('2027-01-01 to 2027-12-31');
      expect(await bot.t.bot.db.contract.findFirstOrThrow()).toMatchObject({ start: '2027-01-01', end: '2027-12-31', cycle: 2, status: 'active' });
      expect(await bot.t.bot.db.reminder.count({ where: { cycle: 2, kind: 'renewal', status: 'planned' } })).toBe(6);
    });

    it('after three missed terms it rolls forward once, with one late message', async () => {
      await command('contract add Sleeper vendor:Z end:2026-12-31 term:12m');
      await bot.t.tick('2029-06-01T09:00:00Z');
      const ended = d.posts('renew').filter((p) => p.fallback.startsWith('Auto-renewed'));
      expect(ended).toHaveLength(1);
      expect(ended[0]!.fallback).toContain('(late)');
      expect(await bot.t.bot.db.contract.findFirstOrThrow()).toMatchObject({ end: '2029-12-31' });
    });

    it('a manual contract without a renew decision expires, after a "deadline passed" warning', async () => {
      await command('contract add Lapse vendor:L end:2027-01-29 notice:14d renewal:manual'); // deadline Fri 2027-01-15
      await bot.t.tick('2027-01-18T09:00:00Z'); // the day after (Sat) moves to Monday
      const passed = d.posts('renew').find((p) => p.fallback.startsWith('Notice deadline passed'));
      expect(passed!.fallback).toContain('expires on 2027-01-29');
      await bot.t.tick('2027-02-01T09:00:00Z'); // end Fri 29th → Saturday → Monday 1 Feb
      expect(d.posts('renew').find((p) => p.fallback.startsWith('Expired'))).toBeTruthy();
      expect((await bot.t.bot.db.contract.findFirstOrThrow()).status).toBe('expired');
    });
  });
});
