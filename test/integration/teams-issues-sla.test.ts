import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, teamsChannel, type TestBot } from '../helpers/bot-harness.js';
import { button, buttonsOf, inChannel, mentionedIn, personal, TeamsDriver, textOfCall } from '../helpers/teams-driver.js';

let t: TestBot;
let teams: TeamsDriver;
beforeEach(async () => {
  // Monday 2026-11-23, 10:00 in Berlin.
  t = await startTestBot({ now: '2026-11-23T09:00:00Z', env: { DEFAULT_TIMEZONE: 'Europe/Berlin' }, teams: 'unauthenticated' });
  teams = new TeamsDriver(t);
  await run('contract add "Globex Support" vendor:Globex end:2027-06-30 notice:60d');
});
afterEach(async () => {
  await t.stop();
});

const run = async (text: string, user = 'owner') => (await teams.run(text, user)).text;

describe('issue', () => {
  it('logs an issue with an id, announces it in the contract channel with its targets and buttons', async () => {
    await run('sla set "Globex Support" p2 response:4h resolution:2d');
    await run('sla set "Globex Support" hours:business');
    expect(await run('issue log Globex Support p2 VPN drops every evening category:Network')).toContain('I-1');
    const [post] = teams.posts('renew');
    const text = textOfCall(post!);
    expect(text).toContain('response 4 h, due 2026-11-23 14:00 Europe/Berlin');
    expect(text).toContain('resolution 2 working days, due 2026-11-25 10:00 Europe/Berlin');
    expect(buttonsOf(post!).map((b) => b.verb)).toContain('issue.respond');
    expect(await run('/issue log "Globex Support" p4 Typo in invoice')).toContain('I-2');
  });

  it('logged in the personal chat that is the contract\'s channel, an issue is one message; sla set updates its card at once', async () => {
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

  it('refuses impossible times: future, respond before opened, resolve before respond, outage end before start', async () => {
    expect(await run('issue log "Globex Support" p1 Down at:2026-11-24T10:00')).toContain('is in the future');
    await run('issue log "Globex Support" p1 Down at:2026-11-23T08:00');
    expect(await run('issue respond I-1 at:2026-11-23T07:00')).toContain('cannot have responded before');
    await run('issue respond I-1 at:2026-11-23T09:00');
    expect(await run('issue resolve I-1 at:2026-11-23T08:30')).toContain('cannot be resolved before');
    expect(await run('issue outage "Globex Support" start:2026-11-20T10:00 end:2026-11-20T09:00')).toContain('must be after its start');
    expect(await run('issue log "Globex Support" p7 Something')).toContain('p1, p2, p3 or p4');
    expect(await run('issue respond I-99')).toContain('There is no issue I-99');
    expect((await t.bot.db.vendorIssue.findFirstOrThrow()).resolvedAt).toBeNull();
    expect(await t.bot.db.outage.count()).toBe(0);
  });

  it('an issue of another tenant behaves as unknown', async () => {
    await run('issue log "Globex Support" p3 Slow portal');
    const other = t.teams.messageActivity('issue resolve I-1', 'owner', inChannel('renew'));
    (other['channelData'] as { tenant: { id: string } }).tenant.id = 'tenant-2';
    (other['conversation'] as { tenantId: string }).tenantId = 'tenant-2';
    expect((await t.teams.post(other)).status).toBe(200);
    const [reply] = await t.teamsApi.waitFor((c) => c.kind === 'send' && c.conversationId === 'a:dm-29:owner' && textOfCall(c).includes('I-1') && textOfCall(c).includes('no issue'));
    expect(textOfCall(reply!)).toContain('There is no issue I-1');
    expect((await t.bot.db.vendorIssue.findFirstOrThrow()).resolvedAt).toBeNull();
    expect(await t.bot.db.workspace.count({ where: { id: 'teams:tenant-2' } })).toBe(1);
  });

  it('the buttons record the response and the resolution and update the message in place', async () => {
    await run('sla set "Globex Support" p2 response:4h resolution:2d');
    await run('issue log "Globex Support" p2 Mail delayed');
    const [post] = teams.posts('renew');
    t.clock.set('2026-11-23T10:30:00Z');
    const answer = await teams.click('other', post!, button(post!, 'issue.respond'));
    expect(answer.card).not.toBeNull();
    const [update] = await t.teamsApi.waitFor('update');
    expect(update!.activityId).toBe(post!.id);
    expect(update!.conversationId).toBe(teamsChannel('renew'));
    expect(textOfCall(update!)).toContain('Vendor responded 2026-11-23 11:30');
    expect(textOfCall(update!)).toContain('within target');
    expect(buttonsOf(update!).map((b) => b.verb)).not.toContain('issue.respond');
    expect((await t.bot.db.vendorIssue.findFirstOrThrow()).respondedAt?.toISOString()).toBe('2026-11-23T10:30:00.000Z');
  });

  it('lists issues newest first, open by default', async () => {
    await run('issue log "Globex Support" p3 First at:2026-11-20T10:00');
    await run('issue log "Globex Support" p3 Second at:2026-11-21T10:00');
    await run('issue resolve I-2');
    const open = await run('issue list');
    expect(open).toContain('I-1');
    expect(open).not.toContain('I-2');
    const all = await run('issue list "Globex Support" all');
    expect(all.indexOf('I-2')).toBeLessThan(all.indexOf('I-1'));
  });
});

describe('sla and its warnings', () => {
  it('reports compliance, times, breaches, uptime and recurring categories with a verdict', async () => {
    await run('sla set "Globex Support" p1 response:1h resolution:8h');
    await run('sla set "Globex Support" uptime:99.9 expect:90');
    for (const day of ['2026-11-02', '2026-11-09', '2026-11-16']) await run(`issue log "Globex Support" p1 Portal down category:portal at:${day}T08:00`);
    for (const [id, at] of [['I-1', '2026-11-02T08:30'], ['I-2', '2026-11-09T08:45'], ['I-3', '2026-11-16T11:00']]) await run(`issue respond ${id} at:${at}`);
    for (const [id, at] of [['I-1', '2026-11-02T12:00'], ['I-2', '2026-11-09T15:00'], ['I-3', '2026-11-16T20:00']]) await run(`issue resolve ${id} at:${at}`);
    await run('issue outage "Globex Support" start:2026-11-10T10:00 end:2026-11-10T11:00');
    await run('issue outage "Globex Support" start:2026-11-11T01:00 end:2026-11-11T05:00 maintenance');

    const status = await run('sla "Globex Support" period:30d');
    expect(status).toContain('Globex Support met 4 of 6 SLA targets (67 %): response 2 of 3, resolution 2 of 3 — below the 90 % you expect; uptime 99.86 % is below its 99.9 % target');
    expect(status).toContain('I-3 P1 response: 3 h against 1 h (3.0×)');
    expect(status).toContain('Recurring:** portal (3)');
    expect(status).toContain('99.86 % (target 99.9 %: missed)');
    expect(await run('sla "Globex Support" month:2026-11')).toContain('November 2026');
    expect(await run('sla "Globex Support" month:2026-13')).toContain('must be a month');
  });

  it('takes targets in months and years, and periods of calendar months', async () => {
    expect(await run('sla set "Globex Support" p4 response:12m resolution:1y')).toContain('P4: response 12 months (360 d), resolution 1 year (365 d)');
    expect(await run('sla set "Globex Support" hours:business')).toContain('P4: response 12 months (252 working days), resolution 1 year (260 working days)');
    expect(await run('sla set "Globex Support" p4 response:13m')).toContain('at most a year');
    await run('issue log "Globex Support" p4 Invoice typo at:2026-01-15T10:00'); // 10 months ago
    const year = await run('sla "Globex Support" period:12m');
    expect(year).toContain('last 12 months');
    expect(year).toMatch(/1 \(0 breaches\)/);
    expect(await run('sla "Globex Support" period:1y')).toContain('last 12 months');
    expect(await run('sla "Globex Support" period:6m')).toMatch(/0 \(0 breaches\)/);
    expect(await run('sla "Globex Support" period:2y')).toContain('up to a year');
  });

  it('an open issue whose business-hours target ran out at 17:00 is breached in /sla, as the scheduler said', async () => {
    await run('sla set "Globex Support" p2 resolution:2d');
    await run('sla set "Globex Support" hours:business');
    t.clock.set('2026-12-01T16:15:00Z'); // Tue 1 Dec, 17:15 Berlin
    await run('issue log "Globex Support" p2 VPN down at:2026-11-30T09:00'); // 2 working days: due Tue 17:00
    const before = teams.posts('renew').length;
    await t.tick('2026-12-01T16:15:00Z');
    expect(teams.posts('renew').slice(before).map((c) => textOfCall(c)).some((text) => text.includes('SLA breach') && text.includes('resolution target of 2 working days'))).toBe(true);
    const status = await run('sla "Globex Support"');
    expect(status).toContain('P2: 0 of 1 met (0 %)');
    expect(status).not.toContain('still running');
    expect(status).not.toContain('of the target used');
    expect(status).toContain('2 working days against 2 working days (1.0×), still open');
  });

  it('posts a warning at 75 % and a breach at 100 % of an open issue, once each', async () => {
    await run('sla set "Globex Support" p2 response:4h resolution:2d');
    await run('issue log "Globex Support" p2 VPN down');
    t.teamsApi.reset();
    expect((await t.tick('2026-11-23T11:59:00Z')).posted).toBe(0);
    expect((await t.tick('2026-11-23T12:00:00Z')).posted).toBe(1);
    expect((await t.tick('2026-11-23T12:30:00Z')).posted).toBe(0);
    expect((await t.tick('2026-11-23T13:00:00Z')).posted).toBe(1);
    const [warning, breach] = teams.posts('renew');
    expect(String(warning!.body['summary'])).toMatch(/^SLA warning: I-1/);
    expect(String(breach!.body['summary'])).toMatch(/^SLA breach: I-1/);
    expect(textOfCall(breach!)).toContain('Escalate to <at>Owner</at>');
    expect(mentionedIn(breach!)).toContain('29:owner');
    await run('issue respond I-1');
    t.teamsApi.reset();
    await t.tick('2026-11-24T21:00:00Z');
    expect(String(teams.posts('renew')[0]!.body['summary'])).toContain('75 % of its resolution target');
  });

  it('the renewal reminder carries the last 12 months of SLA evidence', async () => {
    await run('sla set "Globex Support" p1 response:1h');
    await run('issue log "Globex Support" p1 Down at:2026-11-20T08:00');
    await run('issue resolve I-1 at:2026-11-20T08:20');
    await t.tick('2026-12-01T08:00:00Z');
    await t.tick('2027-01-29T08:00:00Z');
    const reminder = teams.posts('renew').find((c) => String(c.body['summary']).startsWith('Renewal reminder'));
    expect(textOfCall(reminder!)).toContain('SLA, last 12 months:** 1 issue · response 1 of 1 met (100 %)');
  });

  it('sends each channel one monthly report on the first business day', async () => {
    await run('sla set "Globex Support" p3 response:1d');
    await run('contract add "Initech" vendor:Initech end:2027-06-30');
    await run('issue log "Globex Support" p3 Slow at:2026-11-23T09:00');
    t.teamsApi.reset();
    await t.tick('2026-12-01T08:00:00Z');
    const reports = teams.posts('renew').filter((c) => String(c.body['summary']).startsWith('Monthly SLA report'));
    expect(reports).toHaveLength(1);
    expect(String(reports[0]!.body['summary'])).toContain('November 2026');
    expect(textOfCall(reports[0]!)).toContain('Globex Support');
    // Counts read as English, and the hint names a real contract (a `<contract>` placeholder is swallowed as HTML by Teams).
    expect(textOfCall(reports[0]!)).toContain('1 issue, 1 breach ·');
    expect(textOfCall(reports[0]!)).toContain('sla \\"Globex Support\\" month:2026-11');
    expect(textOfCall(reports[0]!)).not.toMatch(/issue\(s\)|breach\(es\)|<contract>/);
    await t.tick('2026-12-01T09:00:00Z');
    expect(teams.posts('renew').filter((c) => String(c.body['summary']).startsWith('Monthly SLA report'))).toHaveLength(1);
  });

  it('the monthly report names its contracts in the summary and links the month it reports on (east of UTC)', async () => {
    await run('sla set "Globex Support" p3 response:1d');
    await run('contract add "Initech" vendor:Initech end:2027-06-30');
    await run('sla set "Initech" uptime:99.9');
    t.teamsApi.reset();
    await t.tick('2026-12-01T08:00:00Z'); // on time: Tue 1 Dec, 09:00 Berlin
    const [report] = teams.posts('renew');
    expect(report!.body['summary']).toBe('Monthly SLA report for November 2026: Globex Support, Initech (2 contracts in this channel).');
    // November starts at 2026-10-31T23:00Z in Berlin: the link must still say November.
    expect(textOfCall(report!)).toContain('month:2026-11');
    expect(textOfCall(report!)).not.toContain('month:2026-10');
    expect(textOfCall(report!)).not.toContain('late');
  });

  it('a monthly report posted after its day is marked late', async () => {
    await run('sla set "Globex Support" p3 response:1d');
    t.teamsApi.reset();
    await t.tick('2026-12-03T08:00:00Z'); // due Tue 1 Dec, the bot was down until Thu 3 Dec
    const [report] = teams.posts('renew');
    expect(report!.body['summary']).toBe('Monthly SLA report for November 2026 (late): Globex Support (1 contract in this channel).');
    expect(textOfCall(report!)).toContain('late: was due 2026-12-01');
    expect(textOfCall(report!)).toContain('month:2026-11');
  });

  it('an SLA breach posted after its day is marked late, and the superseded warning is not posted', async () => {
    await run('sla set "Globex Support" p2 response:4h resolution:2d');
    await run('issue log "Globex Support" p2 VPN down'); // response due 2026-11-23 14:00 Berlin
    t.teamsApi.reset();
    expect((await t.tick('2026-11-24T08:00:00Z')).posted).toBe(1);
    const [breach] = teams.posts('renew');
    expect(String(breach!.body['summary'])).toMatch(/^SLA breach \(late\): I-1 /);
    expect(textOfCall(breach!)).toContain('late: was due 2026-11-23');
    expect(textOfCall(breach!)).toContain('Escalate to <at>Owner</at>');
  });
});

describe('/contract show with SLA evidence', () => {
  it('shows the SLA targets as typed, the hours and the open issues, and says when none are set', async () => {
    const bare = await run('contract show "Globex Support"');
    expect(bare).toContain('none set yet');
    expect(bare).toContain('**Open issues**","wrap":true},{"type":"TextBlock","text":"none"');
    await run('sla set "Globex Support" p1 response:1h resolution:8h');
    await run('sla set "Globex Support" hours:business uptime:99.9');
    await run('issue log "Globex Support" p1 Email down at:2026-11-23T09:30');
    await run('issue log "Globex Support" p3 Slow portal at:2026-11-23T09:40');
    await run('issue resolve I-2');
    const show = await run('contract show "Globex Support"');
    // 8h stays 8 h in business hours (not "1 d"): targets are shown as they were typed.
    expect(show).toContain('P1: response 1 h, resolution 8 h');
    expect(show).toContain('business hours (Mon–Fri 09:00–17:00 Europe/Berlin) · uptime target 99.9 %');
    expect(show).toContain('I-1** P1 · Email down');
    expect(show).not.toContain('Slow portal'); // resolved
    expect(show).toContain('start not recorded');
    expect(show).not.toContain('?');
  });
});
