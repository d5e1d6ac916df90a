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
