import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startBot } from '../../src/server/bot.js';
import { ConsoleClient, startConsoleBot, type ConsoleBot } from '../helpers/console-bot.js';
import { withDatabase } from '../helpers/database.js';
import { runCli } from '../helpers/subprocess.js';

// Seeding runs about 130 commands (a few seconds on a busy machine).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let t: ConsoleBot;
beforeAll(async () => {
  t = await startConsoleBot({ seed: true, now: '2026-11-23T10:00:00Z' });
});
afterAll(async () => {
  await t.stop();
});

describe('the sandbox demo workspace', () => {
  it('is seeded through the commands, none refused: contracts across tiers, SLA evidence, a decision, a proposal, a leaver', async () => {
    expect(t.logs.filter((l) => l.includes('refused'))).toEqual([]);
    expect(t.logs.some((l) => /demo workspace seeded \(\d+ commands\)/.test(l))).toBe(true);
    await withDatabase(t.databaseUrl, async (db) => {
      const contracts = await db.contract.findMany({ where: { workspaceId: 'console:demo', status: 'active' } });
      expect(contracts).toHaveLength(7);
      expect(new Set(contracts.map((c) => c.tier))).toEqual(new Set([1, 2, 3]));
      expect(contracts.every((c) => c.ownerId.startsWith('UDEMO'))).toBe(true);
      const workspace = await db.workspace.findUniqueOrThrow({ where: { id: 'console:demo' } });
      expect(JSON.parse(workspace.approvers)).toEqual(['UDEMODANA', 'UDEMOSAM']);
      const issues = await db.vendorIssue.findMany({ where: { workspaceId: 'console:demo' } });
      expect(issues.length).toBeGreaterThanOrEqual(30);
      expect(issues.filter((i) => i.resolvedAt === null)).toHaveLength(1);
      expect(await db.outage.count({ where: { workspaceId: 'console:demo', maintenance: false } })).toBeGreaterThanOrEqual(3);
      const decisions = await db.decision.findMany({ where: { workspaceId: 'console:demo' } });
      expect(decisions.map((d) => `${d.choice}:${d.status}`).sort()).toEqual(['renegotiate:pending', 'renew:final']);
      const leaver = await db.person.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: 'console:demo', userId: 'UDEMOLEE' } } });
      expect(leaver.leavingOn).toBe('2026-12-17');
      // In the panel: this month's first business day as the scheduler ran it (the monthly report and
      // last month's service credit), the proposal waiting for the second approver, the open survey.
      const posts = await db.consoleEntry.findMany({ orderBy: { id: 'asc' } });
      const shown = posts.map((p) => `${p.kind} ${(JSON.parse(p.body) as { text: string }).text.split(/[:(]/)[0]}`);
      // The report and the credit go out side by side in that pass (one lane per subject).
      expect([...shown.slice(0, 2).sort(), ...shown.slice(2)]).toEqual([
        'post Monthly SLA report for October 2026', 'post Service credit C-1', 'post Renewal reminder', 'post Pulse survey',
      ]);
      const credits = await db.credit.findMany({ where: { workspaceId: 'console:demo' } });
      expect(credits.map((c) => ({ month: c.month, percent: c.percent, amount: c.amount, currency: c.currency, status: c.status, claimDeadline: c.claimDeadline }))).toEqual([
        { month: '2026-10', percent: 25, amount: 2000, currency: 'USD', status: 'due', claimDeadline: '2026-12-15' },
      ]);
      const survey = await db.survey.findFirstOrThrow({ where: { workspaceId: 'console:demo', closedAt: null } });
      expect(await db.surveyVote.count({ where: { surveyId: survey.id } })).toBe(3);
      expect(await db.surveyComment.count({ where: { surveyId: survey.id } })).toBe(2);
      // No reminder is due at the moment of seeding: the first ones come in days.
      expect(await db.reminder.count({ where: { workspaceId: 'console:demo', status: 'planned', dueAt: { lte: new Date('2026-11-23T10:00:00Z') } } })).toBe(0);
    });
  });

  it('gives the contract pages 12 months of SLA points, with breaches', async () => {
    const browser = new ConsoleClient(t.baseUrl);
    const calendar = await browser.get('/renewals');
    const id = /href="\/contracts\/([0-9a-f-]{36})"[^>]*>Globex Managed Network/.exec(calendar.text)?.[1];
    expect(id).toBeDefined();
    const page = await browser.get(`/contracts/${id}`);
    expect(page.status).toBe(200);
    const charts = page.text.split('<svg class="chart"').slice(1);
    expect(charts).toHaveLength(2);
    for (const chart of charts) {
      const months = chart.split('<g class="month"').slice(1);
      expect(months).toHaveLength(12);
      for (const month of months) expect(month).toMatch(/<circle class="point/);
    }
    const compliance = charts[0]!;
    expect((compliance.match(/class="point response/g) ?? []).length).toBeGreaterThanOrEqual(10);
    expect(compliance).toMatch(/class="point (response|resolution) missed"/);
    expect(charts[1]!).toMatch(/class="point uptime missed"/);
    expect(page.text).toContain('Maria Lopez');
    expect(page.text).toContain('Decision history');
    expect((await browser.get('/contracts/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await browser.get('/contracts/..%2F..%2Fetc')).status).toBe(404);
  });

  it('offers the next first business day under Next reminders, whose run posts the credit this month\'s outage earned', async () => {
    const browser = new ConsoleClient(t.baseUrl);
    const page = await browser.get('/');
    expect(page.text).toMatch(/<b>2026-12-01 09:00<\/b> Monthly SLA reports, and service credits earned in November 2026/);
    expect((await browser.post('/console/scheduler', { at: '2026-12-01T09:00' })).status).toBe(303);
    const after = await browser.get('/');
    expect(after.text).toContain('Service credit C-2: Globex Managed Network, November 2026');
    expect(after.text).toContain('800.00 USD');
    expect(after.text).toContain('Monthly SLA report: November 2026');
    await withDatabase(t.databaseUrl, async (db) => {
      expect((await db.credit.findMany({ orderBy: { number: 'asc' } })).map((c) => `${c.month} ${c.percent} % ${c.amount}`)).toEqual(['2026-10 25 % 2000', '2026-11 10 % 800']);
    });
  });

  it('is seeded once: a restart on the same database adds nothing', async () => {
    const config = loadConfig({ PORT: '0', DATABASE_URL: t.databaseUrl, DEFAULT_TIMEZONE: 'UTC' });
    const again = await startBot({ config, clock: t.clock.now, log: () => undefined, scheduler: false });
    try {
      expect(again.console.mode).toBe('sandbox');
      expect(await again.db.contract.count()).toBe(7);
      expect(await again.db.workspace.count()).toBe(1);
    } finally {
      await again.stop();
    }
  });
});

describe('the demo seeded on the first of a month, before its first business day', () => {
  it('evaluates the month before the last first business day, and puts this month\'s outage in the month evaluated next', async () => {
    // Sunday 2026-11-01: the last run was 2026-10-01 (September evaluated); the next is Monday 2026-11-02 (October).
    const early = await startConsoleBot({ seed: true, now: '2026-11-01T08:00:00Z' });
    try {
      expect(early.logs.filter((l) => l.includes('refused'))).toEqual([]);
      await withDatabase(early.databaseUrl, async (db) => {
        expect((await db.credit.findMany()).map((c) => `${c.number} ${c.month} ${c.percent} %`)).toEqual(['1 2026-09 25 %']);
        expect(await db.reminder.count({ where: { workspaceId: 'console:demo', status: 'planned', dueAt: { lte: new Date('2026-11-01T08:00:00Z') } } })).toBe(0);
      });
      const browser = new ConsoleClient(early.baseUrl);
      await browser.get('/');
      await browser.post('/console/scheduler', { at: '2026-11-02T09:00' });
      expect((await browser.get('/')).text).toContain('Service credit C-2: Globex Managed Network, October 2026');
    } finally {
      await early.stop();
    }
  });
});

describe('seeding happens only when the bot starts', () => {
  it('renewal-desk tick on an empty database does not seed it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'renewal-desk-noseed-'));
    try {
      const url = `file:${join(dir, 'tick.db')}`;
      const run = await runCli({ DATABASE_URL: url }, ['tick']);
      expect(run.code, run.stderr).toBe(0);
      expect(await withDatabase(url, (db) => db.workspace.count())).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
