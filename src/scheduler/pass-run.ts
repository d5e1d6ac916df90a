import type { Delivery, Destination } from '../messages/delivery.js';
import type { ChannelLocks } from '../store/channel-locks.js';
import type { ClaimOptions } from '../store/claims.js';
import type { Db } from '../store/client.js';
import { channelsOfContracts } from '../store/contracts.js';
import type { Reminder } from '../store/reminder-ledger.js';
import { getWorkspace, type Workspace } from '../store/workspaces.js';
import type { ReminderFamily } from './family.js';
import { emptyReport, tally, type RowOutcome } from './outcome.js';
import { ChannelAdmission } from './admission.js';
import { PostPacer, type Paced } from './pacer.js';
import type { Log, LogLevel } from '../log.js';

export interface PassDeps {
  db: Db;
  delivery: Delivery;
  /** Wall clock, for claim leases between processes. */
  clock: () => Date;
  log?: Log;
  /** A claim older than this is taken over (its process is presumed dead). */
  leaseMs?: number;
  batchSize?: number;
  families?: readonly ReminderFamily[];
  /**
   * Pacing within the limits each delivery declares (default: a new pacer). Keep one per process and
   * pass it to every pass, so that consecutive passes share the spacing and the pauses of 429s.
   */
  pacer?: PostPacer;
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
  /** Only this workspace's reminders (the console runs a pass "as of" an instant for its own workspace). */
  workspaceId?: string;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;
/** This many failed posts in a row (not rate limits) mean the platform is down: the rest waits for the next pass. */
const FAILURES_BEFORE_PAUSE = 10;

/** What the parts of one pass share: its instant, its tally, and what it learnt about channels and platforms. */
export class PassRun {
  readonly report = emptyReport();
  stopped = false;
  readonly pacer: PostPacer;
  /** How many channels this process works at once (as many as its posts can keep at their pace). */
  readonly admission: ChannelAdmission;
  readonly leaseMs: number;
  readonly maxChannelWaitMs: number;
  /** Channels whose remaining rows wait for a later pass (failing, or paused for long). */
  readonly deferredChannels = new Set<string>();
  /** Channels that failed for good in this pass, with the error: their other rows fail the same way. */
  readonly deadChannels = new Map<string, string>();
  /** Platforms whose delivery answered "not connected" in this pass: their rows wait for a later pass. */
  readonly disconnected = new Set<string>();
  private readonly workspaces = new Map<string, Promise<Workspace | null>>();
  /** Reports of undeliverable reminders, found due or planned by this pass: posted at its end. */
  private readonly reports = new Map<string, Reminder>();
  private failuresInRow = 0;

  constructor(
    readonly deps: PassDeps,
    readonly now: Date,
  ) {
    this.pacer = deps.pacer ?? new PostPacer();
    this.admission = new ChannelAdmission(deps.postsInFlight ?? 1);
    this.leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
    this.maxChannelWaitMs = deps.maxChannelWaitMs ?? 10_000;
    deps.signal?.addEventListener('abort', this.onAbort, { once: true });
    if (deps.signal?.aborted) this.stop();
  }

  private readonly onAbort = () => this.stop();

  /** The caller's signal outlives the pass (the scheduler's, for all its passes): leave no listener on it. */
  detach(): void {
    this.deps.signal?.removeEventListener('abort', this.onAbort);
  }

  get db(): Db {
    return this.deps.db;
  }

  log(line: string, level?: LogLevel): void {
    this.deps.log?.(line, level);
  }

  count(outcome: RowOutcome, rows = 1): void {
    tally(this.report, outcome, rows);
  }

  stop(): void {
    this.stopped = true;
    this.admission.close();
  }

  claimOptions(): ClaimOptions {
    return { now: this.now, realNow: this.deps.clock(), leaseMs: this.leaseMs };
  }

  /** A destination with the limits its platform's delivery declared. */
  paced(to: Destination): Paced {
    return { to, limits: this.deps.delivery.limits(to.workspaceId) };
  }

  workspace(id: string): Promise<Workspace | null> {
    let found = this.workspaces.get(id);
    if (!found) {
      found = getWorkspace(this.deps.db, id);
      this.workspaces.set(id, found);
    }
    return found;
  }

  /**
   * Where each row will most likely be posted (its own channel, its contract's, else the workspace
   * channel), to line rows up per channel before they are built. The post itself is paced on the
   * channel the family actually returns.
   */
  async destinations(rows: readonly Reminder[]): Promise<Map<string, Destination>> {
    const contractIds = [...new Set(rows.filter((r) => !r.channelId && r.contractId).map((r) => r.contractId!))];
    const byContract = await channelsOfContracts(this.deps.db, contractIds);
    const result = new Map<string, Destination>();
    for (const r of rows) {
      const channelId = r.channelId ?? (r.contractId ? byContract.get(r.contractId) : null) ?? (await this.workspace(r.workspaceId))?.defaultChannel ?? '';
      result.set(r.id, { workspaceId: r.workspaceId, channelId });
    }
    return result;
  }

  addReports(rows: readonly Reminder[]): void {
    for (const row of rows) this.reports.set(row.id, row);
  }

  takeReports(): Reminder[] {
    const rows = [...this.reports.values()];
    this.reports.clear();
    return rows;
  }

  postWentThrough(): void {
    this.failuresInRow = 0;
  }

  /** A failed post (not a rate limit): after ten in a row the platform is presumed down and the pass stops. */
  postFailed(): void {
    this.failuresInRow += 1;
    if (this.failuresInRow === FAILURES_BEFORE_PAUSE) {
      this.log(`${FAILURES_BEFORE_PAUSE} posts failed in a row: the rest waits for the next pass`, 'error');
      this.stop();
    }
  }
}

/** The key of a destination's channel in the pass's sets and queues. */
export function channelKey(to: Destination): string {
  return `${to.workspaceId}\u0000${to.channelId}`;
}
