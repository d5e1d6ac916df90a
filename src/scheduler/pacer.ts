import type { Destination, RateLimit } from '../messages/delivery.js';
import { sleep } from './concurrency.js';

/** A destination with the limits its platform declared (`Delivery.limits`). */
export interface Paced {
  to: Destination;
  limits: readonly RateLimit[];
}

/** A slot taken for a post: the times it holds in each limit's window. */
export interface Slot {
  readonly held: { key: string; at: number }[];
}

export interface PacerOptions {
  /** Wall clock in milliseconds (tests may drive it). */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * The one pacing layer: keeps the posts of one process within the limits each platform declares
 * (Slack: one post a second per channel; Teams: 7 a second per conversation and 50 per tenant). A 429
 * pauses that channel only (for its Retry-After); other channels go on meanwhile. Deliveries never
 * wait; the pass asks here how long a channel has to wait, and waits (or leaves it for a later pass).
 * Keep one per process and hand it to every pass, so consecutive passes share the spacing and the pauses.
 */
export class PostPacer {
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Per limit and key: the times of its latest posts (taken slots, started posts), ascending. */
  private readonly windows = new Map<string, number[]>();
  /** Per channel: nothing goes there before this time (a Retry-After). */
  private readonly paused = new Map<string, number>();

  constructor(options: PacerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleep;
  }

  /** How long until `p` may be posted to (0: now). */
  delayFor(p: Paced): number {
    const now = this.now();
    return Math.max(0, this.freeAt(p, now) - now);
  }

  /** Waits until `p` is free, without taking a slot. */
  async waitFor(p: Paced, signal?: AbortSignal): Promise<void> {
    const wait = this.delayFor(p);
    if (wait > 0) await this.sleep(wait, signal);
  }

  /** Takes the next free slot for `p` and waits for it. Resolves early (the slot kept) when `signal` aborts. */
  async take(p: Paced, signal?: AbortSignal): Promise<Slot> {
    const now = this.now();
    const at = this.freeAt(p, now);
    const slot: Slot = { held: p.limits.map((limit) => ({ key: keyOf(limit, p.to), at })) };
    p.limits.forEach((limit, i) => this.record(slot.held[i]!.key, limit, at));
    this.prune(now);
    if (at > now) await this.sleep(at - now, signal);
    return slot;
  }

  /**
   * The post of `slot` starts now: the limits count it from here, even when it starts later than its
   * slot (it waited for a free connection).
   */
  posting(slot: Slot): void {
    const now = this.now();
    for (const held of slot.held) {
      const times = this.windows.get(held.key);
      const i = times?.indexOf(held.at) ?? -1;
      if (!times || i < 0 || held.at >= now) continue;
      times[i] = now;
      times.sort((a, b) => a - b);
      held.at = now;
    }
  }

  /**
   * Counts a post that another process is making to `p`'s channel (it won the claim of a reminder
   * there): the next post from here waits for it, so several processes working through the same
   * channel stay near its limit between them instead of each posting at the full rate.
   */
  yieldSlot(p: Paced): void {
    const now = this.now();
    for (const limit of p.limits) {
      if (limit.per !== 'channel') continue;
      const key = keyOf(limit, p.to);
      this.record(key, limit, this.freeAtFor(key, limit, now));
    }
  }

  /** The average time between posts `p`'s channel limits allow (Slack: one second; none: 0). */
  spacing(p: Paced): number {
    return Math.max(0, ...p.limits.filter((l) => l.per === 'channel').map((l) => l.windowMs / l.posts));
  }

  /** Posts a second `p`'s channel limits allow (Slack: one); 0 when they set none (not paced). */
  channelRate(p: Paced): number {
    const rates = p.limits.filter((l) => l.per === 'channel' && l.windowMs > 0).map((l) => (l.posts * 1000) / l.windowMs);
    return rates.length > 0 ? Math.min(...rates) : 0;
  }

  /** A 429 with Retry-After: nothing goes to `to` for `ms`; other channels are not affected. */
  pause(to: Destination, ms: number): void {
    const key = channelOf(to);
    this.paused.set(key, Math.max(this.paused.get(key) ?? 0, this.now() + ms));
  }

  private freeAt(p: Paced, now: number): number {
    let at = Math.max(now, this.paused.get(channelOf(p.to)) ?? 0);
    for (const limit of p.limits) at = Math.max(at, this.freeAtFor(keyOf(limit, p.to), limit, now));
    return at;
  }

  /** The earliest time at or after the latest post of the window that leaves fewer than `posts` in any `windowMs`. */
  private freeAtFor(key: string, limit: RateLimit, now: number): number {
    const times = this.windows.get(key) ?? [];
    let at = Math.max(now, times.at(-1) ?? 0);
    if (times.length >= limit.posts) at = Math.max(at, times[times.length - limit.posts]! + limit.windowMs);
    return at;
  }

  private record(key: string, limit: RateLimit, at: number): void {
    const times = this.windows.get(key) ?? [];
    times.push(at);
    times.sort((a, b) => a - b);
    // Only the latest `posts` times decide when the next slot is free.
    if (times.length > limit.posts) times.splice(0, times.length - limit.posts);
    this.windows.set(key, times);
  }

  /** Forgets windows and pauses that are over, so a long-running process does not collect every channel. */
  private prune(now: number): void {
    if (this.windows.size + this.paused.size < 10_000) return;
    for (const [key, times] of this.windows) if ((times.at(-1) ?? 0) + windowOf(key) <= now) this.windows.delete(key);
    for (const [key, until] of this.paused) if (until <= now) this.paused.delete(key);
  }
}

function channelOf(to: Destination): string {
  return `${to.workspaceId}\u0000${to.channelId}`;
}

/** A limit's window for a destination: its channel, or its whole workspace. */
function keyOf(limit: RateLimit, to: Destination): string {
  const scope = limit.per === 'channel' ? channelOf(to) : to.workspaceId;
  return `${limit.posts}/${limit.windowMs}\u0000${limit.per}\u0000${scope}`;
}

function windowOf(key: string): number {
  return Number(key.slice(key.indexOf('/') + 1, key.indexOf('\u0000')));
}
