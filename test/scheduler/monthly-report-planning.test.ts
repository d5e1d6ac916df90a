// Planning the monthly reports runs at the start of every pass. Another process having planned them
// first (a unique-key conflict) is expected and silent; any other database error is logged, and the
// pass still delivers every other due reminder. The real bot against the Slack double.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/client.js';
import { PostPacer } from '../../src/scheduler/pacer.js';
import { runPass } from '../../src/scheduler/pass.js';
import { planMonthlyReports } from '../../src/scheduler/families/monthly-report.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { DUE_AT, WORKSPACE, WORKSPACE_CHANNEL, seedDueReminders } from '../helpers/due-reminders.js';
import { testDatabaseKind } from '../helpers/postgres.js';

const REMINDERS = 4;
const CHANNELS = 2;
const kind = testDatabaseKind();

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: '2026-11-23T10:00:00Z' });
  // Created before December's first business day (2026-12-01), so that December's reports are planned.
  await t.bot.db.workspace.create({ data: { id: WORKSPACE, platform: 'slack', timezone: 'UTC', defaultChannel: WORKSPACE_CHANNEL, createdAt: new Date('2026-11-01T00:00:00Z') } });
  await seedDueReminders(t.bot.db, REMINDERS, CHANNELS);
});
afterEach(async () => {
  await t.stop();
});

const reportRows = () => t.bot.db.reminder.count({ where: { kind: 'sla-report' } });
const planningLogs = () => t.logs.filter((l) => l.includes('could not plan'));

/** The database refuses every new monthly-report row (a trigger raising an error), as a broken database might. */
async function refuseReportRows(db: Db): Promise<void> {
  if (kind === 'postgresql') {
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_reports() RETURNS trigger AS $$ BEGIN IF NEW.kind = 'sla-report' THEN RAISE EXCEPTION 'reports refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_reports BEFORE INSERT ON "Reminder" FOR EACH ROW EXECUTE FUNCTION refuse_reports()`);
  } else {
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_reports BEFORE INSERT ON "Reminder" WHEN NEW.kind = 'sla-report' BEGIN SELECT RAISE(ABORT, 'reports refused by the test'); END`);
  }
}

async function acceptReportRows(db: Db): Promise<void> {
  await db.$executeRawUnsafe(kind === 'postgresql' ? `DROP TRIGGER refuse_reports ON "Reminder"` : `DROP TRIGGER refuse_reports`);
}

/** `db` with some methods of one model replaced; everything else as it is. */
function overriding(db: Db, model: 'reminder' | 'workspace', methods: Record<string, (args: never) => Promise<unknown>>): Db {
  const bind = (target: object, prop: string | symbol) => {
    const value = Reflect.get(target, prop) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  };
  const replaced = new Proxy(db[model], { get: (target, prop) => (typeof prop === 'string' && prop in methods ? methods[prop] : bind(target, prop)) });
  return new Proxy(db, { get: (target, prop) => (prop === model ? replaced : bind(target, prop)) });
}

/**
 * The database as seen by a process that checked for this month's reports just before another
 * process planned them: the check finds none, the insert then conflicts.
 */
function racingAnotherProcess(db: Db): Db {
  return overriding(db, 'reminder', {
    count: (args: { where?: { kind?: string } }) => (args?.where?.kind === 'sla-report' ? Promise.resolve(0) : db.reminder.count(args as never)),
  });
}

/** The database as seen when the list of workspaces cannot be read (and everything else can). */
function failingWorkspaceList(db: Db): Db {
  return overriding(db, 'workspace', { findMany: () => Promise.reject(new Error('the database is gone for a moment')) });
}

describe(`monthly-report planning in a pass (${kind})`, () => {
  it('a database error while planning is logged, and every other due reminder is still posted; the next pass plans them', async () => {
    await refuseReportRows(t.bot.db);
    const report = await t.tick(DUE_AT);
    expect(report).toMatchObject({ posted: REMINDERS, failed: 0 });
    expect(t.slackApi.posted()).toHaveLength(REMINDERS);
    expect(planningLogs()).toHaveLength(1);
    expect(planningLogs()[0]).toContain(`could not plan the monthly reports of ${WORKSPACE}`);
    expect(planningLogs()[0]).not.toContain('\n'); // one line, the cause (Prisma's wording differs per database)
    expect(await reportRows()).toBe(0);

    await acceptReportRows(t.bot.db);
    await t.tick(new Date(new Date(DUE_AT).getTime() + 60_000).toISOString());
    expect(await reportRows()).toBe(CHANNELS);
    expect(planningLogs()).toHaveLength(1);
  });

  it('another process planned them first: the conflict is silent, nothing is planned twice, everything due is posted', async () => {
    await planMonthlyReports(t.bot.db, new Date(DUE_AT)); // the other process
    expect(await reportRows()).toBe(CHANNELS);
    const logs: string[] = [];
    const report = await runPass(
      { db: racingAnotherProcess(t.bot.db), delivery: t.bot.delivery, clock: () => new Date(), log: (l) => logs.push(l), pacer: new PostPacer() },
      new Date(DUE_AT),
    );
    expect(logs.filter((l) => l.includes('could not plan'))).toEqual([]);
    expect(report).toMatchObject({ posted: REMINDERS, failed: 0 });
    expect(await reportRows()).toBe(CHANNELS);
  });

  it('the workspaces cannot even be listed: logged once, in one line, and every due reminder is still posted', async () => {
    const logs: string[] = [];
    const report = await runPass(
      { db: failingWorkspaceList(t.bot.db), delivery: t.bot.delivery, clock: () => new Date(), log: (l) => logs.push(l), pacer: new PostPacer() },
      new Date(DUE_AT),
    );
    expect(report).toMatchObject({ posted: REMINDERS, failed: 0 });
    const planning = logs.filter((l) => l.includes('could not plan'));
    expect(planning).toEqual(['could not plan the monthly reports (retried next pass): the database is gone for a moment']);
    expect(await reportRows()).toBe(0);
  });
});

