// Part of npm run bench: /sla on a contract with 10,000 issues, among 1,000 other contracts with issues.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { slaReport } from '../src/store/sla-data.js';
import { slaStatusMessage } from '../src/messages/sla-status.js';
import { lastDays } from '../src/domain/periods.js';
import { openDatabase } from '../src/store/client.js';
import { applyMigrations } from '../src/store/migrations.js';

const ISSUES = Number(process.env.BENCH_ISSUES ?? 10_000);
const OTHER_CONTRACTS = 1_000;
const dir = mkdtempSync(join(tmpdir(), 'renewal-desk-bench-sla-'));
const url = `file:${join(dir, 'sla.db')}`;
const now = new Date('2026-11-23T10:00:00Z');
const HOUR = 3_600_000;

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

async function main(): Promise<void> {
  await applyMigrations(url);
  const db = openDatabase(url);
  const ws = 'slack:TBENCH';
  await db.workspace.create({ data: { id: ws, platform: 'slack', timezone: 'Europe/Berlin' } });
  const target = randomUUID();
  const contracts = [{ id: target, workspaceId: ws, name: 'Big', nameKey: 'big', vendor: 'V', end: '2027-06-30', deadline: '2027-06-30', ownerId: 'U1', createdBy: 'U1' }];
  for (let i = 0; i < OTHER_CONTRACTS; i += 1) contracts.push({ id: randomUUID(), workspaceId: ws, name: `C${i}`, nameKey: `c${i}`, vendor: 'V', end: '2027-06-30', deadline: '2027-06-30', ownerId: 'U1', createdBy: 'U1' });
  await db.contract.createMany({ data: contracts });
  await db.slaPolicy.create({ data: { contractId: target, workspaceId: ws, hours: 'business', uptimeTarget: 99.9 } });
  for (const p of ['p1', 'p2', 'p3', 'p4']) await db.slaTarget.create({ data: { contractId: target, workspaceId: ws, priority: p, response: '4h', resolution: '2d' } });
  const seedStart = performance.now();
  let number = 0;
  const make = (contractId: string, i: number) => {
    const opened = new Date(now.getTime() - ((i * 7919) % (400 * 24)) * HOUR);
    const open = i % 50 === 0;
    return {
      workspaceId: ws, number: ++number, contractId, priority: `p${(i % 4) + 1}`, summary: `Issue ${i}`, category: `cat${i % 7}`, openedAt: opened,
      respondedAt: open ? null : new Date(opened.getTime() + ((i % 9) + 1) * HOUR), resolvedAt: open ? null : new Date(opened.getTime() + ((i % 40) + 2) * HOUR), openedBy: 'U1',
    };
  };
  for (let b = 0; b < ISSUES; b += 2000) await db.vendorIssue.createMany({ data: Array.from({ length: Math.min(2000, ISSUES - b) }, (_, k) => make(target, b + k)) });
  const others = contracts.slice(1).flatMap((c, i) => Array.from({ length: 10 }, (_, k) => make(c.id, i * 10 + k)));
  for (let b = 0; b < others.length; b += 2000) await db.vendorIssue.createMany({ data: others.slice(b, b + 2000) });
  console.log(`seeded ${ISSUES} issues on one contract and ${others.length} on ${OTHER_CONTRACTS} others in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const contract = await db.contract.findUniqueOrThrow({ where: { id: target } });
  for (const [label, days] of [['period:30d', 30], ['period:366d (12 months, as on a renewal reminder)', 366]] as const) {
    const times: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const t0 = performance.now();
      const period = lastDays(days, now);
      const report = await slaReport(db, contract.id, 'Europe/Berlin', period.current, period.previous, now);
      slaStatusMessage(contract, report, period.title, 'Europe/Berlin');
      times.push(performance.now() - t0);
    }
    console.log(`/sla ${label} on a contract with ${ISSUES} issues: median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}) over 5 runs`);
  }
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
