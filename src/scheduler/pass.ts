import { isLate, pickLatestPerKind } from '../domain/catch-up.js';
import { dayIn } from '../domain/zoned-time.js';
import type { Db } from '../store/client.js';
import { channelsOfContracts } from '../store/contracts.js';
import {
  claim, findDue, laterStepDue, markFailed, markGivenUp, markSent, markSkipped, releaseClaim, renewClaim, skipClaimed, type ClaimOptions, type DueCursor, type Reminder,
} from '../store/reminder-ledger.js';
import { getWorkspace, type WorkspaceSettings } from '../store/workspaces.js';
import { platformOf, type Delivery, type DeliveryResult } from '../messages/delivery.js';
import type { Message } from '../messages/model.js';
import { BACKOFF_CAP_MS, retryDelayMs } from './backoff.js';
import { classify, type DeliveryLimits } from './classify.js';
import type { Built, FamilyContext, ReminderFamily } from './family.js';
import { ChannelPacer, Limiter, sleep } from './pacer.js';
import type { ChannelLocks } from '../store/channel-locks.js';
import { DELIVERY_PROBLEM, GAVE_UP, deliveryProblems, planDeliveryProblemReport } from './families/delivery-problems.js';
import { contractReminders } from './families/contract-reminders.js';
import { slaWarnings } from './families/sla-warnings.js';
import { monthlyReports, planMonthlyReports } from './families/monthly-report.js';
import { handoverReminders } from './families/handover.js';
import { serviceCredits } from './families/service-credits.js';
import { pulseSurveys } from './families/surveys.js';
import { planServiceCredits } from './credit-evaluation.js';

export const FAMILIES: readonly ReminderFamily[] = [contractReminders, slaWarnings, monthlyReports, handoverReminders, serviceCredits, pulseSurveys];

export interface PassDeps {
  db: Db;
  delivery: Delivery;
  /** Wall clock, for claim leases between processes. */
  clock: () => Date;
  log?: (line: string) => void;
  /** A claim older than this is taken over (its process is presumed dead). */
  leaseMs?: number;
  batchSize?: number;
  families?: readonly ReminderFamily[];
  /**
   * Per-channel pacing (default: a new pacer, one post per second per channel). Keep one per process
   * and pass it to every pass, so that consecutive passes share the spacing and the pauses of 429s.
   */
  pacer?: ChannelPacer;
  /** Reminders checked, claimed and built at once, across channels (default 8). */
  concurrency?: number;
  /**
   * Posts in flight at once (default 1). A post that reached the platform but was not recorded as
   * sent when the process died is posted again after the lease: a crash can duplicate at most this
   * many reminders. Raise it when the chat API is slow and many channels are due at once.
   */
  postsInFlight?: number;
  /** A channel paused (rate limit) for longer than this is left for a later pass (default 10 s). */
  maxChannelWaitMs?: number;
  /** Stops the pass early: nothing new is claimed; rows claimed but not posted are given back. */
  signal?: AbortSignal;
  /**
   * Between processes on one database (PostgreSQL): a channel is worked through by one process at a
   * time, so that several instances stay within the per-channel limit between them.
   */
  channelLocks?: ChannelLocks | null;
}

export interface PassReport {
  posted: number;
  late: number;
  skipped: number;
  failed: number;
  /** Left for a later pass: their channel is paused or failing, their platform is not connected, or the pass was stopped. */
  deferred: number;
  /** Given up after their posts kept failing until they no longer applied (superseded, or past their moment): reported. */
  givenUp: number;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;
/** This many failed posts in a row (not rate limits) mean the platform is down: the rest waits for the next pass. */
const FAILURES_BEFORE_PAUSE = 10;
/** Rate-limited posts of one reminder retried within a pass, after the channel's Retry-After. */
const IN_PASS_RATE_LIMIT_RETRIES = 2;
/** A post that failed with a 5xx or a network error is tried once more in the pass, after this pause (its channel only). */
const TRANSIENT_RETRY_MS = 250;
const SUPERSEDED = 'superseded by a later reminder';

/**
 * One scheduler pass "as of" `now`: finds due ledger rows by due instant, keeps only the latest of
 * each kind per subject, claims each row before posting and marks it sent after. Safe to run in
 * several processes at once.
 *
 * Delivery: the rows of one subject go out one after the other, oldest first (never two posts about
 * the same subject at once); channels are worked through side by side, each paced by the pacer, so a
 * slow, rate-limited or failing channel does not hold up the others. A 429 pauses its channel for the
 * Retry-After and the post is retried in the pass (or left for a later one when the pause is long); a
 * transient failure (5xx, network) backs off and leaves the rest of that channel for a later pass; a
 * permanent one (channel not found, bot not in channel) is recorded, not retried, and reported once to
 * the workspace channel. A reminder of a platform this process is not connected to is not an attempt:
 * it is given back, due again on the next pass, and the platform's other reminders wait without being
 * claimed.
 */
export async function runPass(deps: PassDeps, now: Date): Promise<PassReport> {
  const run = new PassRun(deps, now);
  // A planning problem is logged, and never keeps the due reminders from going out.
  await planMonthlyReports(deps.db, now, deps.log).catch((error: unknown) => deps.log?.(`could not plan the monthly reports: ${(error as Error).message}`));
  await planServiceCredits(deps.db, now, deps.log).catch((error: unknown) => deps.log?.(`could not evaluate the service credits: ${(error as Error).message}`));
  const batchSize = deps.batchSize ?? 500;
  let cursor: DueCursor | undefined;
  try {
    for (;;) {
      if (run.stopped) break;
      const due = await findDue(deps.db, run.claimOptions(), batchSize, cursor);
      if (due.length === 0) {
        if (run.busy) {
          await run.idle();
          continue;
        }
        // Reports of undeliverable reminders go out last, so that they list everything this pass gave up.
        const reports = run.takeReports();
        if (reports.length === 0) break;
        await run.enqueue(reports);
        continue;
      }
      const last = due[due.length - 1]!;
      cursor = { dueAt: last.dueAt, id: last.id };
      run.addReports(due.filter((r) => r.kind === DELIVERY_PROBLEM));
      const { post, skip } = pickLatestPerKind(due.filter((r) => r.kind !== DELIVERY_PROBLEM));
      await run.drop(skip, SUPERSEDED);
      await run.enqueue(post);
      // Fetch the next page while this one is being delivered, but keep at most a page waiting.
      await run.pendingBelow(batchSize);
    }
  } catch (error) {
    run.stop();
    throw error;
  } finally {
    await run.idle();
    run.detach();
  }
  return run.report;
}

/** The due rows of one subject, handled one after the other, oldest first. */
interface Lane {
  subject: string;
  items: Reminder[];
}

type Outcome = 'posted' | 'skipped' | 'failed' | 'lost' | 'transient' | 'deferred';

type Prepared =
  | { outcome: Outcome }
  | { outcome?: undefined; token: string; claimedAt: number; message: Message; channelId: string; workspace: WorkspaceSettings; late: boolean; replaces: string | null; refresh: NonNullable<Built['refresh']> };

class PassRun {
  readonly report: PassReport = { posted: 0, late: 0, skipped: 0, failed: 0, deferred: 0, givenUp: 0 };
  stopped = false;
  private readonly pacer: ChannelPacer;
  private readonly prep: Limiter;
  private readonly posts: Limiter;
  private readonly maxWaitMs: number;
  private readonly limits: DeliveryLimits;
  private readonly families: readonly ReminderFamily[];
  /** Lanes waiting, per channel they are expected to go to (the queue a channel worker takes from). */
  private readonly queues = new Map<string, Lane[]>();
  /** Lanes not finished, per subject: a later row of the subject joins its lane. */
  private readonly lanes = new Map<string, Lane>();
  private readonly workers = new Set<string>();
  /** Channels whose remaining rows wait for a later pass (failing, or paused for long). */
  private readonly deferredChannels = new Set<string>();
  /** Channels that failed for good in this pass, with the error: their other rows fail the same way. */
  private readonly deadChannels = new Map<string, string>();
  /** Platforms whose delivery answered "not connected" in this pass: their rows wait for a later pass. */
  private readonly disconnected = new Set<string>();
  private readonly workspaces = new Map<string, Promise<WorkspaceSettings | null>>();
  /** Reports of undeliverable reminders, found due or planned by this pass: posted at its end. */
  private readonly reports = new Map<string, Reminder>();
  private pending = 0;
  private failuresInRow = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly deps: PassDeps,
    private readonly now: Date,
  ) {
    this.pacer = deps.pacer ?? new ChannelPacer();
    this.prep = new Limiter(deps.concurrency ?? 8);
    this.posts = new Limiter(deps.postsInFlight ?? 1);
    this.maxWaitMs = deps.maxChannelWaitMs ?? 10_000;
    this.limits = { maxChannelWaitMs: this.maxWaitMs, rateLimitRetries: IN_PASS_RATE_LIMIT_RETRIES, transientRetryMs: TRANSIENT_RETRY_MS, backoffCapMs: BACKOFF_CAP_MS };
    this.families = deps.families ?? FAMILIES;
    deps.signal?.addEventListener('abort', this.onAbort, { once: true });
    if (deps.signal?.aborted) this.stop();
  }

  private readonly onAbort = () => this.stop();

  /** The caller's signal outlives the pass (the scheduler's, for all its passes): leave no listener on it. */
  detach(): void {
    this.deps.signal?.removeEventListener('abort', this.onAbort);
  }

  private get leaseMs(): number {
    return this.deps.leaseMs ?? DEFAULT_LEASE_MS;
  }

  claimOptions(): ClaimOptions {
    return { now: this.now, realNow: this.deps.clock(), leaseMs: this.leaseMs };
  }

  addReports(rows: Reminder[]): void {
    for (const row of rows) this.reports.set(row.id, row);
  }

  /**
   * Rows that will not be posted: superseded, or no longer applying. A row still waiting for a retry
   * (`failed`: its last post failed or was held back) is not skipped silently: it is given up, with
   * the reason and the channel it was going to, and the failing channel is reported to the workspace
   * channel (once a day). The others are skipped, as after downtime.
   */
  async drop(rows: Reminder[], reason: string): Promise<void> {
    const { db } = this.deps;
    const waiting = rows.filter((r) => r.status === 'failed');
    const clean = rows.filter((r) => r.status !== 'failed');
    await markSkipped(db, clean.map((r) => r.id), reason);
    this.report.skipped += clean.length;
    if (waiting.length === 0) return;
    const channels = await this.destinations(waiting);
    const byChannel = new Map<string, Reminder[]>();
    for (const row of waiting) {
      const key = channelKey(row.workspaceId, channels.get(row.id)!);
      byChannel.set(key, [...(byChannel.get(key) ?? []), row]);
    }
    for (const group of byChannel.values()) {
      const first = group[0]!;
      const channelId = channels.get(first.id) || null;
      const count = await markGivenUp(db, group.map((r) => r.id), channelId, reason);
      if (count === 0) continue; // another process took them meanwhile
      this.report.givenUp += count;
      this.deps.log?.(`gave up ${count} reminder(s) for ${channelId ?? 'no channel'} (${reason}) after failed posts (last: ${first.lastError ?? 'unknown'})`);
      const workspace = await this.workspace(first.workspaceId);
      if (!workspace || !channelId || group.every((r) => r.kind === DELIVERY_PROBLEM)) continue;
      const report = await planDeliveryProblemReport(db, workspace, channelId, GAVE_UP, this.now);
      if (report) this.addReports([report]);
    }
  }

  takeReports(): Reminder[] {
    const rows = [...this.reports.values()];
    this.reports.clear();
    return rows;
  }

  get busy(): boolean {
    return this.workers.size > 0;
  }

  stop(): void {
    this.stopped = true;
  }

  idle(): Promise<void> {
    return this.waitUntil(() => this.workers.size === 0);
  }

  pendingBelow(count: number): Promise<void> {
    return this.waitUntil(() => this.pending < count || this.workers.size === 0);
  }

  /** Adds due rows (oldest first) to their subjects' lanes, and starts a worker for each new channel. */
  async enqueue(rows: Reminder[]): Promise<void> {
    const channels = await this.destinations(rows);
    for (const row of [...rows].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())) {
      const lane = this.lanes.get(row.subject);
      if (lane) {
        // A later page brought a newer row of a kind still waiting here: only the latest goes out.
        // (Changed before any await: the lane's worker must see the new row when it looks next.)
        const older = lane.items.findIndex((r) => r.kind === row.kind);
        const [superseded] = older >= 0 ? lane.items.splice(older, 1) : [];
        lane.items.push(row);
        if (superseded) await this.drop([superseded], SUPERSEDED);
        else {
          this.pending += 1;
        }
        continue;
      }
      const channel = channelKey(row.workspaceId, channels.get(row.id)!);
      const created: Lane = { subject: row.subject, items: [row] };
      this.lanes.set(row.subject, created);
      this.pending += 1;
      const queue = this.queues.get(channel);
      if (queue) queue.push(created);
      else this.queues.set(channel, [created]);
      if (!this.workers.has(channel)) void this.work(channel);
    }
  }

  /**
   * Where each row will most likely be posted (its own channel, its contract's, else the workspace
   * channel), to line rows up per channel before they are built. The post itself is paced on the
   * channel the family actually returns.
   */
  private async destinations(rows: Reminder[]): Promise<Map<string, string>> {
    const contractIds = [...new Set(rows.filter((r) => !r.channelId && r.contractId).map((r) => r.contractId!))];
    const byContract = await channelsOfContracts(this.deps.db, contractIds);
    const result = new Map<string, string>();
    for (const r of rows) {
      const channel = r.channelId ?? (r.contractId ? byContract.get(r.contractId) : null) ?? (await this.workspace(r.workspaceId))?.defaultChannel ?? '';
      result.set(r.id, channel);
    }
    return result;
  }

  private workspace(id: string): Promise<WorkspaceSettings | null> {
    let found = this.workspaces.get(id);
    if (!found) {
      found = getWorkspace(this.deps.db, id);
      this.workspaces.set(id, found);
    }
    return found;
  }

  /** Works through one channel's lanes, one row at a time, at the channel's pace. */
  private async work(channel: string): Promise<void> {
    this.workers.add(channel);
    let lock: 'held' | 'none' | 'busy' = 'none';
    try {
      const queue = this.queues.get(channel)!;
      lock = await this.lockChannel(channel);
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        if (lock === 'busy') {
          // Another process has been working this channel for longer than a lease: later.
          this.report.deferred += lane.items.length;
          this.take(lane, lane.items.length);
          this.lanes.delete(lane.subject);
        } else {
          await this.workLane(lane, channel, lock === 'held');
        }
      }
      this.queues.delete(channel);
    } finally {
      if (lock === 'held') await this.deps.channelLocks!.unlock(channel).catch(() => undefined);
      this.workers.delete(channel);
      // Rows for this channel that arrived while the lock was being given back: a new round.
      if (this.queues.get(channel)?.length) void this.work(channel);
      this.changed();
    }
  }

  /** Takes the channel's lock, waiting while another process holds it ('none': no locks, or they failed). */
  private async lockChannel(channel: string): Promise<'held' | 'none' | 'busy'> {
    const locks = this.deps.channelLocks;
    if (!locks) return 'none';
    const giveUpAt = Date.now() + this.leaseMs;
    for (let waited = false; ; waited = true) {
      if (this.stopped) return 'busy';
      try {
        if (await locks.tryLock(channel)) {
          // The process that had it may have posted here a moment ago.
          if (waited) this.pacer.yieldSlot(channel);
          return 'held';
        }
      } catch (error) {
        this.deps.log?.(`channel locks unavailable (${(error as Error).message}): pacing within this process only`);
        return 'none';
      }
      if (Date.now() > giveUpAt) return 'busy';
      await sleep(Math.max(this.pacer.intervalMs, 100), this.deps.signal);
    }
  }

  private async workLane(lane: Lane, channel: string, locked: boolean): Promise<void> {
    try {
      while (lane.items.length > 0) {
        const wait = this.pacer.delayFor(channel);
        if (this.stopped || this.deferredChannels.has(channel) || wait > this.maxWaitMs) {
          if (wait > this.maxWaitMs) this.deferredChannels.add(channel);
          this.report.deferred += lane.items.length;
          this.take(lane, lane.items.length);
          return;
        }
        await this.pacer.waitFor(channel, this.deps.signal);
        const [reminder] = this.take(lane, 1);
        const outcome = await this.handle(reminder!);
        if (outcome === 'lost') {
          // Another process is posting this subject (and, without channel locks, most likely in this
          // channel right now: wait a slot, so that between them they keep to the channel's pace).
          if (!locked) this.pacer.yieldSlot(channel);
          this.take(lane, lane.items.length);
          return;
        }
        if (outcome === 'transient' || outcome === 'deferred') {
          this.deferredChannels.add(channel);
          this.report.deferred += lane.items.length;
          this.take(lane, lane.items.length);
          return;
        }
      }
    } finally {
      this.lanes.delete(lane.subject);
    }
  }

  private take(lane: Lane, count: number): Reminder[] {
    const taken = lane.items.splice(0, count);
    this.pending -= taken.length;
    this.changed();
    return taken;
  }

  /** One row: check, claim, build (with bounded concurrency), then post at the channel's pace. */
  private async handle(reminder: Reminder): Promise<Outcome> {
    let token: string | null = null;
    try {
      const prepared = await this.prep.run(() => this.prepare(reminder, (t) => (token = t)));
      if (prepared.outcome) return prepared.outcome;
      return await this.deliver(reminder, prepared);
    } catch (error) {
      // A bug or a database error on one row must not stop the others: retried with backoff.
      this.deps.log?.(`could not handle ${reminder.kind} (${reminder.subject}): ${(error as Error).message}`);
      if (token) {
        const retryAt = new Date(this.now.getTime() + retryDelayMs(reminder.attempts + 1));
        await markFailed(this.deps.db, reminder.id, token, `error: ${(error as Error).message}`.slice(0, 500), retryAt).catch(() => undefined);
      }
      this.report.failed += 1;
      this.countFailure();
      return 'transient';
    }
  }

  private async prepare(reminder: Reminder, claimed: (token: string) => void): Promise<Prepared> {
    const { db } = this.deps;
    const family = this.families.find((f) => f.kinds.includes(reminder.kind)) ?? (deliveryProblems.kinds.includes(reminder.kind) ? deliveryProblems : undefined);
    const workspace = await this.workspace(reminder.workspaceId);
    if (!family || !workspace) {
      await markSkipped(db, [reminder.id], family ? 'workspace gone' : `unknown kind ${reminder.kind}`);
      this.report.skipped += 1;
      return { outcome: 'skipped' };
    }
    // Checked first: a platform this process cannot post to costs its rows no query and no claim.
    if (this.stopped || this.disconnected.has(platformOf(reminder.workspaceId))) {
      this.report.deferred += 1;
      return { outcome: 'deferred' };
    }
    const late = isLate(reminder.dueAt, this.now, workspace.timezone) ? { dueDay: dayIn(reminder.dueAt, workspace.timezone) } : null;
    const ctx: FamilyContext = { db, reminder, workspace, now: this.now, today: dayIn(this.now, workspace.timezone), late };
    // A row retried after failed posts may meanwhile have been overtaken by a later step (already sent, or due).
    const superseded = reminder.status === 'failed' && reminder.kind !== DELIVERY_PROBLEM && (await laterStepDue(db, reminder, this.now));
    const stale = superseded ? SUPERSEDED : await family.stale(ctx);
    if (stale) {
      await this.drop([reminder], stale);
      return { outcome: 'skipped' };
    }
    if (this.stopped) {
      this.report.deferred += 1;
      return { outcome: 'deferred' };
    }
    const token = await claim(db, reminder, this.claimOptions());
    if (!token) return { outcome: 'lost' }; // another pass or process has it
    claimed(token);

    const built = await family.build(ctx);
    if (!built) {
      await skipClaimed(db, reminder.id, token, 'no longer applies');
      this.report.skipped += 1;
      return { outcome: 'skipped' };
    }
    const channelId = built.channelId ?? reminder.channelId ?? workspace.defaultChannel;
    if (!channelId) {
      await markFailed(db, reminder.id, token, 'no channel: set one with /renewals settings channel:#…', null);
      this.report.failed += 1;
      return { outcome: 'failed' };
    }
    return { token, claimedAt: this.deps.clock().getTime(), message: built.message, channelId, workspace, late: late !== null, replaces: built.replaces ?? null, refresh: built.refresh ?? [] };
  }

  private async deliver(reminder: Reminder, p: Extract<Prepared, { token: string }>): Promise<Outcome> {
    const { db } = this.deps;
    const channel = channelKey(p.workspace.id, p.channelId);
    const dead = this.deadChannels.get(channel);
    if (dead) return this.failed(reminder, p, dead);
    for (let attempt = 0; ; attempt += 1) {
      const wait = this.pacer.delayFor(channel);
      if (this.stopped || wait > this.maxWaitMs) {
        const retryAt = this.stopped ? null : new Date(this.now.getTime() + wait);
        await releaseClaim(db, reminder.id, p.token, this.stopped ? 'pass stopped before posting' : 'waiting for a rate limit on the channel', retryAt);
        this.report.deferred += 1;
        return 'deferred';
      }
      await this.pacer.take(channel, this.deps.signal);
      if (this.stopped) continue; // gives the claim back above
      const result = await this.posts.run(async (): Promise<DeliveryResult | null> => {
        // A claim that waited long (many channels before it, a slow API) is renewed before the post,
        // so that its lease cannot run out while the post is on its way.
        const now = this.deps.clock();
        if (now.getTime() - p.claimedAt > this.leaseMs / 2) {
          if (!(await renewClaim(db, reminder.id, p.token, now))) return null;
          p.claimedAt = now.getTime();
        }
        this.pacer.posting(channel);
        const to = { workspaceId: p.workspace.id, channelId: p.channelId };
        const posted = p.replaces ? await this.deps.delivery.update(to, p.replaces, p.message) : await this.deps.delivery.post(to, p.message);
        if (posted.ok) {
          await this.recordSent(reminder, p, posted.messageId);
          await this.refresh(p);
        }
        return posted;
      });
      if (!result) return 'lost'; // its lease ran out before the post: another process has it now
      const verdict = classify(result, { inPass: attempt, failed: reminder.attempts + 1 }, this.limits);
      switch (verdict.action) {
        case 'posted':
          this.failuresInRow = 0;
          this.report.posted += 1;
          if (p.late) this.report.late += 1;
          this.deps.log?.(`posted ${reminder.kind} ${reminder.step} (${reminder.subject}) to ${p.channelId}${p.late ? ' (late)' : ''}`);
          return 'posted';
        case 'not-connected': {
          // Nothing was tried: not an attempt. Due again on the next pass, when the platform may be connected.
          await releaseClaim(db, reminder.id, p.token, errorOf(result), null);
          this.report.deferred += 1;
          const platform = platformOf(p.workspace.id);
          if (!this.disconnected.has(platform)) {
            this.disconnected.add(platform);
            this.deps.log?.(`${errorOf(result)}: its due reminders are kept and go out on a pass once it is configured`);
          }
          return 'deferred';
        }
        case 'retry-now':
          // Rate limited: this channel waits for the Retry-After, the others go on. A 5xx or a network
          // error: once more shortly (this channel waits), then backoff.
          this.pacer.pause(channel, verdict.pauseMs);
          if (verdict.rateLimited) this.deps.log?.(`rate limited in ${p.channelId}: waiting ${Math.ceil(verdict.pauseMs / 1000)} s for that channel`);
          continue;
        case 'release':
          // Still limited (or told to wait long): the row is given back, due again once the Retry-After
          // has passed (a rate limit is not a failed attempt), and this channel is left for a later pass.
          this.pacer.pause(channel, verdict.retryInMs);
          await releaseClaim(db, reminder.id, p.token, errorOf(result), new Date(this.now.getTime() + verdict.retryInMs));
          this.report.deferred += 1;
          this.deps.log?.(`rate limited in ${p.channelId} (${errorOf(result)}): retrying after ${Math.ceil(verdict.retryInMs / 1000)} s, on a later pass`);
          return 'deferred';
        case 'retry-later':
          await markFailed(db, reminder.id, p.token, errorOf(result), new Date(this.now.getTime() + verdict.retryInMs));
          this.report.failed += 1;
          this.deps.log?.(`could not post ${reminder.kind} (${reminder.subject}) to ${p.channelId}: ${errorOf(result)}, retrying in ${Math.round(verdict.retryInMs / 1000)} s`);
          this.countFailure();
          return 'transient';
        case 'dead':
          return this.failed(reminder, p, errorOf(result));
      }
    }
  }

  /**
   * Marks a posted reminder sent, trying a few times: until it is recorded, a crash would post it
   * again. If the database stays unreachable the row keeps its claim, and is posted again after the
   * lease (the one duplicate a failure here can cause).
   */
  private async recordSent(reminder: Reminder, p: Extract<Prepared, { token: string }>, messageTs: string | null): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await markSent(this.deps.db, reminder.id, p.token, { channelId: p.channelId, messageTs, late: p.late, at: this.deps.clock() });
        return;
      } catch (error) {
        if (attempt === 3) {
          this.deps.log?.(`posted ${reminder.kind} (${reminder.subject}) to ${p.channelId} but could not record it (${(error as Error).message}): it may be posted again after the lease`);
          return;
        }
        await sleep(200 * attempt);
      }
    }
  }

  /** Messages the row's post brings up to date (best effort: the post itself is what the ledger records). */
  private async refresh(p: Extract<Prepared, { token: string }>): Promise<void> {
    for (const item of p.refresh) {
      const result = await this.deps.delivery.update({ workspaceId: p.workspace.id, channelId: item.channelId }, item.messageId, item.message);
      if (!result.ok) this.deps.log?.(`could not update ${item.messageId} in ${item.channelId}: ${result.error}`);
    }
  }

  /** An error that will not heal: recorded (`dead`), not retried, the channel's other rows fail the same way, reported once. */
  private async failed(reminder: Reminder, p: Extract<Prepared, { token: string }>, error: string): Promise<Outcome> {
    const { db } = this.deps;
    await markFailed(db, reminder.id, p.token, error, null, p.channelId);
    this.report.failed += 1;
    this.deps.log?.(`could not post ${reminder.kind} (${reminder.subject}) to ${p.channelId}: ${error} (giving up)`);
    this.deadChannels.set(channelKey(p.workspace.id, p.channelId), error);
    const report = reminder.kind === DELIVERY_PROBLEM ? null : await planDeliveryProblemReport(db, p.workspace, p.channelId, error, this.now);
    if (report) {
      this.addReports([report]);
      this.deps.log?.(`reporting undeliverable reminders for ${p.channelId} to ${p.workspace.defaultChannel}`);
    }
    return 'failed';
  }

  private countFailure(): void {
    this.failuresInRow += 1;
    if (this.failuresInRow === FAILURES_BEFORE_PAUSE) {
      this.deps.log?.(`${FAILURES_BEFORE_PAUSE} posts failed in a row: the rest waits for the next pass`);
      this.stop();
    }
  }

  private async waitUntil(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private changed(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

function errorOf(result: DeliveryResult): string {
  return result.ok ? '' : result.error;
}

function channelKey(workspaceId: string, channelId: string): string {
  return `${workspaceId}\u0000${channelId}`;
}
