import { beforeEach, describe, expect, it } from 'vitest';
import { encode } from '../../src/messages/payloads.js';
import { handlerBed } from '../helpers/handler-bed.js';

// /issue and /sla handlers on a real database, no bot: the replies and the effects they return.
// Monday 2026-11-23, 10:00 in Berlin.
const bed = handlerBed({ now: '2026-11-23T09:00:00Z', timezone: 'Europe/Berlin' });
const run = async (line: string, user = 'owner', channel = 'renew') => (await bed.run(line, user, channel)).text;

beforeEach(async () => {
  await bed.run('contract add "Globex Support" vendor:Globex end:2027-06-30 notice:60d');
  bed.sink.clear();
});

describe('issue log, respond and resolve', () => {
  it('refuses impossible times: future, respond before opened, resolve before respond, outage end before start', async () => {
    expect(await run('issue log "Globex Support" p1 Down at:2026-11-24T10:00')).toContain('is in the future');
    await run('issue log "Globex Support" p1 Down at:2026-11-23T08:00');
    expect(await run('issue respond I-1 at:2026-11-23T07:00')).toContain('cannot have responded before');
    await run('issue respond I-1 at:2026-11-23T09:00');
    expect(await run('issue resolve I-1 at:2026-11-23T08:30')).toContain('cannot be resolved before');
    expect(await run('issue outage "Globex Support" start:2026-11-20T10:00 end:2026-11-20T09:00')).toContain('must be after its start');
    expect(await run('issue log "Globex Support" p7 Something')).toContain('p1, p2, p3 or p4');
    expect(await run('issue respond I-99')).toContain('There is no issue I-99');
    expect((await bed.db.vendorIssue.findFirstOrThrow()).resolvedAt).toBeNull();
    expect(await bed.db.outage.count()).toBe(0);
  });

  it('posts a logged issue in the contract\'s channel as the answer there, and remembers the message', async () => {
    const logged = await bed.run('issue log "Globex Support" p2 VPN down');
    expect(logged.effects).toEqual([expect.objectContaining({ kind: 'post', channelId: 'CRENEW', about: 'I-1', announces: true, remember: expect.objectContaining({ as: 'issue-message' }) })]);
    expect(logged.text).toContain('Logged *I-1* (P2) for *Globex Support*: VPN down.');
    const [posted] = bed.sink.posts('CRENEW');
    expect(posted!.message.text).toContain('I-1');
    expect(await bed.db.vendorIssue.findFirstOrThrow()).toMatchObject({ channelId: 'CRENEW', messageId: posted!.messageId });
    // Typed in another channel, the issue still goes to the contract's channel.
    const elsewhere = await bed.run('issue log "Globex Support" p3 Slow portal', 'owner', 'other');
    expect(elsewhere.effects).toEqual([expect.objectContaining({ kind: 'post', channelId: 'CRENEW', about: 'I-2' })]);
  });

  it('the respond button updates the posted issue in place, and targets set later update it too', async () => {
    await run('issue log "Globex Support" p2 Mail delayed');
    const [posted] = bed.sink.posts('CRENEW');
    const issue = await bed.db.vendorIssue.findFirstOrThrow();
    bed.clock.set('2026-11-23T10:30:00Z');
    const clicked = await bed.click('issue.respond', encode({ i: issue.id }), 'other', { channelId: 'CRENEW', messageId: posted!.messageId });
    expect(clicked.effects).toEqual([expect.objectContaining({ kind: 'update', channelId: 'CRENEW', messageId: posted!.messageId })]);
    expect(JSON.stringify(bed.sink.updates()[0]!.message)).toContain('Vendor responded 2026-11-23 11:30');
    expect((await bed.db.vendorIssue.findFirstOrThrow()).respondedAt?.toISOString()).toBe('2026-11-23T10:30:00.000Z');

    const set = await bed.run('sla set "Globex Support" p2 resolution:2d');
    expect(set.effects).toEqual([expect.objectContaining({ kind: 'update', channelId: 'CRENEW', messageId: posted!.messageId, about: 'I-1' })]);
    expect(JSON.stringify(bed.sink.updates().at(-1)!.message)).toContain('resolution 2 d, due 2026-11-25 10:00 Europe/Berlin');
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

describe('sla set and sla status', () => {
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

  it('a priority that does not exist is named, not taken for an unknown contract', async () => {
    const reply = await run('sla set "Globex Support" p5 response:1h');
    expect(reply).toContain('`p5` is not a priority');
    expect(reply).not.toContain('There is no contract');
    expect(await bed.db.slaTarget.count()).toBe(0);
  });
});
