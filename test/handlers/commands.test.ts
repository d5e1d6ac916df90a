import { describe, expect, it } from 'vitest';
import { encode } from '../../src/messages/payloads.js';
import { BAD_CONTRACT_INPUT } from '../helpers/bad-input-cases.js';
import { handlerBed } from '../helpers/handler-bed.js';

// The command handlers on a real database, no bot: what they answer and the effects they return.
// How each platform shows it: test/integration/commands.test.ts.
const bed = handlerBed({ now: '2026-11-23T10:00:00Z' });

describe('bad input gets a private error with a correct example and stores nothing', () => {
  it.each(BAD_CONTRACT_INPUT)('%s', async (input, expected) => {
    const reply = await bed.run(`contract ${input}`);
    expect(reply.text).toMatch(expected);
    expect(reply.text).toMatch(/Example/);
    expect(reply.effects ?? []).toEqual([]);
    expect(await bed.db.contract.count()).toBe(0);
  });
});

describe('usage', () => {
  it('shows the usage of one subcommand for `<subcommand> help`', async () => {
    const log = (await bed.run('issue log help')).text;
    expect(log).toContain('p2 VPN drops every evening');
    expect(log).not.toContain('/issue outage');
    expect((await bed.run('renewals settings help')).text).toContain('/renewals settings tz:Europe/Berlin');
    const set = (await bed.run('sla set help')).text;
    expect(set).toContain('p1 response:1h resolution:8h');
    expect(set).not.toContain('period:30d');
  });
});

describe('contract add', () => {
  it('says plainly when the notice deadline has passed, and puts a rolled-forward end in the notification text', async () => {
    const late = await bed.run('contract add "Late Notice" vendor:L end:2027-01-15 notice:400d'); // deadline 2025-12-11
    expect(late.text).toContain('the notice deadline has passed for this term');
    expect(late.text).toContain('Renewal reminders: none, the notice deadline is too close or already passed');
    const old = await bed.run('contract add "Old Term" vendor:O end:2025-01-01');
    expect(old.reply.text).toContain('The end date 2025-01-01 has passed');
  });

  it('bare, it asks the platform to open the new-contract form, and stores nothing', async () => {
    const bare = await bed.run('contract add');
    expect(bare.effects).toEqual([{ kind: 'open-form', form: 'contract-add', context: {} }]);
    expect(await bed.db.contract.count()).toBe(0);
  });
});

describe('what a command changes outside the database is returned as effects', () => {
  it('a proposal above the threshold is posted to the contract channel and remembered; the approval updates it in place', async () => {
    await bed.run('renewals settings approvers:{@alice},{@bob} threshold:50000');
    await bed.run('contract add "Big Deal" vendor:Acme end:2027-01-31 notice:30d value:5000 per:month');
    const proposed = await bed.run('contract decide "Big Deal" renew');
    expect(proposed.text).toContain('another approver');
    expect(proposed.effects).toEqual([expect.objectContaining({ kind: 'post', channelId: 'CRENEW', remember: expect.objectContaining({ as: 'decision-message' }) })]);
    const [card] = bed.sink.posts('CRENEW');
    expect(card!.message.text).toContain('proposed Renew');
    expect(await bed.db.decision.findFirstOrThrow()).toMatchObject({ status: 'pending', channelId: 'CRENEW', messageId: card!.messageId });

    const approved = await bed.run('contract decide "Big Deal" renew', 'alice');
    expect(approved.text).toContain('Renew recorded');
    expect(approved.effects).toContainEqual(expect.objectContaining({ kind: 'update', channelId: 'CRENEW', messageId: card!.messageId }));
    expect(bed.sink.updates()[0]!.message.text).toContain('Renew decided by <@UOWNER>, approved by <@UALICE>');
  });

  it('archiving asks first; the confirm click replaces the question and changes nothing outside', async () => {
    await bed.run('contract add Initech vendor:Initech end:2027-01-15');
    const ask = await bed.run('contract archive Initech');
    const confirm = ask.reply.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])).find((b) => b.action === 'archive.confirm')!;
    expect(confirm.value).toBe(encode({ c: (await bed.db.contract.findFirstOrThrow()).id }));
    const done = await bed.click('archive.confirm', confirm.value);
    expect(done.replaceOriginal).toBe(true);
    expect(done.effects ?? []).toEqual([]);
    expect((await bed.db.contract.findFirstOrThrow()).status).toBe('archived');
  });

  it('a stale or forged button is answered, and does nothing', async () => {
    expect((await bed.click('decide.renew', '{"c":"nope","y":"x"}')).text).toContain('no longer valid');
    expect((await bed.click('snooze', undefined)).text).toContain('no longer valid');
    const gone = await bed.click('decide.renew', encode({ c: '00000000-0000-0000-0000-000000000000', y: 1 }));
    expect(gone.text).toContain('no longer exists');
    expect(gone.effects ?? []).toEqual([]);
    expect(await bed.db.decision.count()).toBe(0);
  });
});
