import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../helpers/driver.js';
import { sharedBot } from '../helpers/shared-bot.js';
import { signSlackRequest } from '../helpers/slack-signer.js';
import { inChannel, mentionedIn, type ClickAnswer } from '../helpers/teams-driver.js';
import { cardOf } from '../helpers/teams-double.js';
import { teamsChannel } from '../helpers/bot-harness.js';

// A renewal end to end, through Slack and through Teams: the same scenarios on both.
const bot = sharedBot({ now: '2026-11-23T10:00:00Z' });

describe.each(PLATFORMS)('a renewal, end to end through %s', (platform) => {
  const d = bot.driver(platform);

  async function addGlobex(channel = 'renew'): Promise<string> {
    const reply = await d.run('contract add "Globex Support" vendor:Globex end:2027-01-31 notice:30d value:12000', 'owner', channel);
    d.forget();
    return reply.text;
  }

  it('adds a contract, reminds once at the due time, refuses strangers and records the owner decision in place', async () => {
    const { t } = bot;
    const reply = await addGlobex();
    expect(reply).toContain('2027-01-01'); // deadline = end − 30 days
    expect(reply).toContain('2026-12-02'); // the 30-day reminder (60- and 90-day ones are already past)
    expect(reply).toContain('2026-12-31'); // the 1-day reminder

    expect((await t.tick('2026-12-02T08:59:00Z')).posted).toBe(0);
    expect((await t.tick('2026-12-02T09:00:00Z')).posted).toBe(1);
    expect((await t.tick('2026-12-02T09:05:00Z')).posted).toBe(0);
    const posts = d.posts('renew');
    expect(posts).toHaveLength(1);
    const reminder = posts[0]!;
    expect(reminder.channel).toBe(d.channelId('renew'));
    expect(reminder.fallback).toMatch(/Globex Support.*2027-01-01/);
    expect(reminder.text).toContain(d.mention('owner'));
    expect(reminder.text).toContain('Snooze 7 days');
    expect(reminder.buttons.map((b) => b.label)).toEqual(['Renew', 'Renegotiate', 'Terminate', 'Snooze 7 days']);
    if (platform === 'teams') {
      const call = bot.teams.posts('renew')[0]!;
      expect(call.conversationId).toBe(teamsChannel('renew')); // a new post in the channel, not a reply in a thread
      expect(cardOf(call)!['version']).toBe('1.5');
      expect(mentionedIn(call)).toContain('29:owner');
    }

    const refusal = await d.click('stranger', reminder, 'decide.renew');
    expect(refusal.text).toContain('Only the owner');
    if (platform === 'teams') expect(refusal.text).toContain('@Owner'); // a message to the clicker, not a card
    expect(d.updates()).toHaveLength(0);

    const decided = await d.click('owner', reminder, 'decide.renew');
    if (platform === 'teams') {
      // The clicked card, refreshed for the clicker at once…
      expect((decided as ClickAnswer).card).not.toBeNull();
      expect(decided.text).toContain(`${d.bold('Renew')} decided by ${d.mention('owner')}`);
      expect(decided.buttons).toHaveLength(0);
    }
    // …and for everyone, in place.
    const [update] = await d.waitForUpdates();
    expect(update!.channel).toBe(d.channelId('renew'));
    expect(update!.id).toBe(reminder.id);
    expect(update!.text).toContain(`${d.bold('Renew')} decided by ${d.mention('owner')}`);
    expect(update!.buttons).toHaveLength(0);
    if (platform === 'slack') expect(JSON.stringify(bot.slack.updates()[0]!.body['blocks'])).not.toContain('"type":"actions"');
    else expect(bot.teams.updates()[0]!.conversationId).toBe(teamsChannel('renew')); // the channel post itself, not a thread

    for (const at of ['2026-12-18T09:00:00Z', '2026-12-25T09:00:00Z', '2026-12-31T09:00:00Z', '2027-01-02T09:00:00Z']) {
      await t.tick(at);
    }
    expect(d.posts('renew')).toHaveLength(1);
    expect(await t.bot.db.auditEvent.count({ where: { action: 'decision.renew' } })).toBe(1);
  });

  it('posts a due reminder once when two passes run at the same time', async () => {
    const { t } = bot;
    await addGlobex();
    const reports = await Promise.all([t.tick('2026-12-02T09:00:00Z'), t.tick('2026-12-02T09:00:00Z')]);
    expect(reports[0]!.posted + reports[1]!.posted).toBe(1);
    expect(d.posts('renew')).toHaveLength(1);
  });

  it.each(platform === 'slack' ? [500] : [412, 502, 504])('retries a reminder whose post failed with HTTP %i on a later pass', async (status) => {
    const { t } = bot;
    await addGlobex();
    d.failPosts('renew', { status }, 3);
    const first = await t.tick('2026-12-02T09:00:00Z');
    expect(first.posted).toBe(0);
    expect(first.failed).toBe(1);
    const second = await t.tick('2026-12-02T09:01:00Z');
    expect(second.posted).toBe(1);
    expect(d.posts('renew').at(-1)!.fallback).toContain('Globex Support');
    expect(await t.bot.db.reminder.count({ where: { status: 'sent' } })).toBe(1);
  });

  it('after downtime posts only the latest missed reminder, marked late', async () => {
    await addGlobex();
    const report = await bot.t.tick('2026-12-28T09:00:00Z'); // the 30-, 14- and 7-day steps were all missed
    expect(report.posted).toBe(1);
    expect(report.late).toBe(1);
    const [post] = d.posts('renew');
    expect(post!.fallback).toContain('(late)');
    expect(post!.text).toContain('7 days before the deadline');
  });
});

describe('Slack only: signed requests', () => {
  it('refuses forged, stale and future-dated requests with 401 and stores nothing', async () => {
    const { t } = bot;
    const body = t.slack.commandBody('/contract', 'add Forged vendor:X end:2027-01-31');
    const send = (secret: string, timestamp?: number) => fetch(`${t.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(secret, body, timestamp) },
      body,
    });
    expect((await send('wrong-secret')).status).toBe(401);
    expect((await send('test-signing-secret', Math.floor(Date.now() / 1000) - 6 * 60)).status).toBe(401);
    expect((await send('test-signing-secret', Math.floor(Date.now() / 1000) + 6 * 60)).status).toBe(401);
    expect(await t.bot.db.contract.count()).toBe(0);
  });
});

describe('Teams only: what the connector answers, and where the bot can post', () => {
  const teams = bot.teams;
  async function addGlobex(channel: string): Promise<void> {
    await teams.run('contract add "Globex Support" vendor:Globex end:2027-01-31 notice:30d value:12000', 'owner', channel);
    teams.forget();
  }

  it('hands a 429 back with its Retry-After: the reminder waits at least that long', async () => {
    const { t } = bot;
    // Its own conversation: the bot keeps away from a throttled one for the Retry-After (two minutes).
    await addGlobex('throttled');
    t.teamsApi.fail('send', { status: 429, retryAfter: 120 }, { conversation: teamsChannel('throttled') });
    const first = await t.tick('2026-12-02T09:00:00Z');
    expect(first.posted).toBe(0);
    const row = await t.bot.db.reminder.findFirstOrThrow({ where: { step: 'd30' } });
    expect(row.status).toBe('failed');
    expect(row.lastError).toContain('HTTP 429');
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(new Date('2026-12-02T09:02:00Z').getTime());
  });

  it.each([403, 404])('gives up on HTTP %i (bot removed, conversation gone) instead of retrying', async (status) => {
    const { t } = bot;
    await addGlobex('renew');
    t.teamsApi.fail('send', { status }, { conversation: teamsChannel('renew'), times: 5 });
    await t.tick('2026-12-02T09:00:00Z');
    const row = await t.bot.db.reminder.findFirstOrThrow({ where: { step: 'd30' } });
    expect(row.status).toBe('dead');
    expect(row.lastError).toContain(`HTTP ${status}`);
  });

  it('cannot post where it was never added or spoken to: permanent, with a reason', async () => {
    const { t } = bot;
    await teams.run('contract add Elsewhere vendor:E end:2027-01-31 notice:30d channel:<#19:unknown@thread.tacv2>');
    await t.tick('2026-12-02T09:00:00Z');
    const row = await t.bot.db.reminder.findFirstOrThrow({ where: { step: 'd30' } });
    expect(row.status).toBe('dead');
    expect(row.lastError).toContain('no Teams conversation reference');
  });

  it('added to a team, it can post to every channel of it, even one nobody spoke in yet', async () => {
    const { t } = bot;
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
    const { t } = bot;
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
