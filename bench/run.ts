// npm run bench: times a scheduler pass over a large ledger (10,000 contracts, one due) on SQLite.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDays } from '../src/domain/days.js';
import { planCycle } from '../src/domain/reminder-plan.js';
import type { Delivery } from '../src/messages/delivery.js';
import { runPass } from '../src/scheduler/pass.js';
import { openDatabase } from '../src/store/client.js';
import { applyMigrations } from '../src/store/migrations.js';

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'renewal-desk-bench-'));
const url = `file:${join(dir, 'bench.db')}`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  await applyMigrations(url);
  const db = openDatabase(url);
  const workspace = { id: 'slack:TBENCH', timezone: 'Europe/Berlin', reminderTime: '09:00' };
  await db.workspace.create({ data: { id: workspace.id, platform: 'slack', timezone: workspace.timezone } });
  const today = '2026-11-23';
  const seedStart = performance.now();
  for (let batch = 0; batch < CONTRACTS; batch += 1000) {
    const contracts = [];
    const reminders = [];
    for (let i = batch; i < Math.min(batch + 1000, CONTRACTS); i += 1) {
      // Ends spread over the next three years; contract 0 has its 30-day reminder due on 2026-12-02.
      const end = i === 0 ? '2027-01-31' : addDays('2027-06-01', i % 1000);
      const c = { id: randomUUID(), workspaceId: workspace.id, name: `Contract ${i}`, nameKey: `contract ${i}`, vendor: `Vendor ${i % 300}`, end, noticeDays: 30, deadline: addDays(end, -30), ownerId: 'U1', channelId: `C${i % 200}`, createdBy: 'U1', tier: 2 };
      contracts.push(c);
      for (const step of planCycle({ start: null, end, noticeDays: 30, renewal: 'auto', termMonths: 12, tier: 2 }, workspace, { from: today, decided: false })) {
        reminders.push({ workspaceId: workspace.id, subject: `contract:${c.id}`, contractId: c.id, cycle: 1, kind: step.kind, step: step.step, dueAt: step.dueAt });
      }
    }
    await db.contract.createMany({ data: contracts });
    await db.reminder.createMany({ data: reminders });
  }
  const rows = await db.reminder.count();
  console.log(`seeded ${CONTRACTS} contracts, ${rows} ledger rows in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  let posted = 0;
  const delivery: Delivery = {
    post: async () => ({ ok: true, messageId: String(++posted) }),
    update: async () => ({ ok: true, messageId: null }),
    limits: () => [],
  };
  const deps = { db, delivery, clock: () => new Date() };

  const idle: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const t0 = performance.now();
    await runPass(deps, new Date('2026-12-01T12:00:00Z'));
    idle.push(performance.now() - t0);
  }
  const t0 = performance.now();
  const report = await runPass(deps, new Date('2026-12-02T08:00:00Z'));
  const due = performance.now() - t0;
  console.log(`pass with nothing due: median ${median(idle).toFixed(2)} ms over 20 runs`);
  console.log(`pass with 1 of ${CONTRACTS} contracts due: ${due.toFixed(2)} ms, posted ${report.posted}`);
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
  if (report.posted !== 1) throw new Error(`expected exactly one post, got ${report.posted}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
