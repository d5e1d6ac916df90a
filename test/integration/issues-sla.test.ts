import { beforeEach, describe, expect, it } from 'vitest';
import { textOf, teamsChannel } from '../helpers/bot-harness.js';
import { PLATFORMS } from '../helpers/driver.js';
import { sharedBot } from '../helpers/shared-bot.js';
import { inChannel, mentionedIn, personal, textOfCall, type ClickAnswer } from '../helpers/teams-driver.js';

// Vendor issues and SLA evidence on Slack and Teams (their command logic alone: test/handlers/issues-sla.test.ts).
// Monday 2026-11-23, 10:00 in Berlin.
const bot = sharedBot({ now: '2026-11-23T09:00:00Z', env: { DEFAULT_TIMEZONE: 'Europe/Berlin' } });

describe.each(PLATFORMS)('%s', (platform) => {
  const d = bot.driver(platform);
  /** The answer to a command: the private reply, or (Slack, an issue logged in its own channel) the issue posted there. */
  const run = async (text: string, user = 'owner') => (await d.run(text, user)).text;
  /** Bold text followed by more: `*Recurring:* …` on Slack, `**Recurring:** …` on Teams. */
  const boldThen = (label: string, rest: string) => `${d.bold(label)} ${rest}`;

  beforeEach(async () => {
    await run('contract add "Globex Support" vendor:Globex end:2027-06-30 notice:60d');
  });

  describe('issue', () => {
    it('logs an issue with an id, announces it in the contract channel with its targets and buttons', async () => {
      await run('sla set "Globex Support" p2 response:4h resolution:2d');
      await run('sla set "Globex Support" hours:business');
      expect(await run('issue log Globex Support p2 VPN drops every evening category:Network')).toContain('I-1');
      const [post] = d.posts('renew');
      expect(post!.channel).toBe(d.channelId('renew'));
      // Opened Mon 10:00 Berlin; 4 business hours → 14:00; 2 business days (16 h) → Wed 10:00.
      expect(post!.text).toContain('response 4 h, due 2026-11-23 14:00 Europe/Berlin');
      expect(post!.text).toContain('resolution 2 working days, due 2026-11-25 10:00 Europe/Berlin');
      expect(post!.buttons.map((b) => b.action)).toContain('issue.respond');
      expect(await run('/issue log "Globex Support" p4 Typo in invoice')).toContain('I-2');
      // Typed elsewhere, a private answer says what was logged.
      expect((await d.run('issue log "Globex Support" p3 Slow portal', 'owner', 'other')).text).toContain(`Logged ${d.bold('I-3')}`);
      // Slack: typed in the contract's channel, the posted issue was the only message (no private copy beside it).
      if (platform === 'slack') expect(bot.t.slackApi.callsTo('response_url').filter((c) => /Logged \*I-[12]\*/.test(textOf(c.body)))).toEqual([]);
      // Targets set later: the posted issue without targets shows them at once, without a click.
      await run('sla set "Globex Support" p4 response:1d');
      const updated = d.updates().map((u) => u.text).find((text) => text.includes('Typo in invoice'));
      expect(updated).toContain('response 1 working day, due');
      expect(updated).not.toContain('No SLA targets');
    });

    it('an issue of another workspace behaves as unknown', async () => {
      const { t } = bot;
      await run('issue log "Globex Support" p3 Slow portal');
      if (platform === 'slack') {
        const before = t.slackApi.callsTo('response_url').length;
        await t.slack.post(t.slack.commandBody('/issue', 'resolve I-1').replace('team_id=T1', 'team_id=T2'));
        const [reply] = (await t.slackApi.waitFor('response_url', before + 1)).slice(before);
        expect(textOf(reply!.body)).toContain('There is no issue I-1');
      } else {
        const other = t.teams.messageActivity('issue resolve I-1', 'owner', inChannel('renew'));
        (other['channelData'] as { tenant: { id: string } }).tenant.id = 'tenant-2';
        (other['conversation'] as { tenantId: string }).tenantId = 'tenant-2';
        expect((await t.teams.post(other)).status).toBe(200);
        const [reply] = await t.teamsApi.waitFor((c) => c.kind === 'send' && c.conversationId === 'a:dm-29:owner' && textOfCall(c).includes('I-1') && textOfCall(c).includes('no issue'));
        expect(textOfCall(reply!)).toContain('There is no issue I-1');
        expect(await t.bot.db.workspace.count({ where: { id: 'teams:tenant-2' } })).toBe(1);
      }
      expect((await t.bot.db.vendorIssue.findFirstOrThrow()).resolvedAt).toBeNull();
    });

    it('the buttons record the response and the resolution and update the message in place', async () => {
      await run('sla set "Globex Support" p2 response:4h resolution:2d');
      await run('issue log "Globex Support" p2 Mail delayed');
      const [post] = d.posts('renew');
      bot.t.clock.set('2026-11-23T10:30:00Z');
      const answer = await d.click('other', post!, 'issue.respond');
      if (platform === 'teams') expect((answer as ClickAnswer).card).not.toBeNull();
      const [update] = await d.waitForUpdates();
      expect(update!.id).toBe(post!.id);
      expect(update!.channel).toBe(d.channelId('renew'));
      if (platform === 'teams') expect(bot.teams.updates()[0]!.conversationId).toBe(teamsChannel('renew'));
      expect(update!.text).toContain('Vendor responded 2026-11-23 11:30');
      expect(update!.text).toContain('within target');
      expect(update!.buttons.map((b) => b.action)).not.toContain('issue.respond');
      if (platform === 'slack') expect(update!.text).not.toContain('rd:issue.respond');
      expect((await bot.t.bot.db.vendorIssue.findFirstOrThrow()).respondedAt?.toISOString()).toBe('2026-11-23T10:30:00.000Z');
    });
  });

  describe('sla and its warnings', () => {
    it('reports compliance, times, breaches, uptime and recurring categories with a verdict', async () => {
      await run('sla set "Globex Support" p1 response:1h resolution:8h');
      await run('sla set "Globex Support" uptime:99.9 expect:90');
      // Three P1 issues in the last 30 days: responses in 30 min, 45 min and 3 h (one breach).
      for (const day of ['2026-11-02', '2026-11-09', '2026-11-16']) await run(`issue log "Globex Support" p1 Portal down category:portal at:${day}T08:00`);
      for (const [id, at] of [['I-1', '2026-11-02T08:30'], ['I-2', '2026-11-09T08:45'], ['I-3', '2026-11-16T11:00']]) await run(`issue respond ${id} at:${at}`);
      for (const [id, at] of [['I-1', '2026-11-02T12:00'], ['I-2', '2026-11-09T15:00'], ['I-3', '2026-11-16T20:00']]) await run(`issue resolve ${id} at:${at}`);
      await run('issue outage "Globex Support" start:2026-11-10T10:00 end:2026-11-10T11:00');
      await run('issue outage "Globex Support" start:2026-11-11T01:00 end:2026-11-11T05:00 maintenance');

      const status = await run('sla "Globex Support" period:30d');
      expect(status).toContain('Globex Support met 4 of 6 SLA targets (67 %): response 2 of 3, resolution 2 of 3 — below the 90 % you expect; uptime 99.861 % is below its 99.9 % target');
      expect(status).toContain('I-3 P1 response: 3 h against 1 h (3.0×)');
      expect(status).toContain(boldThen('Recurring:', 'portal (3)'));
      // 60 unplanned minutes in 30 days = 99.861 %, below 99.9 %.
      expect(status).toContain('99.861 % (target 99.9 %: missed)');
      expect(await run('sla "Globex Support" month:2026-11')).toContain('November 2026');
      expect(await run('sla "Globex Support" month:2026-13')).toContain('must be a month');
    });

    it('an open issue whose business-hours target ran out at 17:00 is breached in sla, as the scheduler said', async () => {
      await run('sla set "Globex Support" p2 resolution:2d');
      await run('sla set "Globex Support" hours:business');
      bot.t.clock.set('2026-12-01T16:15:00Z'); // Tue 1 Dec, 17:15 Berlin
      await run('issue log "Globex Support" p2 VPN down at:2026-11-30T09:00'); // 2 working days: due Tue 17:00
      d.forget();
      await bot.t.tick('2026-12-01T16:15:00Z');
      expect(d.posts('renew').map((p) => p.text).some((text) => text.includes('SLA breach') && text.includes('resolution target of 2 working days'))).toBe(true);
      const status = await run('sla "Globex Support"');
      expect(status).toContain('P2: 0 of 1 met (0 %)');
      expect(status).not.toContain('still running');
      expect(status).not.toContain('of the target used');
      expect(status).toContain('2 working days against 2 working days (1.0×), still open');
    });

    it('posts a warning at 75 % and a breach at 100 % of an open issue, once each', async () => {
      const { t } = bot;
      await run('sla set "Globex Support" p2 response:4h resolution:2d');
      await run('issue log "Globex Support" p2 VPN down'); // 09:00Z, 24x7 clock
      d.forget();
      expect((await t.tick('2026-11-23T11:59:00Z')).posted).toBe(0);
      expect((await t.tick('2026-11-23T12:00:00Z')).posted).toBe(1); // 3 h = 75 % of 4 h
      expect((await t.tick('2026-11-23T12:30:00Z')).posted).toBe(0);
      expect((await t.tick('2026-11-23T13:00:00Z')).posted).toBe(1); // 4 h
      const [warning, breach] = d.posts('renew');
      expect(warning!.fallback).toMatch(/^SLA warning: I-1/);
      expect(breach!.fallback).toMatch(/^SLA breach: I-1/);
      // What a notification shows: a real mention on Slack, the name on Teams; never a bare id.
      expect(breach!.fallback).toContain(`Escalate to ${d.fallbackMention('owner')} (owner;`);
      expect(breach!.text).toContain(`Escalate to ${d.mention('owner')}`);
      if (platform === 'teams') expect(mentionedIn(bot.teams.posts('renew')[1]!)).toContain('29:owner');
      // Responding stops the response clock; resolution warnings still come.
      await run('issue respond I-1');
      d.forget();
      await t.tick('2026-11-24T21:00:00Z'); // 36 h = 75 % of 48 h
      expect(d.posts('renew')[0]!.fallback).toContain('75 % of its resolution target');
    });

    it('the renewal reminder carries the last 12 months of SLA evidence', async () => {
      await run('sla set "Globex Support" p1 response:1h');
      await run('issue log "Globex Support" p1 Down at:2026-11-20T08:00');
      await run('issue resolve I-1 at:2026-11-20T08:20');
      await bot.t.tick('2026-12-01T08:00:00Z');
      await bot.t.tick('2027-01-29T08:00:00Z'); // tier 2: 90 days before the deadline 2027-05-01
      const reminder = d.posts('renew').find((p) => p.fallback.startsWith('Renewal reminder'));
      expect(reminder!.text).toContain(boldThen('SLA, last 12 months:', '1 issue · response 1 of 1 met (100 %)'));
    });

    it('sends each channel one monthly report on the first business day', async () => {
      await run('sla set "Globex Support" p3 response:1d');
      await run('contract add "Initech" vendor:Initech end:2027-06-30');
      await run('issue log "Globex Support" p3 Slow at:2026-11-23T09:00');
      d.forget();
      await bot.t.tick('2026-12-01T08:00:00Z'); // Tue 1 Dec, 09:00 Berlin
      const reports = d.posts('renew').filter((p) => p.fallback.startsWith('Monthly SLA report'));
      expect(reports).toHaveLength(1);
      expect(reports[0]!.fallback).toContain('November 2026');
      expect(reports[0]!.text).toContain('Globex Support');
      // Counts read as English, and the hint names a real contract (a `<contract>` placeholder is swallowed as HTML by Teams).
      expect(reports[0]!.text).toContain('1 issue, 1 breach ·');
      expect(reports[0]!.text).toContain(`${platform === 'slack' ? '/' : ''}sla \\"Globex Support\\" month:2026-11`);
      expect(reports[0]!.text).not.toMatch(/issue\(s\)|breach\(es\)|<contract>/);
      await bot.t.tick('2026-12-01T09:00:00Z');
      expect(d.posts('renew').filter((p) => p.fallback.startsWith('Monthly SLA report'))).toHaveLength(1);
    });

    it('the monthly report names its contracts in the fallback and links the month it reports on (east of UTC)', async () => {
      await run('sla set "Globex Support" p3 response:1d');
      await run('contract add "Initech" vendor:Initech end:2027-06-30');
      await run('sla set "Initech" uptime:99.9');
      d.forget();
      await bot.t.tick('2026-12-01T08:00:00Z'); // on time: Tue 1 Dec, 09:00 Berlin
      const [report] = d.posts('renew');
      expect(report!.fallback).toBe('Monthly SLA report for November 2026: Globex Support, Initech (2 contracts in this channel).');
      // November starts at 2026-10-31T23:00Z in Berlin: the link must still say November.
      expect(report!.text).toContain('month:2026-11');
      expect(report!.text).not.toContain('month:2026-10');
      expect(report!.text).not.toContain('late');
    });

    it('a monthly report posted after its day is marked late', async () => {
      await run('sla set "Globex Support" p3 response:1d');
      d.forget();
      await bot.t.tick('2026-12-03T08:00:00Z'); // due Tue 1 Dec, the bot was down until Thu 3 Dec
      const [report] = d.posts('renew');
      expect(report!.fallback).toBe('Monthly SLA report for November 2026 (late): Globex Support (1 contract in this channel).');
      expect(report!.text).toContain('late: was due 2026-12-01');
      expect(report!.text).toContain('month:2026-11');
    });

    it('an SLA breach posted after its day is marked late, and the superseded warning is not posted', async () => {
      await run('sla set "Globex Support" p2 response:4h resolution:2d');
      await run('issue log "Globex Support" p2 VPN down'); // response due 2026-11-23 14:00 Berlin
      d.forget();
      expect((await bot.t.tick('2026-11-24T08:00:00Z')).posted).toBe(1);
      const [breach] = d.posts('renew');
      expect(breach!.fallback).toMatch(/^SLA breach \(late\): I-1 /);
      expect(breach!.text).toContain('late: was due 2026-11-23');
      expect(breach!.text).toContain(`Escalate to ${d.mention('owner')}`);
    });
  });

  describe('contract show with SLA evidence', () => {
    it('shows the SLA targets as typed, the hours and the open issues, and says when none are set', async () => {
      const bare = await run('contract show "Globex Support"');
      expect(bare).toContain('none set yet');
      if (platform === 'slack') expect(bare).toMatch(/Open issues\W*(\\n)?\s*none/);
      else expect(bare).toContain('**Open issues**","wrap":true},{"type":"TextBlock","text":"none"');
      await run('sla set "Globex Support" p1 response:1h resolution:8h');
      await run('sla set "Globex Support" hours:business uptime:99.9');
      await run('issue log "Globex Support" p1 Email down at:2026-11-23T09:30');
      await run('issue log "Globex Support" p3 Slow portal at:2026-11-23T09:40');
      await run('issue resolve I-2');
      const show = await run('contract show "Globex Support"');
      // 8h stays 8 h in business hours (not "1 d"): targets are shown as they were typed.
      expect(show).toContain('P1: response 1 h, resolution 8 h');
      expect(show).toContain('business hours (Mon–Fri 09:00–17:00 Europe/Berlin) · uptime target 99.9 %');
      expect(show).toMatch(/I-1\**\s*P1 · Email down/);
      if (platform === 'teams') expect(show).toContain('I-1** P1 · Email down');
      expect(show).not.toContain('Slow portal'); // resolved
      expect(show).toContain('start not recorded');
      expect(show).not.toContain('?');
    });
  });
});

describe('Teams only', () => {
  const teams = bot.teams;
  beforeEach(async () => {
    await teams.run('contract add "Globex Support" vendor:Globex end:2027-06-30 notice:60d');
  });

  it('logged in the personal chat that is the contract\'s channel, an issue is one message; sla set updates its card at once', async () => {
    const { t } = bot;
    await teams.run('contract add "Chat Co" vendor:Chatco end:2027-06-30', 'owner', personal);
    const chat = t.teams.personalConversation('owner');
    const before = t.teamsApi.sends(chat).length;
    expect((await t.teams.message('issue log "Chat Co" p2 Portal slow', 'owner', personal)).status).toBe(200); // answered after the whole turn
    const sent = t.teamsApi.sends(chat).slice(before);
    expect(sent).toHaveLength(1);
    expect(textOfCall(sent[0]!)).toContain('No SLA targets for P2');
    await teams.run('sla set "Chat Co" p2 response:4h resolution:2d', 'owner', personal);
    const [update] = await t.teamsApi.waitFor('update');
    expect(update!.activityId).toBe(sent[0]!.id);
    expect(textOfCall(update!)).toContain('response 4 h, due');
    expect(textOfCall(update!)).not.toContain('No SLA targets');
  });

  it('sla without targets labels every row (no bare "—" facts)', async () => {
    const status = await teams.run('sla "Globex Support"');
    const facts = (status.card!['body'] as { type: string; facts?: { title: string; value: string }[] }[]).flatMap((b) => b.facts ?? []);
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.filter((f) => f.value === '—' || !f.title)).toEqual([]);
    expect(facts).toContainEqual({ title: 'Response compliance', value: 'no targets set' });
    expect(status.text).toContain('No SLA targets set');
  });
});
