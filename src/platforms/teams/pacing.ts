/**
 * Teams' limits for bots: about 7 messages per second per conversation (and 50 per second per
 * tenant), and a 429 with Retry-After beyond that. The pacer keeps each conversation under its limit
 * on its own: a busy conversation waits briefly or is deferred; other conversations are not held up.
 */
export interface PacerOptions {
  perConversation?: number;
  perTenant?: number;
  windowMs?: number;
  /** Longer waits than this are handed back as "retry after" instead of waiting in line. */
  maxWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type Slot = { ok: true } | { ok: false; retryAfterMs: number };

export class Pacer {
  private readonly sent = new Map<string, number[]>();
  private readonly blocked = new Map<string, number>();
  private readonly perConversation: number;
  private readonly perTenant: number;
  private readonly windowMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: PacerOptions = {}) {
    this.perConversation = options.perConversation ?? 7;
    this.perTenant = options.perTenant ?? 50;
    this.windowMs = options.windowMs ?? 1000;
    this.maxWaitMs = options.maxWaitMs ?? 1000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Takes a slot to send into `conversation` of `tenant`, waiting at most maxWaitMs for one. */
  async acquire(tenant: string, conversation: string): Promise<Slot> {
    const started = this.now();
    const keys: [string, number][] = [[`c:${conversation}`, this.perConversation], [`t:${tenant}`, this.perTenant]];
    for (;;) {
      const now = this.now();
      const blockedFor = (this.blocked.get(conversation) ?? 0) - now;
      if (blockedFor > 0) return { ok: false, retryAfterMs: blockedFor };
      this.blocked.delete(conversation);
      const wait = Math.max(...keys.map(([key, limit]) => this.waitFor(key, limit, now)));
      if (wait <= 0) {
        for (const [key] of keys) this.sent.get(key)!.push(now);
        return { ok: true };
      }
      if (now - started + wait > this.maxWaitMs) return { ok: false, retryAfterMs: wait };
      await this.sleep(wait);
    }
  }

  /** After a 429: nothing goes to this conversation until Retry-After has passed. */
  block(conversation: string, retryAfterMs: number): void {
    this.blocked.set(conversation, Math.max(this.blocked.get(conversation) ?? 0, this.now() + retryAfterMs));
  }

  private waitFor(key: string, limit: number, now: number): number {
    const recent = (this.sent.get(key) ?? []).filter((t) => now - t < this.windowMs);
    this.sent.set(key, recent);
    return recent.length < limit ? 0 : recent[0]! + this.windowMs - now;
  }
}
