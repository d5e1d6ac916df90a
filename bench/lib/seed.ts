// Generated data for the bench, from a fixed seed: one Slack workspace of a large organisation, its
// contracts (with their reminder plans and audit rows, as an import stores them) and vendor issues.
import { progress } from '../../src/cli/progress.js';
import { addDays, type Day } from '../../src/domain/days.js';
import { deadlineOf } from '../../src/domain/contract-terms.js';
import { dayIn } from '../../src/domain/zoned-time.js';
import type { Cell, Columns } from '../../src/store/bulk-insert.js';
import { openDatabase } from '../../src/store/client.js';
import { insertContracts, type NewContract } from '../../src/store/contract-batch.js';
import { openDirectConnection } from '../../src/store/direct-connection.js';
import { orderedUuid } from '../../src/store/ids.js';
import type { Workspace } from '../../src/store/workspaces.js';
import { seededRandom } from '../../test/helpers/seeded-random.js';

/** The bench's clock: the bot and the passes run "as of" this instant. */
export const BENCH_NOW = new Date('2026-11-23T10:00:00Z');
export const WORKSPACE: Workspace = {
  id: 'slack:TBENCH', platform: 'slack', timezone: 'Europe/Berlin', reminderTime: '09:00', defaultChannel: 'CBENCHHOME',
  approvers: [], threshold: null, surveyDays: 60,
};
/** The contract that carries the many issues `/sla` is timed on. */
export const BIG_CONTRACT = 'Big Vendor Support';

export const contractNameAt = (i: number) => (i === 0 ? BIG_CONTRACT : `Contract ${String(i).padStart(6, '0')}`);

/** The workspace, created "now": nothing from before it (last month's reports, credits) is due. */
export async function seedWorkspace(url: string): Promise<void> {
  const db = openDatabase(url);
  try {
    await db.workspace.create({ data: { id: WORKSPACE.id, platform: 'slack', timezone: WORKSPACE.timezone, defaultChannel: WORKSPACE.defaultChannel, createdAt: BENCH_NOW } });
  } finally {
    await db.$disconnect();
  }
}

const CONTRACTS_PER_STATEMENT = 1_000;

/**
 * Contracts `from`…`to - 1` (their ids returned in order): ends over the next three years, notice
 * periods, values, owners and 1,000 channels; reminders planned from the day after the bench's clock,
 * so that nothing is due at it.
 */
export async function seedContracts(url: string, from: number, to: number, random: () => number): Promise<string[]> {
  const today = dayIn(BENCH_NOW, WORKSPACE.timezone);
  const planFrom: Day = addDays(today, 1);
  const conn = await openDirectConnection(url);
  const ids: string[] = [];
  const bar = progress(process.stderr, `  seeding contracts ${from.toLocaleString('en-US')}–${to.toLocaleString('en-US')}`, to - from, { minTotal: 5_000 });
  try {
    for (let start = from; start < to; start += CONTRACTS_PER_STATEMENT) {
      const items: NewContract[] = [];
      for (let i = start; i < Math.min(start + CONTRACTS_PER_STATEMENT, to); i += 1) {
        const end = addDays(today, 30 + Math.floor(random() * 1095));
        const noticeDays = [0, 30, 60, 90][Math.floor(random() * 4)]!;
        const name = contractNameAt(i);
        items.push({
          workspace: WORKSPACE,
          today: planFrom,
          data: {
            workspaceId: WORKSPACE.id, name, nameKey: name.toLowerCase(), vendor: `Vendor ${Math.floor(random() * 2_000)}`, services: random() < 0.3 ? 'Managed service, 24x7' : null,
            start: null, end, noticeDays, deadline: deadlineOf({ end, noticeDays }), renewal: random() < 0.8 ? 'auto' : 'manual', termMonths: 12,
            value: Math.round(1_000 + random() * 100_000), currency: random() < 0.5 ? 'USD' : 'EUR', per: 'year', tier: 1 + Math.floor(random() * 3),
            ownerId: `U${String(Math.floor(random() * 500)).padStart(4, '0')}`, channelId: `C${String(i % 1_000).padStart(4, '0')}BENCH`, departments: null, createdBy: 'UBENCH',
          },
        });
      }
      const created = await conn.transaction(() => insertContracts(conn, items, BENCH_NOW));
      ids.push(...created.map((c) => c.contract.id));
      bar.update(Math.min(start + CONTRACTS_PER_STATEMENT, to) - from, ids.length);
    }
    bar.finish(ids.length);
  } finally {
    await conn.close();
  }
  return ids;
}

const ISSUE_COLUMNS = [
  ['id', 'text'], ['workspaceId', 'text'], ['number', 'int'], ['contractId', 'text'], ['priority', 'text'], ['summary', 'text'], ['category', 'text'],
  ['openedAt', 'instant'], ['respondedAt', 'instant'], ['resolvedAt', 'instant'], ['reopenCount', 'int'], ['openedBy', 'text'], ['createdAt', 'instant'], ['updatedAt', 'instant'],
] as const satisfies Columns;
const HOUR = 3_600_000;
const ISSUES_PER_STATEMENT = 5_000;

/**
 * `count` vendor issues over the last two years, numbered from `firstNumber`: those of `big` go to
 * contracts[0], the rest to contracts at random; one in fifty still open, the others answered within
 * hours and resolved within days.
 */
export async function seedIssues(
  url: string,
  contracts: readonly string[],
  issues: { count: number; big: number; firstNumber: number; workspaceId?: string },
  random: () => number,
): Promise<number> {
  const workspaceId = issues.workspaceId ?? WORKSPACE.id;
  const conn = await openDirectConnection(url);
  const bar = progress(process.stderr, `  seeding ${issues.count.toLocaleString('en-US')} issues`, issues.count, { minTotal: 20_000 });
  let number = issues.firstNumber;
  try {
    for (let start = 0; start < issues.count; start += ISSUES_PER_STATEMENT) {
      const rows: Cell[][] = [];
      for (let i = start; i < Math.min(start + ISSUES_PER_STATEMENT, issues.count); i += 1) {
        const contractId = i < issues.big ? contracts[0]! : contracts[Math.floor(random() * contracts.length)]!;
        const opened = new Date(BENCH_NOW.getTime() - Math.floor(random() * 730 * 24) * HOUR - Math.floor(random() * HOUR));
        const open = random() < 0.02;
        const responded = open && random() < 0.5 ? null : new Date(opened.getTime() + (1 + random() * 12) * HOUR);
        const resolved = open ? null : new Date(opened.getTime() + (2 + random() * 96) * HOUR);
        const priority = `p${1 + Math.floor(random() * 4)}`;
        rows.push([orderedUuid(), workspaceId, number++, contractId, priority, `Issue ${i}`, `category ${Math.floor(random() * 12)}`, opened, responded, resolved, 0, 'UBENCH', opened, opened]);
      }
      await conn.transaction(() => conn.insert('VendorIssue', ISSUE_COLUMNS, rows));
      bar.update(Math.min(start + ISSUES_PER_STATEMENT, issues.count), number - issues.firstNumber);
    }
    bar.finish(number - issues.firstNumber);
    await conn.run('UPDATE "Workspace" SET "issueSeq" = ? WHERE "id" = ?', [number - 1, workspaceId]);
  } finally {
    await conn.close();
  }
  return number;
}

/** SLA targets: business hours on the big contract, 24x7 targets on every twentieth other one. */
export async function seedSlaPolicies(url: string, contracts: readonly string[]): Promise<void> {
  const db = openDatabase(url);
  try {
    const withTargets = contracts.filter((_, i) => i % 20 === 0);
    await db.slaPolicy.createMany({ data: withTargets.map((contractId, i) => ({ contractId, workspaceId: WORKSPACE.id, hours: i === 0 ? 'business' : '24x7', uptimeTarget: 99.9 })) });
    await db.slaTarget.createMany({
      data: withTargets.flatMap((contractId) => ['p1', 'p2', 'p3', 'p4'].map((priority, p) => ({ contractId, workspaceId: WORKSPACE.id, priority, response: `${2 ** p}h`, resolution: `${2 ** p}d` }))),
    });
  } finally {
    await db.$disconnect();
  }
}

/** Three vendor issues for each contract of a database seeded with due reminders: the SLA evidence their messages show. */
export async function seedEvidence(url: string, seed: number): Promise<void> {
  const db = openDatabase(url);
  const contracts = await db.contract.findMany({ select: { id: true, workspaceId: true }, orderBy: { id: 'asc' } }).finally(() => db.$disconnect());
  if (contracts.length === 0) return;
  await seedIssues(url, contracts.map((c) => c.id), { count: contracts.length * 3, big: 0, firstNumber: 1, workspaceId: contracts[0]!.workspaceId }, seededRandom(seed));
}
