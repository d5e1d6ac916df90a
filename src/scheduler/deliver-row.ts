import { applyEffects, perform } from '../effects/apply.js';
import { platformOf, type DeliveryResult } from '../messages/delivery.js';
import type { Claim } from '../store/claims.js';
import type { Reminder } from '../store/reminder-ledger.js';
import { BACKOFF_CAP_MS, retryDelayMs } from './backoff.js';
import { classify, type DeliveryLimits } from './classify.js';
import { Limiter, sleep } from './concurrency.js';
import { DELIVERY_PROBLEM, planDeliveryProblemReport } from './families/delivery-problems.js';
import { FAMILIES } from './families/index.js';
import type { RowOutcome } from './outcome.js';
import { channelKey, type PassRun } from './pass-run.js';
import { Preparer, type Prepared } from './prepare.js';
import { SentRecorder } from './record-sent.js';
import { performance } from 'node:perf_hooks';

/** Rate-limited posts of one reminder retried within a pass, after the channel's Retry-After. */
const IN_PASS_RATE_LIMIT_RETRIES = 2;
/** A post that failed with a 5xx or a network error is tried once more in the pass, after this pause (its channel only). */
const TRANSIENT_RETRY_MS = 250;

/**
 * One due row from check to outcome: prepared (checked, claimed, built) in a batch with the rows of
 * the other channels (`Preparer`), then posted at its channel's pace through the same `perform` as a
 * command's effects, with a bounded number of posts in flight; what the platform answered is
 * classified (`classify`) and recorded on the claim (`SentRecorder`).
 */
export class RowDelivery {
  private readonly preparer: Preparer;
  private readonly posts: Limiter;
  private readonly recorder = new SentRecorder();
  private readonly limits: DeliveryLimits;

  constructor(private readonly run: PassRun) {
    this.preparer = new Preparer(run, run.deps.families ?? FAMILIES);
    this.posts = new Limiter(run.deps.postsInFlight ?? 1);
    this.limits = { maxChannelWaitMs: run.maxChannelWaitMs, rateLimitRetries: IN_PASS_RATE_LIMIT_RETRIES, transientRetryMs: TRANSIENT_RETRY_MS, backoffCapMs: BACKOFF_CAP_MS };
  }

  /** `neededAt`: the earliest its post could go out (its channel's next slot), epoch ms. */
  async handle(row: Reminder, neededAt: number): Promise<RowOutcome> {
    // Nor can it go out before the posts already waiting for a free slot: time to gather more rows.
    const queued = (this.posts.busy * this.run.admission.postMs) / this.posts.max;
    const preparation = await this.preparer.prepare(row, Math.max(neededAt, Date.now() + queued));
    if ('outcome' in preparation) return preparation.outcome;
    if ('error' in preparation) return this.broken(row, preparation.error, preparation.claim);
    try {
      return await this.deliver(preparation.prepared);
    } catch (error) {
      return this.broken(row, error, preparation.prepared.claim);
    }
  }

  /** A bug or a database error on one row must not stop the others: retried with backoff. */
  private async broken(row: Reminder, error: unknown, claim: Claim | null): Promise<RowOutcome> {
    this.run.log(`could not handle ${row.kind} (${row.subject}): ${(error as Error).message}`, 'error');
    const retryAt = new Date(this.run.now.getTime() + retryDelayMs(row.attempts + 1));
    await claim?.failed(`error: ${(error as Error).message}`.slice(0, 500), retryAt).catch(() => undefined);
    this.run.postFailed();
    return 'retrying';
  }

  private async deliver(p: Prepared): Promise<RowOutcome> {
    const { run } = this;
    const row = p.claim.row;
    const dead = run.deadChannels.get(channelKey(p.to));
    if (dead) return this.deadEnd(p, dead);
    const paced = run.paced(p.to);
    for (let attempt = 0; ; attempt += 1) {
      const wait = run.pacer.delayFor(paced);
      if (run.stopped || wait > run.maxChannelWaitMs) {
        await p.claim.release(run.stopped ? 'pass stopped before posting' : 'waiting for a rate limit on the channel', run.stopped ? null : new Date(run.now.getTime() + wait));
        return 'deferred';
      }
      const slot = await run.pacer.take(paced, run.deps.signal);
      if (run.stopped) continue; // gives the claim back above
      const result = await this.posts.run(async (): Promise<DeliveryResult | null> => {
        // A claim that waited long (many channels before it, a slow API) is renewed before the post,
        // so that its lease cannot run out while the post is on its way.
        const now = run.deps.clock();
        if (p.claim.heldFor(now) > run.leaseMs / 2 && !(await p.claim.renew(now))) return null;
        run.pacer.posting(slot);
        const started = performance.now();
        const posted = await perform(run.deps.delivery, p.to.workspaceId, p.effect);
        if (posted.ok) await this.recordSent(p, posted.messageId);
        run.admission.measured(performance.now() - started);
        if (posted.ok && p.refresh.length > 0) {
          await applyEffects(p.refresh, { db: run.db, workspaceId: p.to.workspaceId, delivery: run.deps.delivery, log: (line) => run.log(line, 'warn') });
        }
        return posted;
      });
      if (!result) return 'lost'; // its lease ran out before the post: another process has it now
      const error = result.ok ? '' : result.error;
      const verdict = classify(result, { inPass: attempt, failed: row.attempts + 1 }, this.limits);
      switch (verdict.action) {
        case 'posted':
          run.postWentThrough();
          run.log(`posted ${row.kind} ${row.step} (${row.subject}) to ${p.to.channelId}${p.late ? ' (late)' : ''}`);
          return p.late ? 'posted-late' : 'posted';
        case 'not-connected': {
          // Nothing was tried: not an attempt. Due again on the next pass, when the platform may be connected.
          await p.claim.release(error, null);
          const platform = platformOf(p.to.workspaceId);
          if (!run.disconnected.has(platform)) {
            run.disconnected.add(platform);
            run.log(`${error}: its due reminders are kept and go out on a pass once it is configured`, 'warn');
          }
          return 'deferred';
        }
        case 'retry-now':
          // Rate limited: this channel waits for the Retry-After, the others go on. A 5xx or a network
          // error: once more shortly (this channel waits), then backoff.
          run.pacer.pause(p.to, verdict.pauseMs);
          if (verdict.rateLimited) run.log(`rate limited in ${p.to.channelId}: waiting ${Math.ceil(verdict.pauseMs / 1000)} s for that channel`);
          continue;
        case 'release':
          // Still limited (or told to wait long): the row is given back, due again once the Retry-After
          // has passed (a rate limit is not a failed attempt), and this channel is left for a later pass.
          run.pacer.pause(p.to, verdict.retryInMs);
          await p.claim.release(error, new Date(run.now.getTime() + verdict.retryInMs));
          run.log(`rate limited in ${p.to.channelId} (${error}): retrying after ${Math.ceil(verdict.retryInMs / 1000)} s, on a later pass`);
          return 'deferred';
        case 'retry-later':
          await p.claim.failed(error, new Date(run.now.getTime() + verdict.retryInMs));
          run.log(`could not post ${row.kind} (${row.subject}) to ${p.to.channelId}: ${error}, retrying in ${Math.round(verdict.retryInMs / 1000)} s`, 'warn');
          run.postFailed();
          return 'retrying';
        case 'dead':
          return this.deadEnd(p, error);
      }
    }
  }

  /**
   * Marks a posted reminder sent, trying a few times: until it is recorded, a crash would post it
   * again. If the database stays unreachable the row keeps its claim, and is posted again after the
   * lease (the one duplicate a failure here can cause).
   */
  private async recordSent(p: Prepared, messageId: string | null): Promise<void> {
    const result = { channelId: p.to.channelId, messageId, late: p.late, at: this.run.deps.clock() };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await (attempt === 1 ? this.recorder.record(p.claim, result) : p.claim.sent(result));
        return;
      } catch (error) {
        if (attempt === 3) {
          this.run.log(`posted ${p.claim.row.kind} (${p.claim.row.subject}) to ${p.to.channelId} but could not record it (${(error as Error).message}): it may be posted again after the lease`, 'error');
          return;
        }
        await sleep(200 * attempt);
      }
    }
  }

  /** An error that will not heal: recorded (`dead`), not retried, the channel's other rows fail the same way, reported once. */
  private async deadEnd(p: Prepared, error: string): Promise<RowOutcome> {
    const { run } = this;
    const row = p.claim.row;
    await p.claim.failed(error, null, p.to.channelId);
    run.log(`could not post ${row.kind} (${row.subject}) to ${p.to.channelId}: ${error} (giving up)`, 'error');
    run.deadChannels.set(channelKey(p.to), error);
    const report = row.kind === DELIVERY_PROBLEM ? null : await planDeliveryProblemReport(run.db, p.workspace, p.to.channelId, error, run.now);
    if (report) {
      run.addReports([report]);
      run.log(`reporting undeliverable reminders for ${p.to.channelId} to ${p.workspace.defaultChannel}`, 'warn');
    }
    return 'failed';
  }
}
