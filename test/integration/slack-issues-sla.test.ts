import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';

let t: TestBot;
beforeEach(async () => {
  // Monday 2026-11-23, 10:00 in Berlin.
  t = await startTestBot({ now: '2026-11-23T09:00:00Z', env: { DEFAULT_TIMEZONE: 'Europe/Berlin' } });
  await run('/contract', 'add "Globex Support" vendor:Globex end:2027-06-30 notice:60d');
});
afterEach(async () => {
  await t.stop();
});

/**
 * Sends a command and returns what answers it: the private reply, or (for an issue logged in the
 * contract's own channel, which gets no private copy) the issue posted there.
 */
async function run(command: string, text: string, user = 'UOWNER'): Promise<string> {
  const replies = t.slackApi.callsTo('response_url').length;
  const posts = t.slackApi.callsTo('chat.postMessage').length;
  await t.slack.command(command, text, user);
  const reply = t.slackApi.waitFor('response_url', replies + 1).then((all) => all[replies]!);
  const post = t.slackApi.waitFor('chat.postMessage', posts + 1).then((all) => all[posts]!);
  reply.catch(() => undefined);
  post.catch(() => undefined);
  return textOf((await Promise.race([reply, post])).body);
}

describe('/issue', () => {
  it('logs an issue with an id, announces it in the contract channel with its targets and buttons', async () => {
    await run('/sla', 'set "Globex Support" p2 response:4h resolution:2d');
    await run('/sla', 'set "Globex Support" hours:business');
    const reply = await run('/issue', 'log Globex Support p2 VPN drops every evening category:Network');
    expect(reply).toContain('I-1');
    const [post] = await t.slackApi.waitFor('chat.postMessage');
    expect(post!.body['channel']).toBe('CRENEW');
    const text = textOf(post!.body);
    // Opened Mon 10:00 Berlin; 4 business hours → 14:00; 2 business days (16 h) → Wed 10:00.
    expect(text).toContain('response 4 h, due 2026-11-23 14:00 Europe/Berlin');
    expect(text).toContain('resolution 2 working days, due 2026-11-25 10:00 Europe/Berlin');
    expect(text).toContain('rd:issue.respond');
    const second = await run('/issue', 'log "Globex Support" p4 Typo in invoice');
    expect(second).toContain('I-2');
    // Typed elsewhere, a private answer says what was logged; typed in the contract's channel, the
    // posted issue was the only message (no private copy beside it).
    const before = t.slackApi.callsTo('response_url').length;
    await t.slack.command('/issue', 'log "Globex Support" p3 Slow portal', 'UOWNER', 'COTHER');
    const [elsewhere] = (await t.slackApi.waitFor('response_url', before + 1)).slice(before);
    expect(textOf(elsewhere!.body)).toContain('Logged *I-3*');
    expect(t.slackApi.callsTo('response_url').filter((c) => /Logged \*I-[12]\*/.test(textOf(c.body)))).toEqual([]);
    // Targets set later: the posted issue without targets shows them at once, without a click.
    await run('/sla', 'set "Globex Support" p4 response:1d');
    const updated = t.slackApi.callsTo('chat.update').map((c) => textOf(c.body)).find((text) => text.includes('Typo in invoice'));
    expect(updated).toContain('response 1 working day, due');
    expect(updated).not.toContain('No SLA targets');
  });

  it('refuses impossible times: future, respond before opened, resolve before respond, outage end before start', async () => {
    expect(await run('/issue', 'log "Globex Support" p1 Down at:2026-11-24T10:00')).toContain('is in the future');
    await run('/issue', 'log "Globex Support" p1 Down at:2026-11-23T08:00');
    expect(await run('/issue', 'respond I-1 at:2026-11-23T07:00')).toContain('cannot have responded before');
    await run('/issue', 'respond I-1 at:2026-11-23T09:00');
    expect(await run('/issue', 'resolve I-1 at:2026-11-23T08:30')).toContain('cannot be resolved before');
    expect(await run('/issue', 'outage "Globex Support" start:2026-11-20T10:00 end:2026-11-20T09:00')).toContain('must be after its start');
    expect(await run('/issue', 'log "Globex Support" p7 Something')).toContain('p1, p2, p3 or p4');
    expect(await run('/issue', 'respond I-99')).toContain('There is no issue I-99');
    const issue = await t.bot.db.vendorIssue.findFirstOrThrow();
    expect(issue.resolvedAt).toBeNull();
    expect(await t.bot.db.outage.count()).toBe(0);
  });

  it('an issue of another workspace behaves as unknown', async () => {
    await run('/issue', 'log "Globex Support" p3 Slow portal');
    const before = t.slackApi.callsTo('response_url').length;
    await t.slack.post(t.slack.commandBody('/issue', 'resolve I-1').replace('team_id=T1', 'team_id=T2'));
    const [reply] = (await t.slackApi.waitFor('response_url', before + 1)).slice(before);
    expect(textOf(reply!.body)).toContain('There is no issue I-1');
    expect((await t.bot.db.vendorIssue.findFirstOrThrow()).resolvedAt).toBeNull();
  });

  it('the buttons record the response and the resolution and update the message in place', async () => {
    await run('/sla', 'set "Globex Support" p2 response:4h resolution:2d');
    await run('/issue', 'log "Globex Support" p2 Mail delayed');
    const [post] = await t.slackApi.waitFor('chat.postMessage');
    const blocks = post!.body['blocks'] as { elements?: { action_id: string; value: string }[] }[];
    const respond = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'rd:issue.respond')!;
    t.clock.set('2026-11-23T10:30:00Z');
    await t.slack.click({ user: 'UOTHER', actionId: respond.action_id, value: respond.value, channel: 'CRENEW', messageTs: '1700000001.000100' });
    const [update] = await t.slackApi.waitFor('chat.update');
    expect(textOf(update!.body)).toContain('Vendor responded 2026-11-23 11:30');
    expect(textOf(update!.body)).toContain('within target');
    expect(textOf(update!.body)).not.toContain('rd:issue.respond');
    expect((await t.bot.db.vendorIssue.findFirstOrThrow()).respondedAt?.toISOString()).toBe('2026-11-23T10:30:00.000Z');
  });

  it('lists issues newest first, open by default', async () => {
    await run('/issue', 'log "Globex Support" p3 First at:2026-11-20T10:00');
    await run('/issue', 'log "Globex Support" p3 Second at:2026-11-21T10:00');
    await run('/issue', 'resolve I-2');
    const open = await run('/issue', 'list');
    expect(open).toContain('I-1');
    expect(open).not.toContain('I-2');
    const all = await run('/issue', 'list "Globex Support" all');
    expect(all.indexOf('I-2')).toBeLessThan(all.indexOf('I-1'));
  });
});

describe('/sla and its warnings', () => {
  it('reports compliance, times, breaches, uptime and recurring categories with a verdict', async () => {
    await run('/sla', 'set "Globex Support" p1 response:1h resolution:8h');
    await run('/sla', 'set "Globex Support" uptime:99.9 expect:90');
    // Three P1 issues in the last 30 days: responses in 30 min, 45 min and 3 h (one breach).
    for (const [day, responded, resolved] of [['2026-11-02', '08:30', '12:00'], ['2026-11-09', '08:45', '15:00'], ['2026-11-16', '11:00', '20:00']] as const) {
      await run('/issue', `log "Globex Support" p1 Portal down category:portal at:${day}T08:00`);
    }
    const steps: [string, string][] = [['I-1', '2026-11-02T08:30'], ['I-2', '2026-11-09T08:45'], ['I-3', '2026-11-16T11:00']];
    for (const [id, at] of steps) await run('/issue', `respond ${id} at:${at}`);
    for (const [id, at] of [['I-1', '2026-11-02T12:00'], ['I-2', '2026-11-09T15:00'], ['I-3', '2026-11-16T20:00']]) await run('/issue', `resolve ${id} at:${at}`);
    await run('/issue', 'outage "Globex Support" start:2026-11-10T10:00 end:2026-11-10T11:00');
    await run('/issue', 'outage "Globex Support" start:2026-11-11T01:00 end:2026-11-11T05:00 maintenance');

    const status = await run('/sla', '"Globex Support" period:30d');
    expect(status).toContain('Globex Support met 4 of 6 SLA targets (67 %): response 2 of 3, resolution 2 of 3 — below the 90 % you expect; uptime 99.86 % is below its 99.9 % target');
    expect(status).toContain('I-3 P1 response: 3 h against 1 h (3.0×)');
    expect(status).toContain('Recurring:* portal (3)');
    // 60 unplanned minutes in 30 days = 99.861 %, below 99.9 %.
    expect(status).toContain('99.86 % (target 99.9 %: missed)');
    expect(await run('/sla', '"Globex Support" month:2026-11')).toContain('November 2026');
    expect(await run('/sla', '"Globex Support" month:2026-13')).toContain('must be a month');
  });

  it('takes targets in months and years, and periods of calendar months', async () => {
    expect(await run('/sla', 'set "Globex Support" p4 response:12m resolution:1y')).toContain('P4: response 12 months (360 d), resolution 1 year (365 d)');
    expect(await run('/sla', 'set "Globex Support" hours:business')).toContain('P4: response 12 months (252 working days), resolution 1 year (260 working days)');
    expect(await run('/sla', 'set "Globex Support" p4 response:13m')).toContain('at most a year');
    await run('/issue', 'log "Globex Support" p4 Invoice typo at:2026-01-15T10:00'); // 10 months ago
    const year = await run('/sla', '"Globex Support" period:12m');
    expect(year).toContain('last 12 months');
    expect(year).toMatch(/1 \(0 breaches\)/);
    expect(await run('/sla', '"Globex Support" period:1y')).toContain('last 12 months');
    expect(await run('/sla', '"Globex Support" period:6m')).toMatch(/0 \(0 breaches\)/);
    expect(await run('/sla', '"Globex Support" period:2y')).toContain('up to a year');
  });

  it('an open issue whose business-hours target ran out at 17:00 is breached in /sla, as the scheduler said', async () => {
    await run('/sla', 'set "Globex Support" p2 resolution:2d');
    await run('/sla', 'set "Globex Support" hours:business');
    t.clock.set('2026-12-01T16:15:00Z'); // Tue 1 Dec, 17:15 Berlin
    await run('/issue', 'log "Globex Support" p2 VPN down at:2026-11-30T09:00'); // 2 working days: due Tue 17:00
    t.slackApi.reset();
    await t.tick('2026-12-01T16:15:00Z');
    expect(t.slackApi.callsTo('chat.postMessage').map((c) => String(c.body['text'])).some((text) => text.includes('SLA breach') && text.includes('resolution target of 2 working days'))).toBe(true);
    const status = await run('/sla', '"Globex Support"');
    expect(status).toContain('P2: 0 of 1 met (0 %)');
    expect(status).not.toContain('still running');
    expect(status).not.toContain('of the target used');
    expect(status).toContain('2 working days against 2 working days (1.0×), still open');
  });

  it('posts a warning at 75 % and a breach at 100 % of an open issue, once each', async () => {
    await run('/sla', 'set "Globex Support" p2 response:4h resolution:2d');
    await run('/issue', 'log "Globex Support" p2 VPN down'); // 09:00Z, 24x7 clock
    t.slackApi.reset();
    expect((await t.tick('2026-11-23T11:59:00Z')).posted).toBe(0);
    expect((await t.tick('2026-11-23T12:00:00Z')).posted).toBe(1); // 3 h = 75 % of 4 h
    expect((await t.tick('2026-11-23T12:30:00Z')).posted).toBe(0);
    expect((await t.tick('2026-11-23T13:00:00Z')).posted).toBe(1); // 4 h
    const [warning, breach] = t.slackApi.callsTo('chat.postMessage');
    expect(String(warning!.body['text'])).toMatch(/^SLA warning: I-1/);
    expect(String(breach!.body['text'])).toMatch(/^SLA breach: I-1/);
    expect(textOf(breach!.body)).toContain('Escalate to <@UOWNER>');
    // Responding stops the response clock; resolution warnings still come.
    await run('/issue', 'respond I-1');
    t.slackApi.reset();
    await t.tick('2026-11-24T21:00:00Z'); // 36 h = 75 % of 48 h
    expect(String(t.slackApi.callsTo('chat.postMessage')[0]!.body['text'])).toContain('75 % of its resolution target');
  });

  it('the renewal reminder carries the last 12 months of SLA evidence', async () => {
    await run('/sla', 'set "Globex Support" p1 response:1h');
    await run('/issue', 'log "Globex Support" p1 Down at:2026-11-20T08:00');
    await run('/issue', 'resolve I-1 at:2026-11-20T08:20');
    await t.tick('2026-12-01T08:00:00Z'); // tier 2, 90 days before 2027-05-01 → Fri 2027-01-29; 120… not tier 1
    await t.tick('2027-01-29T08:00:00Z');
    const reminder = t.slackApi.callsTo('chat.postMessage').find((c) => String(c.body['text']).startsWith('Renewal reminder'));
    expect(textOf(reminder!.body)).toContain('SLA, last 12 months:* 1 issue · response 1 of 1 met (100 %)');
  });

  it('sends each channel one monthly report on the first business day', async () => {
    await run('/sla', 'set "Globex Support" p3 response:1d');
    await run('/contract', 'add "Initech" vendor:Initech end:2027-06-30');
    await run('/issue', 'log "Globex Support" p3 Slow at:2026-11-23T09:00');
    t.slackApi.reset();
    await t.tick('2026-12-01T08:00:00Z'); // Tue 1 Dec, 09:00 Berlin
    const reports = t.slackApi.callsTo('chat.postMessage').filter((c) => String(c.body['text']).startsWith('Monthly SLA report'));
    expect(reports).toHaveLength(1);
    expect(String(reports[0]!.body['text'])).toContain('November 2026');
    expect(textOf(reports[0]!.body)).toContain('Globex Support');
    expect(textOf(reports[0]!.body)).toContain('1 issue, 1 breach ·');
    expect(textOf(reports[0]!.body)).toContain('/sla \\"Globex Support\\" month:2026-11');
    await t.tick('2026-12-01T09:00:00Z');
    expect(t.slackApi.callsTo('chat.postMessage').filter((c) => String(c.body['text']).startsWith('Monthly SLA report'))).toHaveLength(1);
  });

  it('the monthly report names its contracts in the fallback and links the month it reports on (east of UTC)', async () => {
    await run('/sla', 'set "Globex Support" p3 response:1d');
    await run('/contract', 'add "Initech" vendor:Initech end:2027-06-30');
    await run('/sla', 'set "Initech" uptime:99.9');
    t.slackApi.reset();
    await t.tick('2026-12-01T08:00:00Z'); // on time: Tue 1 Dec, 09:00 Berlin
    const [report] = t.slackApi.callsTo('chat.postMessage');
    expect(report!.body['text']).toBe('Monthly SLA report for November 2026: Globex Support, Initech (2 contracts in this channel).');
    // November starts at 2026-10-31T23:00Z in Berlin: the link must still say November.
    expect(textOf(report!.body)).toContain('month:2026-11');
    expect(textOf(report!.body)).not.toContain('month:2026-10');
    expect(textOf(report!.body)).not.toContain('late');
  });

  it('a monthly report posted after its day is marked late', async () => {
    await run('/sla', 'set "Globex Support" p3 response:1d');
    t.slackApi.reset();
    await t.tick('2026-12-03T08:00:00Z'); // due Tue 1 Dec, the bot was down until Thu 3 Dec
    const [report] = t.slackApi.callsTo('chat.postMessage');
    expect(report!.body['text']).toBe('Monthly SLA report for November 2026 (late): Globex Support (1 contract in this channel).');
    expect(textOf(report!.body)).toContain('late: was due 2026-12-01');
    expect(textOf(report!.body)).toContain('month:2026-11');
  });

  it('an SLA breach posted after its day is marked late, and the superseded warning is not posted', async () => {
    await run('/sla', 'set "Globex Support" p2 response:4h resolution:2d');
    await run('/issue', 'log "Globex Support" p2 VPN down'); // response due 2026-11-23 14:00 Berlin
    t.slackApi.reset();
    expect((await t.tick('2026-11-24T08:00:00Z')).posted).toBe(1);
    const [breach] = t.slackApi.callsTo('chat.postMessage');
    expect(String(breach!.body['text'])).toMatch(/^SLA breach \(late\): I-1 /);
    expect(textOf(breach!.body)).toContain('late: was due 2026-11-23');
    expect(textOf(breach!.body)).toContain('Escalate to <@UOWNER>');
  });
});

describe('/sla set with a priority that does not exist', () => {
  it('names the bad priority, not an unknown contract', async () => {
    const reply = await run('/sla', 'set "Globex Support" p5 response:1h');
    expect(reply).toContain('`p5` is not a priority');
    expect(reply).not.toContain('There is no contract');
    expect(await t.bot.db.slaTarget.count()).toBe(0);
  });
});

describe('/contract show with SLA evidence', () => {
  it('shows the SLA targets as typed, the hours and the open issues, and says when none are set', async () => {
    const bare = await run('/contract', 'show "Globex Support"');
    expect(bare).toContain('none set yet');
    expect(bare).toMatch(/Open issues\W*(\\n)?\s*none/);
    await run('/sla', 'set "Globex Support" p1 response:1h resolution:8h');
    await run('/sla', 'set "Globex Support" hours:business uptime:99.9');
    await run('/issue', 'log "Globex Support" p1 Email down at:2026-11-23T09:30');
    await run('/issue', 'log "Globex Support" p3 Slow portal at:2026-11-23T09:40');
    await run('/issue', 'resolve I-2');
    const show = await run('/contract', 'show "Globex Support"');
    // 8h stays 8 h in business hours (not "1 d"): targets are shown as they were typed.
    expect(show).toContain('P1: response 1 h, resolution 8 h');
    expect(show).toContain('business hours (Mon–Fri 09:00–17:00 Europe/Berlin) · uptime target 99.9 %');
    expect(show).toMatch(/I-1\**\s*P1 · Email down/);
    expect(show).not.toContain('Slow portal'); // resolved
    expect(show).toContain('start not recorded');
    expect(show).not.toContain('?');
  });
});
