import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z' });
});
afterEach(async () => {
  await t.stop();
});

describe('audit rows carry the bot\'s clock, not the database\'s', () => {
  it('stamps a contract\'s creation and its end of term with the moments the bot saw', async () => {
    await t.slack.command('/contract', 'add "Stamp Co" vendor:Stamp end:2026-12-15');
    await t.slackApi.waitFor('response_url');
    const contract = await t.bot.db.contract.findFirstOrThrow({ where: { name: 'Stamp Co' } });
    expect(contract.createdAt.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    const added = await t.bot.db.auditEvent.findFirstOrThrow({ where: { contractId: contract.id, action: 'contract.added' } });
    expect(added.at.toISOString()).toBe('2026-11-23T10:00:00.000Z');

    // The day after the end, the auto contract rolls forward; the pass runs as of that morning.
    await t.tick('2026-12-16T09:00:00Z');
    const rolled = await t.bot.db.auditEvent.findFirstOrThrow({ where: { contractId: contract.id, action: 'term.auto-renewed' } });
    expect(rolled.at.toISOString()).toBe('2026-12-16T09:00:00.000Z');
  });
});
