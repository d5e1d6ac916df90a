import { describe, expect, it } from 'vitest';
import { teamsUser, textOf } from '../helpers/bot-harness.js';
import { PLATFORMS } from '../helpers/driver.js';
import { sharedBot } from '../helpers/shared-bot.js';
import { button, inChannel, personal, textOfCall, type ClickAnswer, type TeamsForm } from '../helpers/teams-driver.js';
import { cardOf } from '../helpers/teams-double.js';

// Forms, and nothing a user sends crashing the bot, on Slack and Teams.
const bot = sharedBot({ now: '2026-11-23T10:00:00Z' });

/** A click on an existing contract's id that no longer exists, and a payload that is not one. */
const FORGED = '{"c":"nope","y":"x"}';
const GONE = '{"c":"00000000-0000-0000-0000-000000000000","y":1}';

describe.each(PLATFORMS)('%s', (platform) => {
  const d = bot.driver(platform);
  /** The bot's command hints, as each platform writes them (Teams without Slack's slash). */
  const asShown = (expected: RegExp) => (platform === 'slack' ? expected : new RegExp(expected.source.replace(/\\\/(contract|renewals|issue|sla)/g, '$1'), expected.flags));

  describe('the new-contract form', () => {
    const openForm = async () => (await d.run('contract add', 'form', 'forms')).form!;

    it('reports field errors on the form and stores nothing', async () => {
      const form = await openForm();
      const refused = await d.submit('form', form, { name: 'Form Co', vendor: 'Vendor', end: '2027-04-30', notice: '-3', tier: '9' });
      expect(refused.errors!['notice']).toContain('negative');
      expect(refused.errors!['tier']).toContain('1, 2 or 3');
      if (platform === 'teams') {
        // The form comes back, filled in as typed, each problem under its field.
        expect((refused as unknown as ClickAnswer).type).toBe('application/vnd.microsoft.card.adaptive');
        expect(refused.text).toContain('Notice period (days): must not be negative');
        expect(refused.text).toContain('must be 1, 2 or 3');
        expect(refused.text).toContain('"value":"Form Co"');
        expect(bot.t.teamsApi.updates()).toHaveLength(0);
      }
      expect(await bot.t.bot.db.contract.count()).toBe(0);
    });

    it('creates the contract in the channel the form was opened from, with the picked owner, and confirms privately', async () => {
      const form = await openForm();
      const added = await d.submit('form', form, { name: 'Form Co', vendor: 'Vendor', end: '2027-04-30', notice: '45', renewal: 'manual', per: 'year', tier: '2', owner: 'boss' });
      expect(added.errors).toBeNull();
      expect(added.text).toContain('2027-03-16'); // 2027-04-30 − 45 days
      if (platform === 'slack') {
        const [ephemeral] = bot.t.slackApi.callsTo('chat.postEphemeral');
        expect(ephemeral!.body['channel']).toBe(d.channelId('forms'));
        expect(ephemeral!.body['user']).toBe(d.userId('form'));
      } else {
        // The form is replaced by the answer, where it was filled in.
        expect((added as unknown as ClickAnswer).type).toBe('application/vnd.microsoft.card.adaptive');
        const [replaced] = await d.waitForUpdates();
        expect(replaced!.channel).toBe('a:dm-29:form');
        expect(replaced!.id).toBe((form as TeamsForm).call.id);
      }
      const contract = await bot.t.bot.db.contract.findFirstOrThrow();
      expect(contract).toMatchObject({ name: 'Form Co', channelId: d.channelId('forms'), ownerId: d.userId('boss'), renewal: 'manual', noticeDays: 45, createdBy: d.userId('form') });
    });
  });

  describe('nothing a user sends crashes the bot or yields 5xx', () => {
    it('answers forged or stale button values privately', async () => {
      const on = { channel: d.channelId('renew'), id: '1.1', text: '', fallback: '', buttons: [] };
      expect((await d.click('owner', on, { action: 'decide.renew', label: 'Renew', value: FORGED })).text).toContain('no longer valid');
      expect((await d.click('owner', on, { action: 'decide.renew', label: 'Renew', value: GONE })).text).toContain('no longer exists');
      expect((await d.click('owner', on, { action: 'snooze', label: 'Snooze', value: undefined })).text).toContain('no longer valid');
      expect(await bot.t.bot.db.decision.count()).toBe(0);
    });

    it('answers command words that are Object.prototype properties like any unknown word', async () => {
      const cases: [string, RegExp][] = [
        ['contract constructor', /`constructor` is not a \/contract command/],
        ['issue __proto__', /`__proto__` is not an \/issue command/],
        ['issue constructor I-1 at:2026-11-20T10:00', /`constructor` is not an \/issue command/],
        ['contract edit Nothing constructor:1', /`constructor:` is not an option here/],
        ['sla set Nothing constructor:1', /`constructor:` is not an option here/],
        ['renewals hasOwnProperty', /Unknown word `hasOwnProperty`/],
      ];
      for (const [text, expected] of cases) {
        const answer = await d.run(text);
        expect(answer.text, text).toMatch(asShown(expected));
        expect(answer.text, text).toContain('Example');
        expect(answer.text, text).not.toContain('Something went wrong');
      }
      expect(bot.t.logs.filter((l) => l.includes('unexpected error'))).toEqual([]);
    });
  });
});

describe('Slack: malformed payloads, odd input, a redelivered click', () => {
  it('survives malformed payloads and odd input', async () => {
    const { t } = bot;
    const garbage = [
      new URLSearchParams({ payload: '{not json' }).toString(),
      new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', team: { id: 'T1' }, user: { id: 'U1' }, actions: [] }) }).toString(),
      'just some text',
    ];
    for (const body of garbage) {
      const res = await t.slack.post(body);
      expect(res.status, body).toBeLessThan(500);
    }
    for (const text of ['add "\u0000" vendor:x end:2027-01-01', 'show ' + '"'.repeat(3), 'add x vendor:"" end:2027-01-01', 'edit', 'decide', '"""']) {
      const res = await t.slack.command('/contract', text);
      expect(res.status).toBe(200);
    }
    await t.slackApi.waitFor('response_url', 6);
    expect(t.logs.filter((l) => l.includes('unexpected error'))).toEqual([]);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  });

  it('handles a click redelivered by Slack (same action) only once', async () => {
    const { t } = bot;
    await bot.slack.run('contract add Twice vendor:T end:2027-01-31 notice:30d');
    await t.tick('2026-12-02T09:00:00Z');
    const [post] = await bot.slack.waitForPosts('renew');
    const value = post!.buttons.find((b) => b.action === 'decide.renew')!.value;
    const payload = {
      type: 'block_actions', team: { id: 'T1', domain: 't' }, user: { id: 'UOWNER', username: 'o', team_id: 'T1' }, api_app_id: 'A1', token: 'x',
      container: { type: 'message', message_ts: post!.id, channel_id: 'CRENEW' }, channel: { id: 'CRENEW', name: 'r' },
      message: { ts: post!.id, text: 'r' }, response_url: t.slackApi.responseUrl('retry'), trigger_id: 'tr',
      actions: [{ type: 'button', action_id: 'rd:decide.renew', block_id: 'b', value, action_ts: '1764000000.000001', text: { type: 'plain_text', text: 'Renew' } }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    await t.slack.post(body);
    await t.slack.post(body, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await t.slackApi.waitFor('chat.update');
    expect(await t.bot.db.decision.count()).toBe(1);
    expect(await t.bot.db.auditEvent.count({ where: { action: 'decision.renew' } })).toBe(1);
    expect(textOf(t.slackApi.callsTo('chat.update')[0]!.body)).toContain('decided by');
  });
});

describe('Teams: malformed activities, odd input, forms, a redelivered click', () => {
  const teams = bot.teams;
  const inChat = { personal: true as const, conversation: 'a:dm-29:form' };
  const openForm = async (where: Parameters<typeof teams.run>[2] = inChannel('forms')) => {
    const form = await teams.run('contract add', 'form', where);
    return { call: form.call, submit: button(form.card, 'form.contract-add') };
  };

  it('accepts a picked owner the member lookup does not find (a personal chat), keeps the pick on errors, and refuses a duplicate name', async () => {
    const { t } = bot;
    const { call, submit } = await openForm();
    const base = { ...submit.data, vendor: 'Vendor', end: '2027-04-30', renewal: 'auto', per: 'year', tier: '2' };
    await t.teams.execute({ user: 'form', verb: submit.verb, where: inChat, replyToId: call.id, data: { ...base, name: 'Form Co' } });
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
    const { t } = bot;
    const group = { group: '19:picker-group@thread.v2', name: 'Vendor team' };
    const dana = teamsUser('dana');
    t.teamsApi.addMember(dana, { onlyIn: [group.group] }); // in the group chat, not in the personal chat the form is filled in
    const { call, submit } = await openForm(group);
    const base = { ...submit.data, vendor: 'Vendor', end: '2027-04-30', renewal: 'auto', per: 'year', tier: '2' };
    const wrongDate = await t.teams.execute({ user: 'form', verb: submit.verb, where: inChat, replyToId: call.id, data: { ...base, name: 'Group Pick Co', end: '2027-02-30', owner: dana.aadObjectId } });
    const again = JSON.stringify(wrongDate.body.value);
    expect(again).toContain('not a real calendar date');
    expect(again).toContain(`Kept: ${dana.name}`);
    expect(again).not.toContain('Kept: the person you picked');
    const added = await t.teams.execute({ user: 'form', verb: submit.verb, where: inChat, replyToId: call.id, data: { ...base, name: 'Group Pick Co', owner: dana.aadObjectId } });
    expect(JSON.stringify(added.body.value)).toContain('Added');
    const contract = await t.bot.db.contract.findFirstOrThrow({ where: { name: 'Group Pick Co' } });
    expect(contract).toMatchObject({ ownerId: dana.id, channelId: group.group });
    const shown = await teams.run('contract show "Group Pick Co"', 'form', personal);
    expect(shown.text).toContain(dana.name);
    expect(shown.text).not.toContain('someone');
  });

  it('survives malformed bodies and activities', async () => {
    const { t } = bot;
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

  it('answers a card action of a verb it does not know, or without data, privately', async () => {
    const { t } = bot;
    const unknownVerb = await t.teams.execute({ user: 'owner', verb: 'drop.tables', data: {}, where: inChannel('renew') });
    expect(unknownVerb.body.value).toContain('no longer valid');
    const noData = await t.teams.execute({ user: 'owner', verb: 'snooze', data: {}, where: inChannel('renew') });
    expect(noData.body.value).toContain('no longer valid');
  });

  it('survives odd input and reads HTML entities Teams may send', async () => {
    const { t } = bot;
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

  it('handles a click Teams delivers twice (same activity) only once', async () => {
    const { t } = bot;
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
