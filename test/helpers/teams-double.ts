import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Framework connector (the activity's serviceUrl). */
export interface ConnectorCall {
  method: string;
  /** send: POST an activity · update: PUT an activity · create: open a conversation · member / channels: lookups. */
  kind: 'send' | 'update' | 'create' | 'member' | 'channels' | 'other';
  /** The conversation of the URL, decoded (a thread's `;messageid=` kept). */
  conversationId: string;
  /** POST: the activity replied to (if any) · PUT: the activity updated · GET member: the user. */
  activityId: string | null;
  body: Record<string, unknown>;
  /** The id the double gave a sent activity or a new conversation. */
  id?: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface Member {
  id: string;
  name: string;
  aadObjectId: string;
}

type Failure = { status: number; retryAfter?: number };
interface FailureRule {
  kind: ConnectorCall['kind'];
  conversation?: string;
  times: number;
  failure: Failure;
}

/**
 * A local HTTP double of the Bot Framework connector (Teams' side of a bot conversation). It records
 * every call, answers sends with ids, opens personal chats, knows a roster of members and the
 * team's channels, and fails on request (429 with Retry-After, 403, 404, 5xx).
 */
export class BotConnectorDouble {
  readonly calls: ConnectorCall[] = [];
  readonly members = new Map<string, Member>();
  /** Members known only in some conversations (a group chat's roster); the others are known everywhere. */
  private readonly memberOnlyIn = new Map<string, Set<string>>();
  channels: { id: string; name: string | null }[] = [];
  private server: Server | null = null;
  private failures: FailureRule[] = [];
  private waiters: { check: () => void }[] = [];
  private next = 0;
  port = 0;

  get serviceUrl(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const call = this.parse(req, raw);
        const failure = this.takeFailure(call);
        const answer = failure ? null : this.answer(call);
        this.calls.push(call);
        this.waiters.forEach((w) => w.check());
        if (failure) {
          res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.retryAfter !== undefined && { 'retry-after': String(failure.retryAfter) }) });
          res.end(JSON.stringify({ error: { code: failure.status === 429 ? 'Throttled' : 'Failed', message: `scripted ${failure.status}` } }));
          return;
        }
        res.writeHead(answer!.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer!.body));
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

  addMember(member: Member, options: { onlyIn?: string[] } = {}): void {
    this.members.set(member.id, member);
    if (options.onlyIn) this.memberOnlyIn.set(member.id, new Set(options.onlyIn));
    else this.memberOnlyIn.delete(member.id);
  }

  /** The next `times` calls of this kind (to `conversation`, if given) fail as described. */
  fail(kind: ConnectorCall['kind'], failure: Failure, options: { conversation?: string; times?: number } = {}): void {
    this.failures.push({ kind, failure, conversation: options.conversation, times: options.times ?? 1 });
  }

  sends(conversation?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.kind === 'send' && (!conversation || c.conversationId.split(';')[0] === conversation));
  }

  updates(): ConnectorCall[] {
    return this.calls.filter((c) => c.kind === 'update');
  }

  /** Resolves once `count` calls match; rejects after a bounded wait, listing what did arrive. */
  async waitFor(match: ConnectorCall['kind'] | ((call: ConnectorCall) => boolean), count = 1, timeoutMs = 5000): Promise<ConnectorCall[]> {
    const test = typeof match === 'string' ? (c: ConnectorCall) => c.kind === match : match;
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
        reject(new Error(`timed out waiting for ${count} × ${typeof match === 'string' ? match : 'matching calls'}; got ${this.calls.filter(test).length} (all: ${this.calls.map((c) => `${c.method} ${c.kind} ${c.conversationId}`).join(', ')})`));
      }, timeoutMs);
      this.waiters.push(waiter);
      waiter.check();
    });
  }

  reset(): void {
    this.calls.length = 0;
    this.failures = [];
  }

  /** As new: `reset`, and no members, no channels, activity ids from the start again. */
  resetAll(): void {
    this.reset();
    this.members.clear();
    this.memberOnlyIn.clear();
    this.channels = [];
    this.next = 0;
  }

  private parse(req: IncomingMessage, raw: string): ConnectorCall {
    const path = (req.url ?? '').split('?')[0]!;
    const method = req.method ?? 'GET';
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const base = { method, body, headers: req.headers, activityId: null as string | null };
    let m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (m) return { ...base, kind: method === 'PUT' ? 'update' : method === 'POST' ? 'send' : 'other', conversationId: decodeURIComponent(m[1]!), activityId: m[2] ? decodeURIComponent(m[2]) : null };
    m = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
    if (m) return { ...base, kind: 'member', conversationId: decodeURIComponent(m[1]!), activityId: decodeURIComponent(m[2]!) };
    m = /^\/v3\/teams\/([^/]+)\/conversations$/.exec(path);
    if (m) return { ...base, kind: 'channels', conversationId: decodeURIComponent(m[1]!) };
    if (path === '/v3/conversations' && method === 'POST') return { ...base, kind: 'create', conversationId: '' };
    return { ...base, kind: 'other', conversationId: '' };
  }

  private takeFailure(call: ConnectorCall): Failure | null {
    const rule = this.failures.find((f) => f.kind === call.kind && f.times > 0 && (!f.conversation || f.conversation === call.conversationId.split(';')[0]));
    if (!rule) return null;
    rule.times -= 1;
    return rule.failure;
  }

  private answer(call: ConnectorCall): { status: number; body: unknown } {
    switch (call.kind) {
      case 'send':
        this.next += 1;
        call.id = String(1_700_000_000_000 + this.next);
        return { status: 200, body: { id: call.id } };
      case 'update':
        return { status: 200, body: { id: call.activityId } };
      case 'create': {
        const members = (call.body['members'] as { id: string }[] | undefined) ?? [];
        call.id = `a:dm-${members[0]?.id ?? 'nobody'}`;
        return { status: 201, body: { id: call.id } };
      }
      case 'member': {
        const conversation = call.conversationId.split(';')[0]!;
        const member = [...this.members.values()].find((m) => (m.id === call.activityId || m.aadObjectId === call.activityId) && (this.memberOnlyIn.get(m.id)?.has(conversation) ?? true));
        return member ? { status: 200, body: { ...member, userPrincipalName: `${member.name.toLowerCase()}@example.com` } } : { status: 404, body: { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } } };
      }
      case 'channels':
        return { status: 200, body: { conversations: this.channels } };
      default:
        return { status: 404, body: { error: { code: 'NotFound', message: 'the double does not know this call' } } };
    }
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The Adaptive Card of a sent or updated activity. */
export function cardOf(call: ConnectorCall): Record<string, unknown> | null {
  const attachments = call.body['attachments'] as { contentType: string; content: Record<string, unknown> }[] | undefined;
  return attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content ?? null;
}
