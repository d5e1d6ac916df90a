// Claims of many rows in one statement and their records, on a real database (SQLite, or PostgreSQL
// with TEST_DATABASE=postgresql): each row is taken by one claim only, a claim changes only its rows
// while its lease holds, and a record written for several posts at once records each of them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Claim, type ClaimOptions } from '../../src/store/claims.js';
import { openDatabase, type Db } from '../../src/store/client.js';
import { applyMigrations } from '../../src/store/migrations.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../helpers/postgres.js';
import { emptyTables } from '../helpers/reset-tables.js';

const dueAt = new Date('2026-12-02T09:00:00Z');
const options: ClaimOptions = { now: dueAt, realNow: new Date('2026-12-02T09:00:05Z'), leaseMs: 60_000 };
let dir: string;
let database: TestDatabase;
let db: Db;
let other: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'renewal-desk-claims-'));
  database = await createTestDatabase(dir);
  await applyMigrations(database.url);
  db = openDatabase(database.url);
  other = openDatabase(database.url);
});
afterAll(async () => {
  await db.$disconnect();
  await other.$disconnect();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await emptyTables(db, database.url);
  await db.workspace.create({ data: { id: 'slack:T1', platform: 'slack', timezone: 'UTC' } });
});

async function rows(count: number, status: object = {}) {
  await db.reminder.createMany({ data: Array.from({ length: count }, (_, i) => ({ workspaceId: 'slack:T1', subject: `s:${i}`, kind: 'renewal', step: 'd1', dueAt, ...status })) });
  return db.reminder.findMany({ orderBy: { subject: 'asc' } });
}

describe(`claims of many rows (${testDatabaseKind()})`, () => {
  it('takes each claimable row once: two claims over overlapping rows, from two connections at once, share them out', async () => {
    const due = await rows(40);
    const [a, b] = await Promise.all([Claim.takeMany(db, due.slice(0, 30), options), Claim.takeMany(other, due.slice(10), options)]);
    expect(a.size + b.size).toBe(40);
    expect([...a.keys()].filter((id) => b.has(id))).toEqual([]);
    expect(await db.reminder.count({ where: { status: 'sending', attempts: 1 } })).toBe(40);
    // Nothing is left to take until the lease runs out; then it is taken over, once.
    expect((await Claim.takeMany(db, due, options)).size).toBe(0);
    const later = { ...options, realNow: new Date(options.realNow.getTime() + 61_000) };
    const [c, d] = await Promise.all([Claim.takeMany(db, due, later), Claim.takeMany(other, due, later)]);
    expect(c.size + d.size).toBe(40);
    expect(await db.reminder.count({ where: { attempts: 2 } })).toBe(40);
  });

  it('takes rows failed and due again, not those waiting for their retry, nor settled ones', async () => {
    const [ready] = await rows(1, { status: 'failed', nextAttemptAt: new Date(dueAt.getTime() - 1) });
    await db.reminder.createMany({
      data: [
        { workspaceId: 'slack:T1', subject: 'later', kind: 'renewal', step: 'd1', dueAt, status: 'failed', nextAttemptAt: new Date(dueAt.getTime() + 60_000) },
        { workspaceId: 'slack:T1', subject: 'done', kind: 'renewal', step: 'd1', dueAt, status: 'sent' },
      ],
    });
    const all = await db.reminder.findMany();
    expect([...(await Claim.takeMany(db, all, options)).keys()]).toEqual([ready!.id]);
  });

  it('records several posts as sent in one statement, each with its own channel, message and lateness; a claim taken over records nothing', async () => {
    const due = await rows(3);
    const claims = await Claim.takeMany(db, due, options);
    const [first, second, third] = due.map((r) => claims.get(r.id)!);
    // The third row's lease runs out and another process takes it over.
    await Claim.takeMany(other, [due[2]!], { ...options, realNow: new Date(options.realNow.getTime() + 61_000) });
    const at = new Date('2026-12-02T09:00:07Z');
    await Claim.sentMany([
      { claim: first!, channelId: 'C1', messageId: '1.1', late: false, at },
      { claim: second!, channelId: 'C2', messageId: null, late: true, at },
      { claim: third!, channelId: 'C3', messageId: '3.3', late: false, at },
    ]);
    const stored = await db.reminder.findMany({ orderBy: { subject: 'asc' } });
    expect(stored.map((r) => [r.status, r.channelId, r.messageId, r.late])).toEqual([
      ['sent', 'C1', '1.1', false],
      ['sent', 'C2', null, true],
      ['sending', null, null, false],
    ]);
    expect(stored[0]!.sentAt).toEqual(at);
    // One post alone goes by its own statement; it records the same.
    await first!.sent({ channelId: 'C9', messageId: '9.9', late: true, at });
    expect(await db.reminder.findUniqueOrThrow({ where: { id: due[0]!.id } })).toMatchObject({ status: 'sent', channelId: 'C9', messageId: '9.9', late: true });
  });
});
