import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** A scheduler pass in its own process: `renewal-desk tick --at <at>`, as cron or a replica would run it. */
export interface TickProcess {
  child: ChildProcess;
  /** Resolves with the exit code (null after a signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

export function startTick(at: string, env: Record<string, string>): TickProcess {
  const child = spawn(process.execPath, [resolve('bin/renewal-desk.js'), 'tick', '--at', at], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Keep the summary and any errors, not the line per post.
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line && !line.startsWith('posted ')) output += `${line}\n`;
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((done) => {
    child.once('exit', (code, signal) => done({ code, signal, output }));
  });
  return { child, exited };
}

/** The environment of a scheduler process that posts to the Slack double at `apiUrl` (a bot token is all posting needs). */
export function schedulerEnv(databaseUrl: string, apiUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: apiUrl,
    DEFAULT_TIMEZONE: 'UTC',
    ...extra,
  };
}

/** A scheduler process started ahead (test/helpers/pass-runner.ts): `go(at)` runs its pass. */
export interface StandbyScheduler extends TickProcess {
  ready: Promise<void>;
  go: (at: string) => void;
}

export function startStandby(env: Record<string, string>): StandbyScheduler {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('test/helpers/pass-runner.ts')], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((done) => (signalReady = done));
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line === 'ready') signalReady();
      else if (line && !line.startsWith('posted ')) output += `${line}\n`;
    }
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((done) => {
    child.once('exit', (code, signal) => {
      signalReady();
      done({ code, signal, output });
    });
  });
  return { child, exited, ready, go: (at) => void child.stdin!.end(`${at}\n`) };
}
