import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BAD_CONTRACT_INPUT } from '../helpers/bad-input-cases.js';
import { startTestBot, textOf, type TestBot } from '../helpers/bot-harness.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z' });
});
afterAll(async () => {
  await t.stop();
});
beforeEach(() => t.slackApi.reset());

/** Sends a command and returns the text of the private reply. */
async function run(text: string, user = 'UOWNER', command = '/contract'): Promise<{ text: string; body: Record<string, unknown> }> {
  const before = t.slackApi.callsTo('response_url').length;
  const res = await t.slack.command(command, text, user);
  expect(res.status).toBe(200);
  const replies = await t.slackApi.waitFor('response_url', before + 1);
  const body = replies[before]!.body;
  expect(body['response_type']).toBe('ephemeral');
  return { text: textOf(body), body };
}

describe('bad input gets a private error with a correct example and stores nothing', () => {
  it.each(BAD_CONTRACT_INPUT)('%s', async (input, expected) => {
    const reply = await run(input);
    expect(reply.text).toMatch(expected);
    expect(reply.text).toMatch(/Example/);
    expect(await t.bot.db.contract.count()).toBe(0);
  });
});

describe('contract commands', () => {
  it('shows usage for no arguments and for help', async () => {
    expect((await run('help')).text).toContain('/contract add');
    // Slack keeps the slash commands as written (only Teams writes them without the slash).
    expect((await run('help')).text).toContain('`/contract list`');
    expect((await run('frobnicate')).text).toContain('Example: `/contract help`');
    expect((await run('help', 'UOWNER', '/issue')).text).toContain('`/issue list');
    // Bare /renewals: the calendar and one line pointing to help, not the whole usage under it.
    const bare = await run('', 'UOWNER', '/renewals');
    expect(bare.text).toContain('`/renewals help`');
    expect(bare.text).not.toContain('settings tz:');
  });

  it('adds, refuses a case-insensitive duplicate, suggests close names, lists, shows and edits', async () => {
    const added = await run('add "Globex Support" vendor:Globex end:2027-03-31 notice:60d value:12,000 tier:1 services:"Managed network"');
    expect(added.text).toContain('2027-01-30'); // 2027-03-31 − 60 days
    const duplicate = await run('add "globex support" vendor:Other end:2027-06-30');
    expect(duplicate.text).toContain('already exists');
    expect(await t.bot.db.contract.count()).toBe(1);

    const unknown = await run('show Globx Suport');
    expect(unknown.text).toContain('Did you mean *Globex Support*');

    await run('add Initech vendor:Initech end:2027-01-15 per:month value:900');
    const list = await run('list');
    expect(list.text.indexOf('Initech')).toBeLessThan(list.text.indexOf('Globex Support')); // soonest deadline first

    const show = await run('show globex support');
    expect(show.text).toContain('Managed network');
    expect(show.text).toContain('Next reminders');

    const edited = await run('edit "Globex Support" notice:90d value:15000');
    expect(edited.text).toContain('2026-12-31'); // new deadline: 2027-03-31 − 90 days
    expect(edited.text).toContain('notice: 60 days → 90 days');
    expect(edited.text).toContain('value: 12000 → 15000');
    expect((await run('edit "Globex Support" tier:1')).text).not.toContain('tier: 1 → 1'); // unchanged fields are not listed
    // A stranger cannot make themself the owner (and so the one who decides).
    expect((await run('edit "Globex Support" owner:<@USTRANGER>', 'USTRANGER')).text).toContain('Only the owner');
    expect((await t.bot.db.contract.findFirstOrThrow({ where: { nameKey: 'globex support' } })).ownerId).toBe('UOWNER');
    const contract = await t.bot.db.contract.findFirstOrThrow({ where: { nameKey: 'globex support' } });
    expect(contract.noticeDays).toBe(90);
    expect(contract.value).toBe(15000);
    const planned = await t.bot.db.reminder.findMany({ where: { contractId: contract.id, kind: 'renewal', status: 'planned' }, orderBy: { dueAt: 'asc' } });
    expect(planned[0]!.dueAt.toISOString()).toBe('2026-12-01T09:00:00.000Z'); // 30 days before 2026-12-31
  });

  it('shows the usage of one subcommand for `<subcommand> help`', async () => {
    const log = await run('log help', 'UOWNER', '/issue');
    expect(log.text).toContain('p2 VPN drops every evening');
    expect(log.text).not.toContain('/issue outage');
    expect((await run('settings help', 'UOWNER', '/renewals')).text).toContain('/renewals settings tz:Europe/Berlin');
    const set = (await run('set help', 'UOWNER', '/sla')).text;
    expect(set).toContain('p1 response:1h resolution:8h');
    expect(set).not.toContain('period:30d');
  });

  it('says plainly when the notice deadline has passed, and puts a rolled-forward end in the notification text', async () => {
    const late = await run('add "Late Notice" vendor:L end:2027-01-15 notice:400d'); // deadline 2025-12-11
    expect(late.text).toContain('the notice deadline has passed for this term');
    expect(late.text).toContain('Renewal reminders: none, the notice deadline is too close or already passed');
    const old = await run('add "Old Term" vendor:O end:2025-01-01');
    expect(String(old.body['text'])).toContain('The end date 2025-01-01 has passed');
  });

  it('shows the renewal calendar for a window, soonest first', async () => {
    const cal = await run('within:60d', 'UOWNER', '/renewals');
    expect(cal.text).toContain('Initech');
    expect(cal.text).not.toContain('2027-03-31');
    const wide = await run('within:6m', 'UOWNER', '/renewals');
    expect(wide.text.indexOf('2026-12-31')).toBeLessThan(wide.text.indexOf('2027-03-31'));
    expect((await run('within:soon', 'UOWNER', '/renewals')).text).toContain('Example');
  });

  it('archives only after confirmation, and stops the reminders', async () => {
    const ask = await run('archive Initech');
    expect(ask.text).toContain('Archive');
    const contract = await t.bot.db.contract.findFirstOrThrow({ where: { nameKey: 'initech' } });
    expect(contract.status).toBe('active');
    const blocks = ask.body['blocks'] as { elements?: { action_id: string; value: string }[] }[];
    const confirm = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'rd:archive.confirm')!;
    const before = t.slackApi.callsTo('response_url').length;
    await t.slack.click({ user: 'UOWNER', actionId: confirm.action_id, value: confirm.value, channel: 'CRENEW', messageTs: '1.1' });
    const [done] = (await t.slackApi.waitFor('response_url', before + 1)).slice(before);
    expect(done!.body['replace_original']).toBe(true);
    const archived = await t.bot.db.contract.findFirstOrThrow({ where: { id: contract.id } });
    expect(archived.status).toBe('archived');
    expect(await t.bot.db.reminder.count({ where: { contractId: contract.id, status: 'planned' } })).toBe(0);
    expect((await run('list')).text).not.toContain('Initech');
  });

  it('opens the modal for a bare /contract add', async () => {
    await t.slack.command('/contract', 'add');
    const [open] = await t.slackApi.waitFor('views.open');
    const view = open!.body['view'] as { callback_id: string; blocks: unknown[] };
    expect(view.callback_id).toBe('rd:contract.add');
    expect(JSON.stringify(view.blocks)).toContain('datepicker');
  });

  it('changes settings, then lets only approvers change them', async () => {
    const saved = await run('settings tz:Europe/Berlin time:08:30 approvers:<@UOWNER|owner>,<@UBOSS|boss> threshold:50000', 'UOWNER', '/renewals');
    expect(saved.text).toContain('Europe/Berlin');
    const refused = await run('settings time:10:00', 'USTRANGER', '/renewals');
    expect(refused.text).toContain('Only an approver');
    const ws = await t.bot.db.workspace.findFirstOrThrow();
    expect(ws.reminderTime).toBe('08:30');
    const badZone = await run('settings tz:Mars/Olympus', 'UOWNER', '/renewals');
    expect(badZone.text).toContain('IANA time zone');
    // Reminders were re-planned to 08:30 Berlin time (CET, UTC+1 in December).
    const next = await t.bot.db.reminder.findFirstOrThrow({ where: { status: 'planned', kind: 'renewal' }, orderBy: { dueAt: 'asc' } });
    expect(next.dueAt.toISOString()).toBe('2026-12-01T07:30:00.000Z');
  });
});
