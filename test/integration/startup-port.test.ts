import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// `npm start` as a subprocess (a few seconds on a loaded machine).
vi.setConfig({ testTimeout: 120_000 });

const PLATFORM_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID', 'MICROSOFT_APP_TYPE', 'TEAMS_UNAUTHENTICATED', 'RENEWAL_DESK_NOW'];

let dir: string;
let taken: Server;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'renewal-desk-port-'));
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, resolve));
  port = (taken.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => taken.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function start(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const full: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of PLATFORM_VARIABLES) delete full[name];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: full, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // A start-up that does not end is what this catches: the bot would otherwise run on.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm start on a port another process holds', () => {
  it('exits with one line naming PORT and an example, and never claims to be listening', async () => {
    const run = await start({ DATABASE_URL: `file:${join(dir, 'bot.db')}`, PORT: String(port), LOG_LEVEL: 'info' });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('listening on');
    expect(run.stderr).toContain(`PORT: port ${port} is already in use by another process`);
    expect(run.stderr).toContain('such as PORT=3978');
    expect(run.stderr).not.toMatch(/EADDRINUSE|at .*\.js:\d+/);
  });
});
