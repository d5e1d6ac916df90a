import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { RateLimit } from '../../src/messages/delivery.js';
import { TEAMS_LIMITS } from '../../src/platforms/teams/delivery.js';
import { Limiter, sleep } from '../../src/scheduler/concurrency.js';
import { PostPacer, type Paced } from '../../src/scheduler/pacer.js';

const SLACK: readonly RateLimit[] = [{ per: 'channel', posts: 1, windowMs: 1000 }];
const slack = (channelId: string, limits = SLACK): Paced => ({ to: { workspaceId: 'slack:T1', channelId }, limits });
const teams = (channelId: string, tenant = 't1'): Paced => ({ to: { workspaceId: `teams:${tenant}`, channelId }, limits: TEAMS_LIMITS });

/** A pacer on a clock the test moves; sleeping moves it. */
function pacerOnFakeClock() {
  let now = 1_000_000;
  const slept: number[] = [];
  const pacer = new PostPacer({
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  });
  return { pacer, slept, advance: (ms: number) => (now += ms), now: () => now };
}

describe('PostPacer, one post a second per channel (Slack)', () => {
  it('spaces posts to one channel by the interval, and leaves other channels alone', async () => {
    const { pacer, slept } = pacerOnFakeClock();
    await pacer.take(slack('A'));
    await pacer.take(slack('B'));
    await pacer.take(slack('A'));
    await pacer.take(slack('C'));
    expect(slept).toEqual([1000]);
    expect(pacer.delayFor(slack('A'))).toBe(1000);
    expect(pacer.delayFor(slack('B'))).toBe(0);
  });

  it('a 429 pauses that channel for its Retry-After only', async () => {
    const { pacer, advance } = pacerOnFakeClock();
    pacer.pause(slack('A').to, 30_000);
    expect(pacer.delayFor(slack('A'))).toBe(30_000);
    expect(pacer.delayFor(slack('B'))).toBe(0);
    advance(30_000);
    expect(pacer.delayFor(slack('A'))).toBe(0);
  });

  it('counts from when a post really starts, and yields a slot to another process', async () => {
    const { pacer, advance } = pacerOnFakeClock();
    const slot = await pacer.take(slack('A'));
    advance(400); // the post waited for a free connection
    pacer.posting(slot);
    expect(pacer.delayFor(slack('A'))).toBe(1000);
    pacer.yieldSlot(slack('B'));
    expect(pacer.delayFor(slack('B'))).toBe(1000);
  });

  it('with a zero interval, or no limits declared, never waits', async () => {
    const { pacer, slept } = pacerOnFakeClock();
    for (let i = 0; i < 5; i += 1) await pacer.take(slack('A', [{ per: 'channel', posts: 1, windowMs: 0 }]));
    for (let i = 0; i < 5; i += 1) await pacer.take(slack('B', []));
    expect(slept).toEqual([]);
  });
});

describe('PostPacer, 7 a second per conversation and 50 per tenant (Teams)', () => {
  it('lets 7 messages a second into one conversation, then waits for the window', async () => {
    const { pacer, slept } = pacerOnFakeClock();
    for (let i = 0; i < 7; i += 1) await pacer.take(teams('c1'));
    expect(slept).toEqual([]);
    expect(pacer.delayFor(teams('c1'))).toBe(1000);
    await pacer.take(teams('c1'));
    expect(slept).toEqual([1000]);
  });

  it('does not hold up other conversations while one is busy', async () => {
    const { pacer, slept } = pacerOnFakeClock();
    for (let i = 0; i < 7; i += 1) await pacer.take(teams('busy'));
    expect(pacer.delayFor(teams('quiet'))).toBe(0);
    await pacer.take(teams('quiet'));
    expect(slept).toEqual([]);
  });

  it('keeps the tenant under 50 a second across its conversations; another tenant is not held up', async () => {
    const { pacer, slept } = pacerOnFakeClock();
    for (let i = 0; i < 50; i += 1) await pacer.take(teams(`c${i}`));
    expect(slept).toEqual([]);
    expect(pacer.delayFor(teams('c-next'))).toBe(1000);
    expect(pacer.delayFor(teams('c-other-tenant', 't2'))).toBe(0);
  });

  it('after a 429 nothing goes to that conversation until Retry-After has passed', async () => {
    const { pacer, advance } = pacerOnFakeClock();
    pacer.pause(teams('c1').to, 30_000);
    expect(pacer.delayFor(teams('c1'))).toBe(30_000);
    expect(pacer.delayFor(teams('c2'))).toBe(0);
    advance(30_000);
    expect(pacer.delayFor(teams('c1'))).toBe(0);
  });
});

describe('waiting on an abort signal', () => {
  const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

  it('leaves no abort listener behind, however many waits there were, one after another or at once', async () => {
    const stopping = new AbortController();
    const pacer = new PostPacer();
    const a = slack('A', [{ per: 'channel', posts: 1, windowMs: 1 }]);
    for (let i = 0; i < 30; i += 1) {
      await pacer.take(a, stopping.signal);
      await pacer.waitFor(a, stopping.signal);
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
