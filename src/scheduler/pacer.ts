export interface PacerOptions {
  /** Least time between two posts to one channel (Slack allows about one message per second per channel). */
  intervalMs?: number;
  /** Wall clock in milliseconds (tests may drive it). */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_CHANNEL_INTERVAL_MS = 1000;

/** The sleeps waiting on each signal, and the one 'abort' listener that wakes them all. */
const sleepers = new WeakMap<AbortSignal, { waiting: Set<() => void>; onAbort: () => void }>();

/**
 * Sleeps `ms`; resolves early (without an error) when `signal` aborts. However many sleeps wait on one
 * signal at once (every channel lane of a pass), the signal carries a single 'abort' listener, removed
 * when the last of them ends: no listener outlives its wait.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) return new Promise((resolve) => setTimeout(resolve, ms));
  if (signal.aborted) return Promise.resolve();
  let entry = sleepers.get(signal);
  if (!entry) {
    const waiting = new Set<() => void>();
    const onAbort = () => {
      sleepers.delete(signal);
      for (const wake of [...waiting]) wake();
    };
    entry = { waiting, onAbort };
    sleepers.set(signal, entry);
    signal.addEventListener('abort', onAbort, { once: true });
  }
  const { waiting, onAbort } = entry;
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      waiting.delete(wake);
      if (waiting.size === 0 && sleepers.get(signal)?.waiting === waiting) {
        sleepers.delete(signal);
        signal.removeEventListener('abort', onAbort);
      }
      resolve();
    };
    const timer = setTimeout(wake, ms);
    waiting.add(wake);
  });
}

/**
 * Per-channel pacing for one process: posts to a channel are spaced by `intervalMs`, a 429 pauses that
 * channel only (for its Retry-After), and other channels go on meanwhile. Keep one per process and
 * hand it to every pass, so consecutive passes respect the same spacing. Channels are keys of the
 * caller's choosing (workspace and channel id).
 */
export class ChannelPacer {
  readonly intervalMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly next = new Map<string, number>();

  constructor(options: PacerOptions = {}) {
    this.intervalMs = Math.max(0, options.intervalMs ?? DEFAULT_CHANNEL_INTERVAL_MS);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleep;
  }

  /** How long until `channel` may be posted to (0: now). */
  delayFor(channel: string): number {
    return Math.max(0, (this.next.get(channel) ?? 0) - this.now());
  }

  /** Waits until `channel` is free, without taking its slot. */
  async waitFor(channel: string, signal?: AbortSignal): Promise<void> {
    const wait = this.delayFor(channel);
    if (wait > 0) await this.sleep(wait, signal);
  }

  /** Waits for the channel's next slot and takes it. Resolves early (without a slot) when `signal` aborts. */
  async take(channel: string, signal?: AbortSignal): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.next.get(channel) ?? 0);
    this.next.set(channel, at + this.intervalMs);
    this.prune(now);
    if (at > now) await this.sleep(at - now, signal);
  }

  /**
   * A post to `channel` starts now: the next one waits a full interval from here, even when this one
   * started later than its slot (it waited for a free connection).
   */
  posting(channel: string): void {
    const now = this.now();
    this.next.set(channel, Math.max(this.next.get(channel) ?? 0, now + this.intervalMs));
  }

  /**
   * Counts a post that another process is making in `channel` (it won the claim of a reminder there):
   * the next post from here waits one interval longer, so several processes working through the same
   * channel stay near its limit between them instead of each posting at the full rate.
   */
  yieldSlot(channel: string): void {
    const now = this.now();
    this.next.set(channel, Math.max(now, this.next.get(channel) ?? 0) + this.intervalMs);
  }

  /** A 429 with Retry-After: nothing goes to `channel` for `ms`; other channels are not affected. */
  pause(channel: string, ms: number): void {
    this.next.set(channel, Math.max(this.next.get(channel) ?? 0, this.now() + ms));
  }

  /** Forgets channels that are free again, so a long-running process does not collect every channel. */
  private prune(now: number): void {
    if (this.next.size < 10_000) return;
    for (const [channel, at] of this.next) if (at <= now) this.next.delete(channel);
  }
}

/** At most `max` tasks at once; the others wait in order. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`a limit must be a positive integer, not ${max}`);
  }

  /** Tasks running or waiting. */
  get busy(): number {
    return this.active + this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.max) this.active += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next task
      else this.active -= 1;
    }
  }
}
