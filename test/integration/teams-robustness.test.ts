import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, teamsChannel, teamsUser, type TestBot } from '../helpers/bot-harness.js';
import { button, inChannel, personal, TeamsDriver, textOfCall } from '../helpers/teams-driver.js';
import { cardOf } from '../helpers/teams-double.js';

let t: TestBot;
let teams: TeamsDriver;
beforeAll(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z', teams: 'unauthenticated' });
  teams = new TeamsDriver(t);
});
afterAll(async () => {
  await t.stop();
});
beforeEach(() => t.teamsApi.reset());

describe('the new-contract form card', () => {
  async function openForm() {
    const form = await teams.run('contract add', 'form', inChannel('forms'));
    return { call: form.call, submit: button(form.card, 'form.contract-add') };
  }
  const inChat = { personal: true as const, conversation: 'a:dm-29:form' };

  it('shows field errors on the form again and stores nothing', async () => {
    const { call, submit } = await openForm();
    const res = await t.teams.execute({ user: 'form', verb: submit.verb, where: inChat, replyToId: call.id, data: { ...submit.data, name: 'Form Co', vendor: 'Vendor', end: '2027-04-30', notice: '-3', tier: '9' } });
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const text = JSON.stringify(res.body.value);
    expect(text).toContain('Notice period (days): must not be negative');
    expect(text).toContain('must be 1, 2 or 3');
    expect(text).toContain('"value":"Form Co"'); // what was typed is kept
    expect(await t.bot.db.contract.count()).toBe(0);
    expect(t.teamsApi.updates()).toHaveLength(0);
  });

  it('creates the contract in the channel the form was opened from, with the picked owner, and replaces the form', async () => {
    t.teamsApi.addMember(teamsUser('boss'));
    const { call, submit } = await openForm();
    const res = await t.teams.execute({
      user: 'form', verb: submit.verb, where: inChat, replyToId: call.id,
      data: { ...submit.data, name: 'Form Co', vendor: 'Vendor', end: '2027-04-30', notice: '45', renewal: 'manual', per: 'year', tier: '2', owner: teamsUser('boss').aadObjectId },
    });
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(res.body.value)).toContain('2027-03-16'); // 2027-04-30 − 45 days
    const [replaced] = await t.teamsApi.waitFor('update');
    expect(replaced!.conversationId).toBe('a:dm-29:form');
    expect(replaced!.activityId).toBe(call.id);
    const contract = await t.bot.db.contract.findFirstOrThrow();
    expect(contract).toMatchObject({ name: 'Form Co', channelId: teamsChannel('forms'), ownerId: '29:boss', renewal: 'manual', noticeDays: 45, createdBy: '29:form' });
  });

  it('accepts a picked owner the member lookup does not find (a personal chat), keeps the pick on errors, and refuses a duplicate name', async () => {
    const { call, submit } = await openForm();
    const base = { ...submit.data, vendor: 'Vendor', end: '2027-04-30', renewal: 'auto', per: 'year', tier: '2' };
    const carol = teamsUser('carol'); // not in the double's roster: getMember answers 404, as in a personal chat
    const wrongDate = await t.teams.execute({ user: 'form', verb: submit.verb, where: inChat, replyToId: call.id, data: { ...base, name: 'Other Co', end: '2027-02-30', owner: carol.aadObjectId } });
    const picker = JSON.stringify(wrongDate.body.value);
    expect(picker).toContain('not a real calendar date');
    expect(picker).not.toContain('does not know this person');
    expect(picker).toContain(`"value":"${carol.aadObjectId}"`); // the person picked is still picked
    expect(picker).toContain('Kept: the person you picked');
    // A client that shows the picker empty again submits no owner: the kept pick still counts.
    const again = button(wrongDate.body.value, 'form.contract-add');
    const added = await t.teams.execute({ user: 'form', verb: again.verb, where: inChat, replyToId: call.id, data: { ...again.data, ...base, origin: again.data['origin'], name: 'Other Co' } });
    expect(JSON.stringify(added.body.value)).toContain('Added');
    expect((await t.bot.db.contract.findFirstOrThrow({ where: { name: 'Other Co' } })).ownerId).toBe(carol.aadObjectId);
    // Once Carol writes to the bot, Teams tells her object id with her Teams id: she owns it by that id, and may edit it.
    await teams.run('contract list', 'carol', personal);
    expect((await t.bot.db.contract.findFirstOrThrow({ where: { name: 'Other Co' } })).ownerId).toBe(carol.id);
    const edited = await teams.run('contract edit "Other Co" notice:10d', 'carol', personal);
    expect(edited.text).not.toContain('⛔');
    expect(edited.text).toContain('notice');
    // The Agents Playground's picker answers with its own user ids.
    const playground = await t.teams.execute({ user: 'form', verb: submit.verb, where: inChat, replyToId: call.id, data: { ...base, name: 'Playground Co', owner: 'user-id-1' } });
    expect(JSON.stringify(playground.body.value)).toContain('Added');
    expect((await t.bot.db.contract.findFirstOrThrow({ where: { name: 'Playground Co' } })).ownerId).toBe('user-id-1');
    const forged = await t.teams.execute({ user: 'form', verb: submit.verb, where: inChat, replyToId: call.id, data: { ...base, name: 'Forged Co', owner: 'DROP TABLE' } });
    expect(JSON.stringify(forged.body.value)).toContain('Pick a person with the people picker');
    const duplicate = await t.teams.execute({ user: 'form', verb: submit.verb, where: inChat, replyToId: call.id, data: { ...base, name: 'form co' } });
    expect(JSON.stringify(duplicate.body.value)).toContain('already exists');
    expect(await t.bot.db.contract.count()).toBe(3);
  });

  it('finds a person picked in a form opened from a group chat among that chat\'s members, and names them', async () => {
    const group = { group: '19:picker-group@thread.v2', name: 'Vendor team' };
    const dana = teamsUser('dana');
    t.teamsApi.addMember(dana, { onlyIn: [group.group] }); // in the group chat, not in the personal chat the form is filled in
    const form = await teams.run('contract add', 'form', group);
    const submit = button(form.card, 'form.contract-add');
    const base = { ...submit.data, vendor: 'Vendor', end: '2027-04-30', renewal: 'auto', per: 'year', tier: '2' };
    const wrongDate = await t.teams.execute({ user: 'form', verb: submit.verb, where: inChat, replyToId: form.call.id, data: { ...base, name: 'Group Pick Co', end: '2027-02-30', owner: dana.aadObjectId } });
    const again = JSON.stringify(wrongDate.body.value);
    expect(again).toContain('not a real calendar date');
    expect(again).toContain(`Kept: ${dana.name}`);
    expect(again).not.toContain('Kept: the person you picked');
    const added = await t.teams.execute({ user: 'form', verb: submit.verb, where: inChat, replyToId: form.call.id, data: { ...base, name: 'Group Pick Co', owner: dana.aadObjectId } });
    expect(JSON.stringify(added.body.value)).toContain('Added');
    const contract = await t.bot.db.contract.findFirstOrThrow({ where: { name: 'Group Pick Co' } });
    expect(contract).toMatchObject({ ownerId: dana.id, channelId: group.group });
    const shown = await teams.run('contract show "Group Pick Co"', 'form', personal);
    expect(shown.text).toContain(dana.name);
    expect(shown.text).not.toContain('someone');
  });
});

describe('nothing a user sends crashes the bot or yields 5xx', () => {
  it('survives malformed bodies and activities', async () => {
    const post = (body: string) => fetch(`${t.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    for (const body of ['{not json', '{}', '{"type":5}', '[]', '"text"', JSON.stringify({ type: 'message', text: 'contract list' })]) {
      const res = await post(body);
      expect(res.status, body).toBeLessThan(500);
    }
    const noValue = t.teams.activity('invoke', 'owner', personal, { name: 'adaptiveCard/action' });
    expect((await t.teams.post(noValue)).status).toBe(200);
    const otherInvoke = t.teams.activity('invoke', 'owner', personal, { name: 'composeExtension/query', value: {} });
    expect((await t.teams.post(otherInvoke)).status).toBe(200);
    const submitType = t.teams.activity('invoke', 'owner', personal, { name: 'adaptiveCard/action', value: { action: { type: 'Action.Submit', data: {} } } });
    expect((await t.teams.post(submitType)).status).toBe(200);
  });

  it('answers forged or stale button values privately', async () => {
    const forged = await t.teams.execute({ user: 'owner', verb: 'decide.renew', data: { value: '{"c":"nope","y":"x"}' }, where: inChannel('renew'), replyToId: '1.1' });
    expect(forged.body.value).toContain('no longer valid');
    const gone = await t.teams.execute({ user: 'owner', verb: 'decide.renew', data: { value: '{"c":"00000000-0000-0000-0000-000000000000","y":1}' }, where: inChannel('renew'), replyToId: '1.1' });
    expect(gone.body.value).toContain('no longer exists');
    const unknownVerb = await t.teams.execute({ user: 'owner', verb: 'drop.tables', data: {}, where: inChannel('renew') });
    expect(unknownVerb.body.value).toContain('no longer valid');
    const noData = await t.teams.execute({ user: 'owner', verb: 'snooze', data: {}, where: inChannel('renew') });
    expect(noData.body.value).toContain('no longer valid');
  });

  it('survives odd input and reads HTML entities Teams may send', async () => {
    for (const text of ['contract add "\u0000" vendor:x end:2027-01-01', 'contract show ' + '"'.repeat(3), 'contract add x vendor:"" end:2027-01-01', 'contract edit', 'contract decide', '"""', '<p></p>', '/', 'sla', 'issue']) {
      const res = await t.teams.message(text, 'owner', inChannel('renew'));
      expect(res.status, text).toBe(200);
    }
    await teams.run('contract add &quot;Entity Co&quot; vendor:A&amp;B end:2027-01-31&nbsp;notice:10d');
    expect(await t.bot.db.contract.findFirstOrThrow({ where: { nameKey: 'entity co' } })).toMatchObject({ vendor: 'A&B', noticeDays: 10 });
    expect(t.logs.filter((l) => l.includes('unexpected error') || l.includes('turn failed'))).toEqual([]);
    expect(t.teamsApi.calls.filter((c) => c.body['type'] === 'typing')).toEqual([]);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  });

  it('answers command words that are Object.prototype properties like any unknown word', async () => {
    const cases: [string, RegExp][] = [
      ['contract constructor', /`constructor` is not a contract command/],
      ['issue __proto__', /`__proto__` is not an issue command/],
      ['issue constructor I-1', /`constructor` is not an issue command/],
      ['sla set Nothing constructor:1', /`constructor:` is not an option here/],
    ];
    for (const [text, expected] of cases) {
      const answer = await teams.run(text, 'owner', personal);
      expect(answer.text, text).toMatch(expected);
      expect(answer.text, text).toContain('Example');
      expect(answer.text, text).not.toContain('Something went wrong');
    }
    expect(t.logs.filter((l) => l.includes('unexpected error'))).toEqual([]);
  });

  it('handles a click Teams delivers twice (same activity) only once', async () => {
    await teams.run('contract add Twice vendor:T end:2027-01-31 notice:30d');
    await t.tick('2026-12-02T09:00:00Z');
    const post = teams.posts('renew').find((c) => String(c.body['summary']).includes('Twice'))!;
    const renew = button(post, 'decide.renew');
    const activity = t.teams.activity('invoke', 'owner', inChannel('renew'), { name: 'adaptiveCard/action', replyToId: post.id, value: { action: { type: 'Action.Execute', verb: renew.verb, data: renew.data } } });
    const first = await t.teams.post(activity);
    const second = await t.teams.post(activity);
    expect(first.status).toBe(200);
    expect(((await second.json()) as { value: string }).value).toContain('Already done');
    expect(await t.bot.db.decision.count()).toBe(1);
    expect(await t.bot.db.auditEvent.count({ where: { action: 'decision.renew' } })).toBe(1);
    expect(textOfCall(t.teamsApi.updates()[0]!)).toContain('decided by');
    expect(cardOf(t.teamsApi.updates()[0]!)).not.toBeNull();
  });
});
