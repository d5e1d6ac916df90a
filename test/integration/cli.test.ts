import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Each test runs the CLI as subprocesses (a second or more each, more on a loaded machine).
vi.setConfig({ testTimeout: 120_000 });
import { openDatabase, type Db } from '../../src/store/client.js';
import { startTestBot, teamsChannel, type TestBot } from '../helpers/bot-harness.js';
import { inChannel, TeamsDriver } from '../helpers/teams-driver.js';
import { SlackDouble } from '../helpers/slack-double.js';
import { runCli, type CliRun } from '../helpers/subprocess.js';

let dir: string;
let databaseUrl: string;
let slackApi: SlackDouble;
let db: Db;

async function cli(args: string[]): Promise<CliRun> {
  return runCli({ DATABASE_URL: databaseUrl, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: slackApi.apiUrl }, args);
}

/** Every run is as of the same moment, whatever today's date: the clock is the process's, moved. */
const cliWith = (variables: Record<string, string>, args: string[]): Promise<CliRun> => runCli(variables, args);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'renewal-desk-cli-'));
  databaseUrl = `file:${join(dir, 'cli.db')}`;
  slackApi = await new SlackDouble().start();
});
afterAll(async () => {
  await db?.$disconnect();
  await slackApi.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('renewal-desk CLI', () => {
  it('migrate creates the database and is idempotent', async () => {
    const first = await cli(['migrate']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied 1 migration|applied \d+ migration/);
    const second = await cli(['migrate']);
    expect(second.stdout).toContain('up to date');
    db = openDatabase(databaseUrl);
  });

  it('import refuses a file with a bad row, names the line, and stores nothing', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'workspace,name,vendor,end,notice,owner\nslack:T1,Globex Support,Globex,2027-03-31,60d,U1\nslack:T1,Broken,Acme,2027-02-30,10d,U1\n');
    const result = await cli(['import', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 3');
    expect(result.stderr).toContain('not a real calendar date');
    expect(await db.contract.count()).toBe(0);
  });

  it('imports, then exports the same contracts as CSV', async () => {
    const file = join(dir, 'good.csv');
    writeFileSync(
      file,
      'workspace,name,vendor,end,notice,owner,channel,value,per,tier\n' +
        'slack:T1,Globex Support,Globex,2027-03-31,60d,U1,C1,"12,000",year,1\n' +
        'T1,Initech,Initech,2027-01-15,30,U2,C1,900,month,2\n',
    );
    const result = await cli(['import', file]);
    expect(result.stdout).toContain('imported 2 contract(s)');
    expect(await db.contract.count()).toBe(2);
    expect(await db.reminder.count({ where: { status: 'planned' } })).toBeGreaterThan(4);
    const exported = await cli(['export']);
    const lines = exported.stdout.trim().split('\n');
    expect(lines[0]).toBe('workspace,name,vendor,services,start,end,notice,renewal,term,value,currency,per,tier,owner,channel,departments,status');
    expect(lines).toHaveLength(3);
    expect(exported.stdout).toContain('slack:T1,Globex Support,Globex,,,2027-03-31,60d,auto,12m,12000,USD,year,1,U1,C1,,active');
    // Importing the export again is refused as duplicates, and changes nothing.
    const again = join(dir, 'again.csv');
    writeFileSync(again, exported.stdout);
    expect((await cli(['import', again])).stderr).toContain('already exist');
  });

  it('tick --at runs one pass as of that instant, posts each due reminder once, and exits', async () => {
    // Globex: deadline 2027-01-30 (Sat); the 60-day step is 2026-12-01 (Tue) at 09:00 Berlin = 08:00Z.
    const early = await cli(['tick', '--at', '2026-12-01T08:59:00+01:00']);
    expect(early.code).toBe(0);
    expect(early.stdout).toContain('0 posted');
    // The 60-day reminder, and the pulse survey that opens 60 days before the deadline by default (SPEC §7).
    const due = await cli(['tick', '--at', '2026-12-01T09:00']);
    expect(due.stdout).toContain('2 posted');
    const again = await cli(['tick', '--at', '2026-12-01T09:30']);
    expect(again.stdout).toContain('0 posted');
    const posts = slackApi.callsTo('chat.postMessage');
    expect(posts.map((p) => String(p.body['text']).split(':')[0])).toEqual(['Renewal reminder', 'Pulse survey']);
    expect(posts.every((p) => String(p.body['text']).includes('Globex Support') && p.body['channel'] === 'C1')).toBe(true);
    expect((await cli(['tick', '--at', 'yesterday'])).code).toBe(1);
  });
});

describe('import without workspace and owner columns', () => {
  it('uses the only workspace and leaves the contract unowned for approvers to decide', async () => {
    const file = join(dir, 'plain.csv');
    writeFileSync(file, 'name,vendor,end,notice\nPlain Co,Plain,2027-05-31,30d\n');
    const result = await cli(['import', file]);
    expect(result.stdout).toContain('imported 1 contract(s)');
    const contract = await db.contract.findFirstOrThrow({ where: { name: 'Plain Co' } });
    expect(contract.workspaceId).toBe('slack:T1');
    expect(contract.ownerId).toBe('');
  });
});

describe('tick posts to Microsoft Teams with the same variables as the bot', () => {
  let t: TestBot;
  beforeAll(async () => {
    // A bot (not ticking itself) stores the conversation references as Teams messages reach it.
    t = await startTestBot({ now: '2026-11-23T10:00:00Z', teams: 'unauthenticated' });
    const teams = new TeamsDriver(t);
    await teams.run('contract add "Globex Support" vendor:Globex end:2027-01-31 notice:30d', 'owner', inChannel('renew'));
    await teams.run('contract add Initech vendor:Initech end:2027-01-31 notice:30d', 'owner', inChannel('ops'));
    t.teamsApi.reset();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const dueRows = () => t.bot.db.reminder.findMany({ where: { workspaceId: 'teams:tenant-1', step: 'd30' }, orderBy: { channelId: 'asc' } });

  it('keeps Teams reminders without using attempts while Teams is not configured, then posts them once it is', { timeout: 120_000 }, async () => {
    expect(await dueRows()).toHaveLength(2);
    // Both 30-day reminders are due at 2026-12-02 09:00 UTC, in two channels.
    for (const at of ['2026-12-02T09:00:00Z', '2026-12-02T09:05:00Z']) {
      const off = await cliWith({ DATABASE_URL: t.databaseUrl }, ['tick', '--at', at]);
      expect(off.code).toBe(0);
      expect(off.stdout).toContain('0 posted');
      expect(off.stdout).toContain('0 failed');
      expect(off.stdout).toContain('2 left for the next pass');
      // Said once per pass, not once per reminder.
      expect(off.stdout.match(/teams is not connected/g)).toHaveLength(1);
    }
    expect(t.teamsApi.sends()).toHaveLength(0);
    for (const row of await dueRows()) {
      expect(['planned', 'failed']).toContain(row.status);
      expect(row.attempts).toBe(0);
      expect(row.nextAttemptAt).toBeNull();
    }

    const on = await cliWith({ DATABASE_URL: t.databaseUrl, TEAMS_UNAUTHENTICATED: '1' }, ['tick', '--at', '2026-12-02T09:10:00Z']);
    expect(on.stderr).toBe('');
    expect(on.code).toBe(0);
    expect(on.stdout).toContain('2 posted (0 late), 0 failed');
    // Posted through the Bot Framework connector double the stored references point at.
    const renew = t.teamsApi.sends(teamsChannel('renew'));
    const ops = t.teamsApi.sends(teamsChannel('ops'));
    expect(renew).toHaveLength(1);
    expect(ops).toHaveLength(1);
    expect(renew[0]!.conversationId).toBe(teamsChannel('renew'));
    expect(String(renew[0]!.body['summary'])).toMatch(/Globex Support.*2027-01-01/);
    expect(String(ops[0]!.body['summary'])).toContain('Initech');
    const rows = await dueRows();
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(rows.map((r) => r.messageId)).toEqual(expect.arrayContaining([renew[0]!.id, ops[0]!.id]));

    const again = await cliWith({ DATABASE_URL: t.databaseUrl, TEAMS_UNAUTHENTICATED: '1' }, ['tick', '--at', '2026-12-02T09:15:00Z']);
    expect(again.stdout).toContain('0 posted');
    expect(t.teamsApi.sends()).toHaveLength(2);
  });
});

describe('the CLI clock (RENEWAL_DESK_NOW, --now)', () => {
  it('plans an import as of --now: later on, fewer reminder steps are still ahead', async () => {
    const file = join(dir, 'clock.csv');
    writeFileSync(file, 'workspace,name,vendor,end,tier\nslack:T9,Clock Co,Clock,2027-03-31,2\n');
    const planned = async (now: string) => {
      const url = `file:${join(dir, `clock-${now.slice(0, 10)}.db`)}`;
      // --now wins over RENEWAL_DESK_NOW, and may stand anywhere on the line.
      const result = await cliWith({ DATABASE_URL: url }, ['import', file, '--now', now]);
      expect(result.stdout).toContain('imported 1 contract(s)');
      const other = openDatabase(url);
      try {
        return (await other.reminder.findMany({ where: { status: 'planned', contractId: { not: null } }, select: { step: true } })).map((r) => r.step).sort();
      } finally {
        await other.$disconnect();
      }
    };
    // Tier 2 steps: 90, 60, 30, 14, 7, 1 days before 2027-03-31, then the day after; the pulse survey 60 days before.
    const early = await planned('2026-11-23T10:00:00Z');
    const late = await planned('2027-02-20T10:00:00Z');
    expect(early.length - late.length).toBe(3);
  });

  it('refuses a moved clock in production, and a value that is not an instant', async () => {
    const production = await cliWith({ DATABASE_URL: databaseUrl, NODE_ENV: 'production' }, ['tick']);
    expect(production.code).toBe(1);
    expect(production.stderr).toContain('RENEWAL_DESK_NOW');
    expect(production.stderr).toContain('tests only');
    const bad = await cliWith({ DATABASE_URL: databaseUrl }, ['tick', '--now', 'tomorrow']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('not an instant');
    expect(bad.stderr).toContain('2026-11-23T10:00:00Z');
  });
});

describe('CLI errors', () => {
  it('shows our message, never a library\'s, when the database fails under it', async () => {
    const url = `file:${join(dir, 'broken.db')}`;
    expect((await cliWith({ DATABASE_URL: url }, ['migrate'])).code).toBe(0);
    const broken = openDatabase(url);
    await broken.$executeRawUnsafe('DROP TABLE "Reminder"');
    await broken.$disconnect();
    const result = await cliWith({ DATABASE_URL: url }, ['tick', '--at', '2026-12-01T09:00:00Z']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('something went wrong on our side; nothing was changed');
    expect(result.stderr).not.toMatch(/prisma|Reminder|SQLITE|at .*\.ts/i);
    const debug = await cliWith({ DATABASE_URL: url, LOG_LEVEL: 'debug' }, ['tick', '--at', '2026-12-01T09:00:00Z']);
    expect(debug.stderr).toContain('Reminder');
  });
});
