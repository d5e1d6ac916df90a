import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ChannelPacer, Limiter, sleep } from '../../src/scheduler/pacer.js';

/** A pacer on a clock the test moves; sleeping moves it. */
function pacerOnFakeClock(intervalMs: number) {
  let now = 1_000_000;
  const slept: number[] = [];
  const pacer = new ChannelPacer({
    intervalMs,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  });
  return { pacer, slept, advance: (ms: number) => (now += ms), now: () => now };
}

describe('ChannelPacer', () => {
  it('spaces posts to one channel by the interval, and leaves other channels alone', async () => {
    const { pacer, slept } = pacerOnFakeClock(1000);
    await pacer.take('A');
    await pacer.take('B');
    await pacer.take('A');
    await pacer.take('C');
    expect(slept).toEqual([1000]);
    expect(pacer.delayFor('A')).toBe(1000);
    expect(pacer.delayFor('B')).toBe(0);
  });

  it('a 429 pauses that channel for its Retry-After only', async () => {
    const { pacer, advance } = pacerOnFakeClock(1000);
    pacer.pause('A', 30_000);
    expect(pacer.delayFor('A')).toBe(30_000);
    expect(pacer.delayFor('B')).toBe(0);
    advance(30_000);
    expect(pacer.delayFor('A')).toBe(0);
  });

  it('counts from when a post really starts, and yields a slot to another process', async () => {
    const { pacer, advance } = pacerOnFakeClock(1000);
    await pacer.take('A');
    advance(400); // the post waited for a free connection
    pacer.posting('A');
    expect(pacer.delayFor('A')).toBe(1000);
    pacer.yieldSlot('B');
    expect(pacer.delayFor('B')).toBe(1000);
  });

  it('with a zero interval never waits', async () => {
    const { pacer, slept } = pacerOnFakeClock(0);
    for (let i = 0; i < 5; i += 1) await pacer.take('A');
    expect(slept).toEqual([]);
  });
});

describe('waiting on an abort signal', () => {
  const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

  it('leaves no abort listener behind, however many waits there were, one after another or at once', async () => {
    const stopping = new AbortController();
    const pacer = new ChannelPacer({ intervalMs: 1 });
    for (let i = 0; i < 30; i += 1) {
      await pacer.take('A', stopping.signal);
      await pacer.waitFor('A', stopping.signal);
    }
    expect(listeners(stopping.signal)).toBe(0);

    // Every channel lane of a pass waits at once: the signal carries one listener, not one per wait.
    const waits = Array.from({ length: 25 }, (_, i) => sleep(5 + i, stopping.signal));
    expect(listeners(stopping.signal)).toBeLessThanOrEqual(1);
    await Promise.all(waits);
    expect(listeners(stopping.signal)).toBe(0);
  });

  it('still wakes every wait at once when the signal aborts', async () => {
    const stopping = new AbortController();
    const started = Date.now();
    const waits = Promise.all(Array.from({ length: 15 }, () => sleep(60_000, stopping.signal)));
    stopping.abort();
    await waits;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(listeners(stopping.signal)).toBe(0);
    await sleep(60_000, stopping.signal); // already aborted: returns at once
  });
});

describe('Limiter', () => {
  it('runs at most `max` tasks at once, in order', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await Promise.all(Array.from({ length: 6 }, (_, i) => limiter.run(async () => {
      started.push(i);
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
    })));
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(limiter.busy).toBe(0);
  });

  it('frees the slot when a task throws', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await limiter.run(async () => 'next')).toBe('next');
  });
});
