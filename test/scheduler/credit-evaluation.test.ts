// A month's service credits are evaluated once per workspace, however many passes (or processes) run
// at the instant: the workspace's mark is moved in the same transaction as the credits it creates.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planServiceCredits } from '../../src/scheduler/credit-evaluation.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { testDatabaseKind } from '../helpers/postgres.js';

const kind = testDatabaseKind();
let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z' });
  await run('/contract', 'add "Globex Support" vendor:Globex end:2027-06-30 value:1000 per:month channel:<#CRENEW|renewals>');
  await run('/contract', 'add "Initech" vendor:Initech end:2027-06-30 value:500 per:month currency:EUR channel:<#CRENEW|renewals>');
  for (const name of ['Globex Support', 'Initech']) {
    await run('/sla', `set "${name}" credits:"99.9:10,99:25"`);
    await run('/issue', `outage "${name}" start:2026-11-10T00:00 end:2026-11-10T10:00`);
  }
});
afterEach(async () => {
  await t.stop();
});

async function run(command: string, text: string): Promise<void> {
  const before = t.slackApi.callsTo('response_url').length;
  await t.slack.command(command, text, 'UOWNER', 'COTHER');
  await t.slackApi.waitFor('response_url', before + 1);
}

const creditPosts = () => t.slackApi.callsTo('chat.postMessage').filter((c) => String(c.body['text']).startsWith('Service credit C-'));

describe(`service credit evaluation (${kind})`, () => {
  it('three passes at the same instant: one credit per contract, numbered once, each posted once; currencies kept apart', async () => {
    await Promise.all([t.tick('2026-12-01T09:00:00Z'), t.tick('2026-12-01T09:00:00Z'), t.tick('2026-12-01T09:00:00Z')]);
    await t.tick('2026-12-01T09:01:00Z');
    const credits = await t.bot.db.credit.findMany({ orderBy: { number: 'asc' } });
    expect(credits.map((c) => c.number)).toEqual([1, 2]);
    expect(credits.map((c) => `${c.currency} ${c.amount}`).sort()).toEqual(['EUR 125', 'USD 250']);
    expect(creditPosts()).toHaveLength(2);
    expect((await t.bot.db.workspace.findFirstOrThrow({ where: { id: 'slack:T1' } })).creditMonth).toBe('2026-11');
  });

  it('evaluates once: an outage logged after the evaluation changes nothing for that month', async () => {
    await t.tick('2026-12-01T09:00:00Z');
    await run('/issue', 'outage "Globex Support" start:2026-11-20T00:00 end:2026-11-22T00:00');
    await planServiceCredits(t.bot.db, new Date('2026-12-02T09:00:00Z'));
    await planServiceCredits(t.bot.db, new Date('2026-12-15T09:00:00Z'));
    expect(await t.bot.db.credit.count()).toBe(2);
    expect((await t.bot.db.credit.findFirstOrThrow({ where: { currency: 'USD' } })).percent).toBe(25);
  });

  it('waits for the reminder time of the first business day, and skips a month the workspace did not exist in', async () => {
    await planServiceCredits(t.bot.db, new Date('2026-12-01T08:59:00Z'));
    expect(await t.bot.db.credit.count()).toBe(0);
    // November's first business day (Mon 2 Nov) came before the workspace existed: October is not evaluated.
    expect((await t.bot.db.workspace.findFirstOrThrow()).creditMonth).toBeNull();
    await planServiceCredits(t.bot.db, new Date('2026-11-23T10:00:00Z'));
    expect((await t.bot.db.workspace.findFirstOrThrow()).creditMonth).toBeNull();
  });
});
