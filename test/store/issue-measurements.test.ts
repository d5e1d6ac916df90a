// SLA measurements stored with the issues: counted once in the contract's clock, counted again after
// the issue or the clock changes, and reports read from them equal to reports counted from scratch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countedMs } from '../../src/domain/business-hours.js';
import { lastDays } from '../../src/domain/periods.js';
import { slaStats } from '../../src/domain/sla-stats.js';
import { openDatabase, type Db } from '../../src/store/client.js';
import { timesOf, updateIssue } from '../../src/store/issues.js';
import { applyMigrations } from '../../src/store/migrations.js';
import { slaReport } from '../../src/store/sla-data.js';
import { slaPolicyOf } from '../../src/store/sla-policies.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../helpers/postgres.js';
import { emptyTables } from '../helpers/reset-tables.js';

const ZONE = 'Europe/Berlin';
const now = new Date('2026-11-23T10:00:00Z');
const HOUR = 3_600_000;
let dir: string;
let database: TestDatabase;
let db: Db;
let contractId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'renewal-desk-measurements-'));
  database = await createTestDatabase(dir);
  await applyMigrations(database.url);
  db = openDatabase(database.url);
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await emptyTables(db, database.url);
  await db.workspace.create({ data: { id: 'slack:T1', platform: 'slack', timezone: ZONE } });
  contractId = (await db.contract.create({ data: { workspaceId: 'slack:T1', name: 'Globex', nameKey: 'globex', vendor: 'Globex', end: '2027-06-30', deadline: '2027-06-30', ownerId: 'U1', createdBy: 'U1' } })).id;
  await db.slaPolicy.create({ data: { contractId, workspaceId: 'slack:T1', hours: 'business' } });
  await db.slaTarget.create({ data: { contractId, workspaceId: 'slack:T1', priority: 'p1', response: '4h', resolution: '2d' } });
  const issue = (n: number, opened: number, responded: number | null, resolved: number | null) => ({
    workspaceId: 'slack:T1', number: n, contractId, priority: 'p1', summary: `Issue ${n}`, openedBy: 'U1',
    openedAt: new Date(now.getTime() - opened * HOUR), respondedAt: responded === null ? null : new Date(now.getTime() - responded * HOUR), resolvedAt: resolved === null ? null : new Date(now.getTime() - resolved * HOUR),
  });
  // Resolved over a weekend; answered, still open; untouched, open for a week.
  await db.vendorIssue.createMany({ data: [issue(1, 100, 98, 30), issue(2, 50, 45, null), issue(3, 170, null, null)] });
});

const period = lastDays(30, now);
const report = () => slaReport(db, contractId, ZONE, period.current, period.previous, now);
const stored = () => db.vendorIssue.findMany({ orderBy: { number: 'asc' }, select: { number: true, responseMs: true, resolutionMs: true, slaClock: true } });

/** The same report counted from the issues alone, nothing stored used. */
async function fromScratch() {
  const policy = await slaPolicyOf(db, contractId, ZONE);
  const issues = (await db.vendorIssue.findMany()).map(timesOf);
  return slaStats({ issues, outages: [], targets: policy.targets, hours: policy.hours, now, period: period.current, uptimeTargetPercent: null });
}

describe(`stored SLA measurements (${testDatabaseKind()})`, () => {
  it('are counted in the contract clock the first time a report needs them, and then read', async () => {
    const first = await report();
    const hours = { kind: 'business' as const, timezone: ZONE, holidays: [] };
    const at = (h: number) => new Date(now.getTime() - h * HOUR);
    expect(await stored()).toEqual([
      { number: 1, responseMs: countedMs(at(100), at(98), hours), resolutionMs: countedMs(at(100), at(30), hours), slaClock: `business ${ZONE} ` },
      { number: 2, responseMs: countedMs(at(50), at(45), hours), resolutionMs: null, slaClock: `business ${ZONE} ` },
      { number: 3, responseMs: null, resolutionMs: null, slaClock: `business ${ZONE} ` },
    ]);
    expect(first.current).toEqual(await fromScratch());
    const updatedAt = (await db.vendorIssue.findMany({ select: { updatedAt: true } })).map((i) => i.updatedAt.getTime());
    expect((await report()).current).toEqual(first.current);
    // Read, not written again.
    expect((await db.vendorIssue.findMany({ select: { updatedAt: true } })).map((i) => i.updatedAt.getTime())).toEqual(updatedAt);
  });

  it('are counted again after the issue changes, and after the contract clock changes', async () => {
    await report();
    const open = await db.vendorIssue.findFirstOrThrow({ where: { number: 2 } });
    await updateIssue(db, open.id, { resolvedAt: new Date(now.getTime() - HOUR) });
    expect((await stored())[1]!.slaClock).toBeNull();
    expect((await report()).current).toEqual(await fromScratch());
    expect((await stored())[1]!.resolutionMs).toBe(countedMs(open.openedAt, new Date(now.getTime() - HOUR), { kind: 'business', timezone: ZONE, holidays: [] }));

    await db.slaPolicy.update({ where: { contractId }, data: { hours: '24x7' } });
    const around = await report();
    expect(await stored()).toEqual([
      { number: 1, responseMs: 2 * HOUR, resolutionMs: 70 * HOUR, slaClock: '24x7' },
      { number: 2, responseMs: 5 * HOUR, resolutionMs: 49 * HOUR, slaClock: '24x7' },
      { number: 3, responseMs: null, resolutionMs: null, slaClock: '24x7' },
    ]);
    expect(around.current).toEqual(await fromScratch());
  });
});
