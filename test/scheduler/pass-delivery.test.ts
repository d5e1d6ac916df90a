// How a pass delivers: channels side by side and paced, one subject at a time, a bounded number of
// posts in flight, a 429 holding up only its channel. A test family and a recording delivery on a
// real database (SQLite, or PostgreSQL with TEST_DATABASE=postgresql).
import { getEventListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryRouter, type Delivery, type DeliveryResult, type Destination, type RateLimit } from '../../src/messages/delivery.js';
import { plain, type Message } from '../../src/messages/model.js';
import type { ReminderFamily } from '../../src/scheduler/family.js';
import { TEAMS_LIMITS } from '../../src/platforms/teams/delivery.js';
import { PostPacer } from '../../src/scheduler/pacer.js';
import { runPass } from '../../src/scheduler/pass.js';
import { openDatabase, type Db } from '../../src/store/client.js';
import { applyMigrations } from '../../src/store/migrations.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

const WORKSPACE = 'slack:TPASS';
const AT = new Date('2026-12-02T09:00:00Z');
const INTERVAL_MS = 100;
const MANY_ATTEMPTS = 500;
const perChannel = (intervalMs: number): RateLimit[] => [{ per: 'channel', posts: 1, windowMs: intervalMs }];

/** Rows of kinds `a` then `b` (a minute later) for each subject; the message names subject and kind. */
const testFamily: ReminderFamily = {
  kinds: ['a', 'b'],
  whyNotPost: async () => null,
  build: async ({ row }) => ({ message: plain(`${row.subject} ${row.kind}`), channelId: row.channelId }),
};

interface Post { channel: string; subject: string; kind: string; start: number; end: number }

/**
 * Records every post with its timing and checks, while it runs, what is in flight at once. It
 * declares one post per `intervalMs` per channel, as Slack's delivery does (or other `limits`).
 */
class TimedDelivery implements Delivery {
  readonly posts: Post[] = [];
  inFlight = 0;
  mostInFlight = 0;
  readonly subjectsInFlight = new Set<string>();
  subjectOverlap = false;
  constructor(
    private readonly answer: (to: Destination, attempt: number) => DeliveryResult = () => ({ ok: true, messageId: 'ts' }),
    private readonly declared: readonly RateLimit[] = perChannel(INTERVAL_MS),
  ) {}

  limits(): readonly RateLimit[] {
    return this.declared;
  }

  async post(to: Destination, message: Message): Promise<DeliveryResult> {
    const [subject = '', kind = ''] = message.text.split(' ');
    const start = Date.now();
    this.inFlight += 1;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    if (this.subjectsInFlight.has(subject)) this.subjectOverlap = true;
    this.subjectsInFlight.add(subject);
    await new Promise((r) => setTimeout(r, 3));
    this.inFlight -= 1;
    this.subjectsInFlight.delete(subject);
    const result = this.answer(to, this.posts.filter((p) => p.channel === to.channelId).length);
    if (result.ok) this.posts.push({ channel: to.channelId, subject, kind, start, end: Date.now() });
    return result;
  }

  async update(): Promise<DeliveryResult> {
    return { ok: true, messageId: null };
  }
}

let dir: string;
let database: TestDatabase;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'renewal-desk-pass-'));
  database = await createTestDatabase(dir);
  await applyMigrations(database.url);
  db = openDatabase(database.url);
  await db.workspace.create({ data: { id: WORKSPACE, platform: 'slack', timezone: 'UTC' } });
});
afterEach(async () => {
  await db.$disconnect();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** `subjects` subjects over `channels` channels, each with an `a` row and a later `b` row, all due. */
async function seed(subjects: number, channels: number): Promise<void> {
  await db.reminder.createMany({
    data: Array.from({ length: subjects }, (_, i) => [
      { workspaceId: WORKSPACE, subject: `s${i}`, kind: 'a', step: '1', dueAt: new Date(AT.getTime() - 120_000), channelId: `c${i % channels}` },
      { workspaceId: WORKSPACE, subject: `s${i}`, kind: 'b', step: '1', dueAt: new Date(AT.getTime() - 60_000), channelId: `c${i % channels}` },
    ]).flat(),
  });
}

const deps = (delivery: Delivery, postsInFlight = 1) => ({
  db, delivery, clock: () => new Date(), families: [testFamily], pacer: new PostPacer(), postsInFlight,
});

describe('a pass delivering many reminders', () => {
  it.each([1, 3])('works through channels side by side, paced, one subject at a time, %i post(s) in flight at most', async (postsInFlight) => {
    await seed(24, 6); // 4 subjects × 2 rows = 8 posts per channel
    const delivery = new TimedDelivery();
    const started = Date.now();
    const report = await runPass(deps(delivery, postsInFlight), AT);
    const elapsed = Date.now() - started;
    expect(report).toMatchObject({ posted: 48, failed: 0, skipped: 0, deferred: 0 });
    expect(delivery.mostInFlight).toBeLessThanOrEqual(postsInFlight);
    expect(delivery.subjectOverlap).toBe(false);
    // Each subject: a, then b.
    for (let i = 0; i < 24; i += 1) expect(delivery.posts.filter((p) => p.subject === `s${i}`).map((p) => p.kind)).toEqual(['a', 'b']);
    // Each channel paced; the six channels side by side: about 8 intervals in all (one after the
    // other it would be 47 or more).
    for (let c = 0; c < 6; c += 1) {
      const starts = delivery.posts.filter((p) => p.channel === `c${c}`).map((p) => p.start);
      expect(Math.min(...starts.slice(1).map((s, i) => s - starts[i]!))).toBeGreaterThanOrEqual(INTERVAL_MS - 2);
    }
    expect(elapsed).toBeLessThan(40 * INTERVAL_MS);
  });

  it('a 429 in one channel holds up that channel only, for its Retry-After', async () => {
    await seed(12, 3);
    let limited = 0;
    const delivery = new TimedDelivery((to, done) => (to.channelId === 'c0' && done === 0 && !limited++ ? { ok: false, error: 'rate limited', retryAfterMs: 1500 } : { ok: true, messageId: 'ts' }), perChannel(40));
    const started = Date.now();
    const report = await runPass(deps(delivery, 1), AT);
    expect(report).toMatchObject({ posted: 24, failed: 0, deferred: 0 });
    const last = (c: string) => Math.max(...delivery.posts.filter((p) => p.channel === c).map((p) => p.start)) - started;
    const first = (c: string) => Math.min(...delivery.posts.filter((p) => p.channel === c).map((p) => p.start)) - started;
    expect(first('c0')).toBeGreaterThanOrEqual(1500);
    // c1 and c2 (8 posts each, 40 ms apart: about 0.3 s) are done before c0 may even start again.
    expect(last('c1')).toBeLessThan(1500);
    expect(last('c2')).toBeLessThan(1500);
  });

  it('a Retry-After longer than a pass waits gives the reminder back for a later pass, not counted as an attempt', async () => {
    await seed(1, 1);
    const delivery = new TimedDelivery(() => ({ ok: false, error: 'rate limited', retryAfterMs: 120_000 }));
    const report = await runPass(deps(delivery), AT);
    expect(report).toMatchObject({ posted: 0, deferred: 2 });
    const row = await db.reminder.findFirstOrThrow({ where: { kind: 'a' } });
    expect(row).toMatchObject({ status: 'failed', attempts: 0, lastError: 'rate limited' });
    expect(row.nextAttemptAt!.getTime()).toBe(AT.getTime() + 120_000);
  });

  it("passes sharing one long-lived signal (the scheduler's) leave no listener on it", async () => {
    await seed(2, 1);
    const stopping = new AbortController();
    for (let i = 0; i < 15; i += 1) await runPass({ ...deps(new TimedDelivery()), signal: stopping.signal }, AT);
    expect(getEventListeners(stopping.signal, 'abort')).toHaveLength(0);
  });

  it('stopping a pass gives back what it claimed and did not post', async () => {
    await seed(6, 2);
    const stopping = new AbortController();
    const delivery = new TimedDelivery(() => {
      stopping.abort();
      return { ok: true, messageId: 'ts' };
    });
    const report = await runPass({ ...deps(delivery), signal: stopping.signal }, AT);
    expect(report.posted).toBeGreaterThanOrEqual(1);
    expect(report.posted + report.deferred).toBe(12);
    expect(await db.reminder.count({ where: { status: 'sending' } })).toBe(0);
    const again = await runPass(deps(new TimedDelivery()), AT);
    expect(again.posted).toBe(12 - report.posted);
  });

  it('a platform not connected loses no attempts: its rows are given back, logged once, and go out once it is connected', async () => {
    await seed(2, 1); // Slack: s0, s1 in c0
    const TEAMS = 'teams:TPASS';
    await db.workspace.create({ data: { id: TEAMS, platform: 'teams', timezone: 'UTC' } });
    // Rows that have failed many times already (never a reason to give up), in three channels.
    await db.reminder.createMany({
      data: [0, 1, 2].map((i) => ({ workspaceId: TEAMS, subject: `t${i}`, kind: 'a', step: '1', dueAt: new Date(AT.getTime() - 60_000), channelId: `19:t${i}`, attempts: MANY_ATTEMPTS })),
    });
    const slack = new TimedDelivery(undefined, perChannel(5));
    const router = new DeliveryRouter();
    router.register('slack', slack);
    for (let pass = 0; pass < 3; pass += 1) {
      const logs: string[] = [];
      const report = await runPass({ ...deps(router, 3), log: (l) => logs.push(l) }, new Date(AT.getTime() + pass * 60_000));
      expect(report).toMatchObject({ posted: pass === 0 ? 4 : 0, failed: 0, deferred: 3 });
      expect(logs.filter((l) => l.includes('teams is not connected'))).toHaveLength(1);
    }
    const waiting = await db.reminder.findMany({ where: { workspaceId: TEAMS } });
    expect(waiting.map((r) => [r.status === 'planned' || r.status === 'failed', r.attempts, r.nextAttemptAt])).toEqual([0, 1, 2].map(() => [true, MANY_ATTEMPTS, null]));

    const teams = new TimedDelivery(undefined, perChannel(5));
    router.register('teams', teams);
    const report = await runPass(deps(router, 3), new Date(AT.getTime() + 5 * 60_000));
    expect(report).toMatchObject({ posted: 3, failed: 0, deferred: 0 });
    expect(teams.posts.map((p) => p.subject).sort()).toEqual(['t0', 't1', 't2']);
    expect(await db.reminder.count({ where: { workspaceId: TEAMS, status: 'sent' } })).toBe(3);
  });

  it("keeps to the limits the delivery declares (Teams: 7 a second per conversation), waiting in the pass, not in the delivery", async () => {
    await seed(10, 2); // c0 and c1: 5 subjects × 2 rows = 10 posts each
    const delivery = new TimedDelivery(undefined, TEAMS_LIMITS);
    const started = Date.now();
    const report = await runPass(deps(delivery, 1), AT);
    expect(report).toMatchObject({ posted: 20, failed: 0, deferred: 0 });
    for (const channel of ['c0', 'c1']) {
      const starts = delivery.posts.filter((p) => p.channel === channel).map((p) => p.start - started);
      // Seven at once, the eighth once the first has left the one-second window.
      expect(starts[6]!).toBeLessThan(500);
      expect(starts[7]! - starts[0]!).toBeGreaterThanOrEqual(1000 - 2);
    }
    // c1 did not wait for c0's window: both had their first seven before either's eighth.
    const firstSeven = (c: string) => delivery.posts.filter((p) => p.channel === c)[6]!.start;
    const eighth = (c: string) => delivery.posts.filter((p) => p.channel === c)[7]!.start;
    expect(Math.max(firstSeven('c0'), firstSeven('c1'))).toBeLessThan(Math.min(eighth('c0'), eighth('c1')));
  });
});
