// The bot as a user runs it (`npm start`: the compiled dist/main.js), in its own process, with Slack
// pointing at the bench's Slack double; and signed slash commands timed until their answer arrives.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { signSlackRequest } from '../../test/helpers/slack-signer.js';
import type { SlackDouble } from '../../test/helpers/slack-double.js';
import { BENCH_NOW } from './seed.js';

const SECRET = 'bench-signing-secret';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface BotProcess {
  child: ChildProcess;
  port: number;
  /** Resident memory now and at its peak, MiB (from /proc). */
  memory(): { rssMiB: number; peakMiB: number };
  stop(): Promise<void>;
}

/** What `npm start` runs after `node` (its V8 flags and dist/main.js). */
function startArguments(): string[] {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start.split(' ');
  if (start[0] !== 'node') throw new Error(`npm start does not run node: ${start.join(' ')}`);
  return start.slice(1);
}

/** Starts the bot as `npm start` does, on `databaseUrl`, its clock at the bench's instant; resolves once /healthz answers. */
export async function startBot(databaseUrl: string, slackApiUrl: string): Promise<BotProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, startArguments(), {
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slackApiUrl,
      RENEWAL_DESK_NOW: BENCH_NOW.toISOString(), DEFAULT_TIMEZONE: 'Europe/Berlin', LOG_LEVEL: 'warn', NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  if (process.env.BENCH_BOT_OUTPUT) child.stderr!.pipe(process.stderr);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let stopping = false;
  void exited.then((code) => {
    if (!stopping) console.error(`the bot exited (${code}) while the bench ran:\n${output.slice(-3000)}`);
  });
  for (let tries = 0; ; tries += 1) {
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (up) break;
    if (child.exitCode !== null || tries > 600) throw new Error(`the bot did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const status = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  return {
    child,
    port,
    memory: () => ({ rssMiB: status('VmRSS'), peakMiB: status('VmHWM') }),
    stop: async () => {
      stopping = true;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function postForm(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...signSlackRequest(SECRET, body) };
    const request = http.request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Sends signed slash commands the way Slack does and measures each until its private answer (the
 * response_url call) reaches the Slack double: what the user waits for.
 */
export class CommandTimer {
  private sent = 0;
  private readonly answers = new Map<string, (text: string) => void>();

  constructor(
    private readonly bot: BotProcess,
    private readonly slack: SlackDouble,
  ) {
    slack.onCall = (call) => {
      if (call.method !== 'response_url' || !call.responseId) return;
      this.answers.get(call.responseId)?.(JSON.stringify(call.body));
      this.answers.delete(call.responseId);
    };
  }

  /** One command; its time in ms and the answer's text. */
  async time(command: string, text: string): Promise<{ ms: number; answer: string }> {
    const id = `bench-${(this.sent += 1)}`;
    const body = new URLSearchParams({
      token: 'legacy', team_id: 'TBENCH', team_domain: 'bench', channel_id: 'C0001BENCH', channel_name: 'renewals', user_id: 'U0001', user_name: 'u0001',
      command, text, api_app_id: 'A1', is_enterprise_install: 'false', response_url: this.slack.responseUrl(id), trigger_id: `trigger-${id}`,
    }).toString();
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<string>((resolve, reject) => {
      this.answers.set(id, resolve);
      timer = setTimeout(() => {
        const other = this.slack.calls.slice(-5).map((c) => c.method).join(', ');
        reject(new Error(`${command} ${text}: no answer on its response_url within 30 s (last calls to Slack: ${other})`));
      }, 30_000);
    });
    const started = performance.now();
    const status = await postForm(this.bot.port, body);
    if (status !== 200) throw new Error(`${command} ${text}: HTTP ${status}`);
    const answer = await answered.finally(() => clearTimeout(timer));
    return { ms: performance.now() - started, answer };
  }

  /** `count` commands from `next()`, `concurrency` at a time; their times in ms. */
  async run(next: () => { command: string; text: string }, count: number, concurrency: number): Promise<number[]> {
    const times: number[] = [];
    let started = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (started < count) {
        started += 1;
        const { command, text } = next();
        times.push((await this.time(command, text)).ms);
      }
    }));
    return times;
  }
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}
