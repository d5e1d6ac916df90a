import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from './seeded-random.js';

/** One call the bot made to the Slack Web API (or to a response_url). */
export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  /** When it arrived (Date.now()). */
  at: number;
  /** Whether it was answered with success (not a scripted failure or a rate limit). */
  ok: boolean;
  /** chat.postMessage answered with success: the `ts` of the new message. */
  ts?: string;
  /** A response_url call: the id in its URL (`responseUrl(id)`), which names the request it answers. */
  responseId?: string;
}

/** An HTTP status (429 with Retry-After, 5xx), a Slack error code, or a connection reset (no answer at all). */
type Failure = { status: number; retryAfter?: number } | { error: string } | { reset: true };
interface FailureRule {
  method: string;
  channel?: string;
  times: number;
  failure: Failure;
}

const JSON_FIELDS = ['blocks', 'attachments', 'view'];
/** Messages get ts 1700000001.000100, 1700000002.000100, … */
const FIRST_TS = 1_700_000_000;

/**
 * A local HTTP double of the Slack Web API (`SLACK_API_URL`) that records every call. Failures can be
 * scripted per method and channel (HTTP 500, 429 with Retry-After, or a Slack error code).
 */
export class SlackDouble {
  readonly calls: SlackCall[] = [];
  private server: Server | null = null;
  private failures: FailureRule[] = [];
  private waiters: { check: () => void }[] = [];
  private ts = FIRST_TS;
  private perChannel: { intervalMs: number; retryAfter: number; toleranceMs: number } | null = null;
  private random: { method: string; share: number; failures: Failure[]; next: () => number } | null = null;
  private readonly lastPost = new Map<string, number>();
  /** chat.postMessage calls answered with 429 by the per-channel limit. */
  rateLimited = 0;
  /** Milliseconds before each Web API answer (a real Slack answers in ~100 ms, loopback in ~1). */
  latencyMs = 0;
  /** Hears of every call as it arrives (the bench times answers by it). */
  onCall: ((call: SlackCall) => void) | null = null;
  /** When set, the raw bodies of the chat.postMessage calls are kept here (the bench replays them). */
  rawPosts: { body: string; contentType: string }[] | null = null;
  port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id = 'r1'): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readBody(req).then(async (raw) => {
        const body = parseBody(raw, req.headers['content-type'] ?? '');
        const path = req.url ?? '';
        const method = path.startsWith('/response/') ? 'response_url' : path.replace(/^\/api\//, '').split('?')[0]!;
        const failure = this.takeFailure(method, body) ?? this.randomFailure(method) ?? this.channelLimit(method, body);
        const call: SlackCall = { method, body, at: Date.now(), ok: failure === null, ...(method === 'response_url' && { responseId: decodeURIComponent(path.slice('/response/'.length)) }) };
        const answer = failure ? null : this.answer(method, body);
        if (answer && method === 'chat.postMessage') call.ts = String(answer['ts']);
        this.calls.push(call);
        if (this.rawPosts && method === 'chat.postMessage') this.rawPosts.push({ body: raw, contentType: req.headers['content-type'] ?? '' });
        this.onCall?.(call);
        this.waiters.forEach((w) => w.check());
        if (this.latencyMs > 0 && method !== 'response_url') await new Promise((r) => setTimeout(r, this.latencyMs));
        if (failure && 'reset' in failure) {
          req.socket.destroy();
          return;
        }
        if (failure && 'status' in failure) {
          res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.retryAfter !== undefined && { 'retry-after': String(failure.retryAfter) }) });
          res.end(JSON.stringify({ ok: false, error: failure.status === 429 ? 'ratelimited' : 'internal_error' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(failure ? { ok: false, error: failure.error } : answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next `times` calls of `method` (to `channel`, if given) fail as described. */
  fail(method: string, failure: Failure, options: { channel?: string; times?: number } = {}): void {
    this.failures.push({ method, failure, channel: options.channel, times: options.times ?? 1 });
  }

  /**
   * From now on, a `share` of the calls of `method` (0.5: half) fail, each with one of `failures`
   * picked at random; the same `seed` fails the same calls. `null` stops it.
   */
  failRandomly(method: string, options: { share: number; failures: Failure[]; seed?: number } | null): void {
    this.random = options && { method, share: options.share, failures: options.failures, next: seededRandom(options.seed ?? 1) };
  }

  /**
   * Slack's per-channel limit on chat.postMessage (about one message per second per channel): a post
   * that comes sooner than `intervalMs` (less a tolerance for network jitter) after the last one
   * accepted in its channel gets 429 with Retry-After.
   */
  limitPostsPerChannel(intervalMs: number, options: { retryAfter?: number; toleranceMs?: number } = {}): void {
    this.perChannel = { intervalMs, retryAfter: options.retryAfter ?? 1, toleranceMs: options.toleranceMs ?? 50 };
  }

  /** The chat.postMessage calls that were accepted (each one a message in a channel). */
  posted(): SlackCall[] {
    return this.calls.filter((c) => c.method === 'chat.postMessage' && c.ok);
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * Resolves once `count` calls of `method` (or calls that `match`) have arrived, with all of them;
   * rejects after a bounded wait, listing what did arrive.
   */
  async waitFor(match: string | ((call: SlackCall) => boolean), count = 1, timeoutMs = 5000): Promise<SlackCall[]> {
    const test = typeof match === 'string' ? (c: SlackCall) => c.method === match : match;
    return new Promise((resolve, reject) => {
      const waiter = {
        check: () => {
          const matching = this.calls.filter(test);
          if (matching.length >= count) {
            clearTimeout(timer);
            this.waiters = this.waiters.filter((w) => w !== waiter);
            resolve(matching);
          }
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${count} × ${typeof match === 'string' ? match : 'matching calls'}; got ${this.calls.filter(test).length} (all: ${this.calls.map((c) => c.method).join(', ')})`));
      }, timeoutMs);
      this.waiters.push(waiter);
      waiter.check();
    });
  }

  reset(): void {
    this.calls.length = 0;
    this.failures = [];
    this.random = null;
    this.lastPost.clear();
    this.rateLimited = 0;
  }

  /** As new: `reset`, and message ids, latency and the per-channel limit back to their start. */
  resetAll(): void {
    this.reset();
    this.ts = FIRST_TS;
    this.latencyMs = 0;
    this.perChannel = null;
  }

  private channelLimit(method: string, body: Record<string, unknown>): Failure | null {
    if (!this.perChannel || method !== 'chat.postMessage') return null;
    const channel = String(body['channel']);
    const now = Date.now();
    const last = this.lastPost.get(channel);
    if (last !== undefined && now - last < this.perChannel.intervalMs - this.perChannel.toleranceMs) {
      this.rateLimited += 1;
      return { status: 429, retryAfter: this.perChannel.retryAfter };
    }
    this.lastPost.set(channel, now);
    return null;
  }

  private randomFailure(method: string): Failure | null {
    const random = this.random;
    if (!random || random.method !== method || random.next() >= random.share) return null;
    return random.failures[Math.floor(random.next() * random.failures.length)]!;
  }

  private takeFailure(method: string, body: Record<string, unknown>): Failure | null {
    const rule = this.failures.find((f) => f.method === method && f.times > 0 && (!f.channel || f.channel === body['channel']));
    if (!rule) return null;
    rule.times -= 1;
    return rule.failure;
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://test.slack.com/', team: 'Test', user: 'renewal-desk', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' };
      case 'chat.postMessage':
        this.ts += 1;
        return { ok: true, channel: body['channel'], ts: `${this.ts}.000100`, message: { text: body['text'] } };
      case 'chat.update':
        return { ok: true, channel: body['channel'], ts: body['ts'] };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.ts}.000200` };
      case 'views.open':
        return { ok: true, view: { id: 'V1' } };
      case 'users.info':
        return { ok: true, user: { id: body['user'], name: String(body['user']).toLowerCase(), is_bot: String(body['user']).startsWith('UBOT') || body['user'] === 'USLACKBOT', real_name: `User ${String(body['user'])}`, profile: { display_name: String(body['user']) } } };
      default:
        return { ok: true };
    }
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  const body: Record<string, unknown> = contentType.includes('json') ? (raw ? (JSON.parse(raw) as Record<string, unknown>) : {}) : Object.fromEntries(new URLSearchParams(raw));
  for (const field of JSON_FIELDS) {
    if (typeof body[field] === 'string') body[field] = JSON.parse(body[field] as string);
  }
  return body;
}
