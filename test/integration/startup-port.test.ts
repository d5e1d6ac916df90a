import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runEntry } from '../helpers/subprocess.js';

// `npm start` as a subprocess (a few seconds on a loaded machine).
vi.setConfig({ testTimeout: 120_000 });

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

// A start-up that does not end is what this catches: the bot would otherwise run on.
const start = (variables: NodeJS.ProcessEnv) => runEntry(['dist/main.js'], variables, { killAfterMs: 60_000 });

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
