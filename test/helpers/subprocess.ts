import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Every variable that connects a platform or moves the clock: a run gets only those it is given. */
export const PLATFORM_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID', 'MICROSOFT_APP_TYPE', 'TEAMS_UNAUTHENTICATED', 'RENEWAL_DESK_NOW'];

/** The moment CLI runs are as of, whatever today's date (before the first reminder of the test contracts). */
export const CLI_NOW = '2026-11-23T10:00:00Z';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** This process's environment without any platform variable, plus `variables`. */
function environment(variables: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of PLATFORM_VARIABLES) delete env[name];
  return Object.assign(env, variables);
}

/** `renewal-desk <args>` as a subprocess, as of CLI_NOW (unless `variables` say otherwise); its exit code and output. */
export async function runCli(variables: Record<string, string>, args: string[], timeoutMs = 60_000): Promise<CliRun> {
  const env = environment({ DEFAULT_TIMEZONE: 'Europe/Berlin', RENEWAL_DESK_NOW: CLI_NOW, ...variables });
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/renewal-desk.js', ...args], { env, timeout: timeoutMs });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * `renewal-desk <args>` read by a slow consumer: its stdout (a socket, as a parent process gets it)
 * is not read for `pauseMs`, so the CLI's output backs up before anything is taken, and then only a
 * chunk at a time.
 */
export function runCliReadSlowly(variables: Record<string, string>, args: string[], pauseMs: number): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/renewal-desk.js', ...args], { env: environment({ DEFAULT_TIMEZONE: 'Europe/Berlin', RENEWAL_DESK_NOW: CLI_NOW, ...variables }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.pause();
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    // Then each chunk is taken a moment after the one before: the writer is always ahead.
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 20);
    });
    setTimeout(() => child.stdout.resume(), pauseMs);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export interface EntryRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Still running after `killAfterMs`: a hang. */
  killed: boolean;
}

/**
 * Runs a Node entry point (`bin/renewal-desk.js …`, `dist/main.js`) with `variables`;
 * resolves when it exits, or when stdout matches `until` (then stops it with SIGTERM).
 */
export function runEntry(args: string[], variables: NodeJS.ProcessEnv, options: { until?: RegExp; killAfterMs: number }): Promise<EntryRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: environment(variables), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, options.killAfterMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.until?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    });
  });
}
