import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, teamsChannel, type TestBot } from '../helpers/bot-harness.js';
import { button, buttonsOf, inChannel, mentionedIn, TeamsDriver, textOfCall } from '../helpers/teams-driver.js';
import { cardOf } from '../helpers/teams-double.js';

let t: TestBot;
let teams: TeamsDriver;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z', teams: 'unauthenticated' });
  teams = new TeamsDriver(t);
});
afterEach(async () => {
  await t.stop();
});

async function addGlobex(extra = ''): Promise<string> {
  const reply = await teams.run(`contract add "Globex Support" vendor:Globex end:2027-01-31 notice:30d value:12000 ${extra}`);
  t.teamsApi.reset();
  return reply.text;
}

describe('a renewal, end to end through Teams', () => {
  it('adds a contract, reminds once at the due time, refuses strangers and records the owner decision in place', async () => {
    const reply = await addGlobex();
    expect(reply).toContain('2027-01-01'); // deadline = end − 30 days
    expect(reply).toContain('2026-12-02'); // the 30-day reminder
    expect(reply).toContain('2026-12-31'); // the 1-day reminder

    expect((await t.tick('2026-12-02T08:59:00Z')).posted).toBe(0);
    expect((await t.tick('2026-12-02T09:00:00Z')).posted).toBe(1);
    expect((await t.tick('2026-12-02T09:05:00Z')).posted).toBe(0);
    const posts = teams.posts('renew');
    expect(posts).toHaveLength(1);
    const reminder = posts[0]!;
    expect(reminder.conversationId).toBe(teamsChannel('renew')); // a new post in the channel, not a reply in a thread
    expect(String(reminder.body['summary'])).toMatch(/Globex Support.*2027-01-01/);
    expect(cardOf(reminder)!['version']).toBe('1.5');
    expect(mentionedIn(reminder)).toContain('29:owner');
    expect(textOfCall(reminder)).toContain('<at>Owner</at>');
    expect(buttonsOf(reminder).map((b) => b.title)).toEqual(['Renew', 'Renegotiate', 'Terminate', 'Snooze 7 days']);
    const renew = button(reminder, 'decide.renew');

    const refusal = await teams.click('stranger', reminder, renew);
    expect(refusal.message).toContain('Only the owner');
    expect(refusal.message).toContain('@Owner');
    expect(t.teamsApi.updates()).toHaveLength(0);

    const decided = await teams.click('owner', reminder, renew);
    expect(decided.card).not.toBeNull(); // the clicked card, refreshed for the clicker at once
    expect(decided.text).toMatch(/Renew\*\* decided by <at>Owner<\/at>/);
    expect(buttonsOf(decided.card)).toHaveLength(0);
    const [update] = await t.teamsApi.waitFor('update');
    expect(update!.conversationId).toBe(teamsChannel('renew')); // …and for everyone, through the connector
    expect(update!.activityId).toBe(reminder.id);
    expect(textOfCall(update!)).toMatch(/Renew\*\* decided by <at>Owner<\/at>/);
    expect(buttonsOf(update!)).toHaveLength(0);

    for (const at of ['2026-12-18T09:00:00Z', '2026-12-25T09:00:00Z', '2026-12-31T09:00:00Z', '2027-01-02T09:00:00Z']) {
      await t.tick(at);
    }
    expect(teams.posts('renew')).toHaveLength(1);
    expect(await t.bot.db.auditEvent.count({ where: { action: 'decision.renew' } })).toBe(1);
  });

  it('posts a due reminder once when two passes run at the same time', async () => {
    await addGlobex();
    const reports = await Promise.all([t.tick('2026-12-02T09:00:00Z'), t.tick('2026-12-02T09:00:00Z')]);
    expect(reports[0]!.posted + reports[1]!.posted).toBe(1);
    expect(teams.posts('renew')).toHaveLength(1);
  });

  it.each([412, 502, 504])('retries a reminder whose post failed with HTTP %i on a later pass', async (status) => {
    await addGlobex();
    t.teamsApi.fail('send', { status }, { conversation: teamsChannel('renew'), times: 3 });
    const first = await t.tick('2026-12-02T09:00:00Z');
    expect(first.posted).toBe(0);
    expect(first.failed).toBe(1);
    const second = await t.tick('2026-12-02T09:01:00Z');
    expect(second.posted).toBe(1);
    expect(String(teams.posts('renew').at(-1)!.body['summary'])).toContain('Globex Support');
    expect(await t.bot.db.reminder.count({ where: { status: 'sent' } })).toBe(1);
  });

  it('hands a 429 back with its Retry-After: the reminder waits at least that long', async () => {
    await addGlobex();
    t.teamsApi.fail('send', { status: 429, retryAfter: 120 }, { conversation: teamsChannel('renew') });
    const first = await t.tick('2026-12-02T09:00:00Z');
    expect(first.posted).toBe(0);
    const row = await t.bot.db.reminder.findFirstOrThrow({ where: { step: 'd30' } });
    expect(row.status).toBe('failed');
    expect(row.lastError).toContain('HTTP 429');
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(new Date('2026-12-02T09:02:00Z').getTime());
  });

  it.each([403, 404])('gives up on HTTP %i (bot removed, conversation gone) instead of retrying', async (status) => {
    await addGlobex();
    t.teamsApi.fail('send', { status }, { conversation: teamsChannel('renew'), times: 5 });
    await t.tick('2026-12-02T09:00:00Z');
    const row = await t.bot.db.reminder.findFirstOrThrow({ where: { step: 'd30' } });
    expect(row.status).toBe('dead');
    expect(row.lastError).toContain(`HTTP ${status}`);
  });

  it('cannot post where it was never added or spoken to: permanent, with a reason', async () => {
    await teams.run('contract add Elsewhere vendor:E end:2027-01-31 notice:30d channel:<#19:unknown@thread.tacv2>');
    await t.tick('2026-12-02T09:00:00Z');
    const row = await t.bot.db.reminder.findFirstOrThrow({ where: { step: 'd30' } });
    expect(row.status).toBe('dead');
    expect(row.lastError).toContain('no Teams conversation reference');
  });

  it('after downtime posts only the latest missed reminder, marked late', async () => {
    await addGlobex();
    const report = await t.tick('2026-12-28T09:00:00Z');
    expect(report.posted).toBe(1);
    expect(report.late).toBe(1);
    const [post] = teams.posts('renew');
    expect(String(post!.body['summary'])).toContain('(late)');
    expect(textOfCall(post!)).toContain('7 days before the deadline');
  });
});

describe('conversation references', () => {
  it('added to a team, it can post to every channel of it, even one nobody spoke in yet', async () => {
    t.teamsApi.channels = [{ id: t.teams.team.id, name: null }, { id: teamsChannel('quiet'), name: 'Quiet' }];
    await teams.addToTeam();
    const refs = await t.bot.db.conversationRef.findMany({ orderBy: { channelId: 'asc' } });
    expect(refs.map((r) => r.channelId)).toEqual([teamsChannel('quiet'), t.teams.team.id].sort());
    const reference = JSON.parse(refs.find((r) => r.channelId === teamsChannel('quiet'))!.reference) as { serviceUrl: string; conversation: { id: string; tenantId: string } };
    expect(reference.serviceUrl).toBe(t.teamsApi.serviceUrl);
    expect(reference.conversation).toMatchObject({ id: teamsChannel('quiet'), tenantId: 'tenant-1' });
    // The welcome went to the General channel.
    expect(String(t.teamsApi.sends(t.teams.team.id)[0]!.body['summary'])).toContain('Renewal Desk');

    await teams.run('contract add Quiet vendor:Q end:2027-01-31 notice:30d channel:{#quiet}', 'owner', inChannel('renew'));
    await t.tick('2026-12-02T09:00:00Z');
    expect(teams.posts('quiet')).toHaveLength(1);
    expect(teams.posts('quiet')[0]!.conversationId).toBe(teamsChannel('quiet'));
  });

  it('stores one reference per conversation and workspace = tenant', async () => {
    await teams.run('contract list', 'owner', inChannel('renew'));
    await teams.run('contract list', 'alice', { personal: true });
    const refs = await t.bot.db.conversationRef.findMany();
    expect(refs.map((r) => [r.workspaceId, r.channelId]).sort()).toEqual([
      ['teams:tenant-1', teamsChannel('renew')],
      ['teams:tenant-1', 'a:personal-29:alice'],
    ].sort());
    expect(await t.bot.db.workspace.findMany({ select: { id: true, platform: true } })).toEqual([{ id: 'teams:tenant-1', platform: 'teams' }]);
  });
});
