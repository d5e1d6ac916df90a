import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PLATFORM_VARIABLES } from '../helpers/subprocess.js';

// `npm start` as a newcomer runs it: a subprocess that migrates, seeds the demo and listens (seconds).
vi.setConfig({ testTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'renewal-desk-sandbox-'));
let child: ChildProcess | null = null;
afterAll(() => {
  child?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts dist/main.js with no platform variable; resolves with its output once it printed the console URL. */
function start(): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${join(dir, 'sandbox.db')}`, PORT: '0', RENEWAL_DESK_NOW: '2026-11-23T10:00:00Z' };
  for (const name of PLATFORM_VARIABLES) if (name !== 'RENEWAL_DESK_NOW') delete env[name];
  child = spawn(process.execPath, ['dist/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no console URL within 90 s:\n${out}`)), 90_000);
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/Open the console in your browser: +http:\S+\n/.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child!.stderr!.on('data', (chunk: Buffer) => void (out += chunk.toString()));
    child!.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
}

describe('npm start with no Slack or Teams credentials', () => {
  it('says it is a local sandbox, seeds the demo and prints the console URL, which serves the console', async () => {
    const out = await start();
    expect(out).toContain('(this machine only)');
    expect(out).toContain('running as a local sandbox with a demo workspace');
    expect(out).toMatch(/demo workspace seeded \(\d+ commands\)/);
    expect(out).not.toContain('refused');
    const url = /Open the console in your browser: +(http:\S+)/.exec(out)![1]!;
    expect(url).toMatch(/^http:\/\/localhost:\d+\/$/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Renewal reminder: Salesforce Sales Cloud');
    expect(html).toContain('Run the scheduler');
  });
});
