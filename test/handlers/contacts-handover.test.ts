import { describe, expect, it } from 'vitest';
import { handlerBed } from '../helpers/handler-bed.js';

// Contacts and handover commands on a real database, no bot (the reminders, buttons and forms:
// test/integration/contacts-handover.test.ts).
const bed = handlerBed({ now: '2026-11-23T10:00:00Z' });

describe('handover guards', () => {
  it('guards: to oneself, from someone without roles, a past leaving date asks for confirmation', async () => {
    await bed.run('contract add "Globex Support" vendor:Globex end:2027-06-30 notice:60d', 'alice', 'net');
    expect((await bed.run('contract handover {@alice} {@alice}', 'alice', 'net')).text).toContain('cannot hand over to themselves');
    expect((await bed.run('contract handover {@nobody} {@dave}', 'nobody', 'net')).text).toContain('holds no roles');
    const past = await bed.run('contract leaving {@alice} on:2026-11-01', 'alice', 'net');
    expect(past.text).toContain('is in the past');
    expect(past.reply.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.action) : []))).toContain('leaving.confirm');
    expect(past.effects ?? []).toEqual([]);
    expect(await bed.db.person.count({ where: { leavingOn: { not: null } } })).toBe(0);
  });

  it('a handover posts a notice to each contract channel and nothing else', async () => {
    await bed.run('contract add "Globex Support" vendor:Globex end:2027-06-30', 'alice', 'net');
    await bed.run('contract add Hooli vendor:Hooli end:2027-09-30', 'alice', 'apps');
    const handed = await bed.run('contract handover {@alice} {@dave}', 'alice', 'net');
    expect(handed.effects?.map((e) => e.kind === 'post' && e.channelId)).toEqual(['CNET', 'CAPPS']);
    const [net, apps] = bed.sink.posts();
    expect(net!.message.text).toMatch(/^Handover on Globex Support: .* takes over owner from /);
    expect(apps!.message.text).toMatch(/^Handover on Hooli: .* takes over owner from /);
  });
});
