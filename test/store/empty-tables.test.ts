// The reset that lets one bot serve a whole test file: every table emptied, the schema and the
// migrations' bookkeeping kept, on SQLite and (with TEST_POSTGRES_URL) on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/store/client.js';
import { seriesKey } from '../../src/store/ledger-keys.js';
import { applyMigrations } from '../../src/store/migrations.js';
import { createPostgresDatabase, postgresServerUrl, SKIP_WITHOUT_POSTGRES, type TestDatabase } from '../helpers/postgres.js';
import { emptyTables, rowCounts } from '../helpers/reset-tables.js';

/** Rows in tables that reference each other (a contract's reminders, decisions and audit trail). */
async function fill(db: Db): Promise<void> {
  await db.workspace.create({ data: { id: 'slack:T1', platform: 'slack', timezone: 'UTC', issueSeq: 3 } });
  const contract = await db.contract.create({ data: { workspaceId: 'slack:T1', name: 'Globex', nameKey: 'globex', vendor: 'Globex', end: '2027-01-31', noticeDays: 30, deadline: '2027-01-01', ownerId: 'UOWNER', createdBy: 'UOWNER' } });
  await db.reminder.create({ data: { workspaceId: 'slack:T1', ...seriesKey({ of: 'contract', contractId: contract.id, cycle: 1 }), contractId: contract.id, kind: 'renewal', step: 'd30', dueAt: new Date('2026-12-02T09:00:00Z') } });
  await db.decision.create({ data: { workspaceId: 'slack:T1', contractId: contract.id, cycle: 1, choice: 'renew', status: 'final', proposedBy: 'UOWNER' } });
  await db.auditEvent.create({ data: { workspaceId: 'slack:T1', contractId: contract.id, actorId: 'UOWNER', action: 'contract.added' } });
}

function emptiesEveryTable(open: () => Promise<{ url: string; db: Db }>) {
  let url: string;
  let db: Db;
  beforeAll(async () => {
    ({ url, db } = await open());
  });

  it('empties every table, referenced ones included, and keeps the schema and its migrations', async () => {
    await fill(db);
    expect(Object.keys(await rowCounts(db, url))).toEqual(expect.arrayContaining(['Workspace', 'Contract', 'Reminder', 'Decision', 'AuditEvent']));
    await emptyTables(db, url);
    expect(await rowCounts(db, url)).toEqual({});
    expect((await applyMigrations(url)).applied).toEqual([]);
    // The same rows (same workspace id) go in again: the old ones are really gone.
    await fill(db);
    expect(await rowCounts(db, url)).toMatchObject({ Workspace: 1, Contract: 1, Reminder: 1, Decision: 1, AuditEvent: 1 });
    await emptyTables(db, url);
    expect(await rowCounts(db, url)).toEqual({});
  });
}

describe('emptyTables on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'renewal-desk-empty-'));
  let db: Db | null = null;
  afterAll(async () => {
    await db?.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });
  emptiesEveryTable(async () => {
    const url = `file:${dir}/test.db`;
    await applyMigrations(url);
    db = openDatabase(url);
    return { url, db };
  });
});

describe.skipIf(!postgresServerUrl)(`emptyTables on PostgreSQL${postgresServerUrl ? '' : ` (skipped: ${SKIP_WITHOUT_POSTGRES})`}`, () => {
  let database: TestDatabase | null = null;
  let db: Db | null = null;
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });
  emptiesEveryTable(async () => {
    database = await createPostgresDatabase('renewal_desk_empty');
    await applyMigrations(database.url);
    db = openDatabase(database.url);
    return { url: database.url, db };
  });
});
