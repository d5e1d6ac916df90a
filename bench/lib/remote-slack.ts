// The Slack double in a process of its own, as Slack is another machine: what the pass pays is its
// own work, not the double's parsing of every post on the same thread.
//   The parent side: `startRemoteSlack()`. The child: this file run with `--import tsx` and an IPC channel.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { deliveryFigures } from '../../test/helpers/due-reminders.js';
import { SlackDouble } from '../../test/helpers/slack-double.js';

type Request =
  | { id: number; op: 'limit'; intervalMs: number }
  | { id: number; op: 'keepRaw' }
  | { id: number; op: 'takeRaw' }
  | { id: number; op: 'reset' }
  | { id: number; op: 'figures'; reminders: number };

export interface RemoteSlack {
  apiUrl: string;
  /** Slack's per-channel limit (429 to a post sooner than `intervalMs` after the last one in its channel). */
  limitPostsPerChannel(intervalMs: number): Promise<void>;
  /** Keeps the raw bodies of the posts from now on. */
  keepRawPosts(): Promise<void>;
  takeRawPosts(): Promise<{ body: string; contentType: string }[]>;
  reset(): Promise<void>;
  /** What became of the first `reminders` seeded reminders, and how many posts got 429. */
  figures(reminders: number): Promise<{ lost: number; duplicates: number; posted: number; rateLimited: number }>;
  stop(): Promise<void>;
}

export async function startRemoteSlack(): Promise<RemoteSlack> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, (value: unknown) => void>();
  let next = 0;
  child.on('message', (m: { id: number; value: unknown }) => {
    waiting.get(m.id)?.(m.value);
    waiting.delete(m.id);
  });
  const ask = <T>(request: Record<string, unknown>): Promise<T> =>
    new Promise((resolve) => {
      next += 1;
      waiting.set(next, resolve as (value: unknown) => void);
      child.send({ ...request, id: next });
    });
  const apiUrl = await new Promise<string>((resolve) => child.once('message', (m: { apiUrl: string }) => resolve(m.apiUrl)));
  return {
    apiUrl,
    limitPostsPerChannel: (intervalMs) => ask({ op: 'limit', intervalMs }),
    keepRawPosts: () => ask({ op: 'keepRaw' }),
    takeRawPosts: () => ask({ op: 'takeRaw' }),
    reset: () => ask({ op: 'reset' }),
    figures: (reminders) => ask({ op: 'figures', reminders }),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  const slack = await new SlackDouble().start();
  const answer = (id: number, value: unknown = null) => process.send!({ id, value });
  process.on('message', (r: Request) => {
    switch (r.op) {
      case 'limit':
        slack.limitPostsPerChannel(r.intervalMs);
        return answer(r.id);
      case 'keepRaw':
        slack.rawPosts = [];
        return answer(r.id);
      case 'takeRaw': {
        const raw = slack.rawPosts ?? [];
        slack.rawPosts = null;
        return answer(r.id, raw);
      }
      case 'reset':
        slack.reset();
        return answer(r.id);
      case 'figures': {
        const { lost, duplicates } = deliveryFigures(slack.posted(), r.reminders);
        return answer(r.id, { lost: lost.length, duplicates, posted: slack.posted().length, rateLimited: slack.rateLimited });
      }
    }
  });
  process.on('SIGTERM', () => void slack.stop().then(() => process.exit(0)));
  process.on('disconnect', () => process.exit(0));
  process.send({ apiUrl: slack.apiUrl });
}
