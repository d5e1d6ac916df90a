import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/store/client.js';
import { applyMigrations } from '../../src/store/migrations.js';
import { SlackDouble } from '../helpers/slack-double.js';

const run = promisify(execFile);
let dir: string;
let databaseUrl: string;
let slackApi: SlackDouble;
let db: Db;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: slackApi.apiUrl, DEFAULT_TIMEZONE: 'Europe/Berlin' };
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/renewal-desk.js', ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

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
    const due = await cli(['tick', '--at', '2026-12-01T09:00']);
    expect(due.stdout).toContain('1 posted');
    const again = await cli(['tick', '--at', '2026-12-01T09:30']);
    expect(again.stdout).toContain('0 posted');
    const posts = slackApi.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(String(posts[0]!.body['text'])).toContain('Globex Support');
    expect(posts[0]!.body['channel']).toBe('C1');
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
