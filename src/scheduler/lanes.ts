import type { Destination } from '../messages/delivery.js';
import type { Reminder } from '../store/reminder-ledger.js';
import { dropRows, SUPERSEDED } from './give-up.js';
import type { RowOutcome } from './outcome.js';
import { channelKey, type PassRun } from './pass-run.js';

/** The due rows of one subject, handled one after the other, oldest first. */
interface Lane {
  subject: string;
  items: Reminder[];
}

/** The lanes waiting for one channel, and whether a worker is on them. */
interface ChannelQueue {
  to: Destination;
  lanes: Lane[];
}

type Lock = 'held' | 'none' | 'elsewhere';

/**
 * Per-channel lanes: due rows are lined up per subject (the rows of one contract go out one after
 * the other, oldest first, never two at once), the subjects per channel they are expected to go to,
 * and one worker per channel works through them at the channel's pace, channels side by side. A
 * process takes on as many channels as its posts can keep at their pace (`ChannelAdmission`); a
 * channel another process is working (its channel lock) is left to that process, and looked at again
 * once this pass has done the rest (`takeParked`). A channel paused for long or failing is left for a
 * later pass.
 */
export class ChannelLanes {
  private readonly queues = new Map<string, ChannelQueue>();
  /** Lanes not finished, per subject: a later row of the subject joins its lane. */
  private readonly lanes = new Map<string, Lane>();
  private readonly workers = new Set<string>();
  /** Channels found in another process's hands: their rows were left to it. */
  private readonly parked = new Map<string, Destination>();
  /** Rows waiting in lanes (not yet taken by a worker). */
  private pending = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly run: PassRun,
    private readonly handle: (row: Reminder, neededAt: number) => Promise<RowOutcome>,
  ) {}

  get busy(): boolean {
    return this.workers.size > 0;
  }

  idle(): Promise<void> {
    return this.waitUntil(() => this.workers.size === 0);
  }

  /** Resolves once fewer than `count` rows wait (or nothing is being worked on). */
  pendingBelow(count: number): Promise<void> {
    return this.waitUntil(() => this.pending < count || this.workers.size === 0);
  }

  /** The channels left to other processes since the last call, by key. */
  takeParked(): Map<string, Destination> {
    const parked = new Map(this.parked);
    this.parked.clear();
    return parked;
  }

  /** Adds due rows (oldest first) to their subjects' lanes, and starts a worker for each new channel. */
  async enqueue(rows: readonly Reminder[]): Promise<void> {
    const destinations = await this.run.destinations(rows);
    for (const row of [...rows].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())) {
      const lane = this.lanes.get(row.subject);
      if (lane) {
        // A later page brought a newer row of a kind still waiting here: only the latest goes out.
        // (Changed before any await: the lane's worker must see the new row when it looks next.)
        const older = lane.items.findIndex((r) => r.kind === row.kind);
        const [superseded] = older >= 0 ? lane.items.splice(older, 1) : [];
        lane.items.push(row);
        if (superseded) for (const outcome of await dropRows(this.run, [superseded], SUPERSEDED)) this.run.count(outcome);
        else this.pending += 1;
        continue;
      }
      const to = destinations.get(row.id)!;
      const created: Lane = { subject: row.subject, items: [row] };
      this.lanes.set(row.subject, created);
      this.pending += 1;
      const key = channelKey(to);
      const queue = this.queues.get(key);
      if (queue) queue.lanes.push(created);
      else this.queues.set(key, { to, lanes: [created] });
      if (!this.workers.has(key)) void this.work(key);
    }
  }

  /** Works through one channel's lanes, one row at a time, at the channel's pace. */
  private async work(key: string): Promise<void> {
    this.workers.add(key);
    const queue = this.queues.get(key)!;
    const rate = this.run.pacer.channelRate(this.run.paced(queue.to));
    let admitted = false;
    let lock: Lock = 'none';
    try {
      admitted = await this.run.admission.admit(rate);
      if (admitted) lock = await this.lockChannel(key);
      if (lock === 'elsewhere') this.parked.set(key, queue.to);
      for (let lane = queue.lanes.shift(); lane; lane = queue.lanes.shift()) {
        if (!admitted) this.leave(lane, 'deferred');
        // Another process is working this channel: its rows are left to it (not counted here).
        else if (lock === 'elsewhere') this.leave(lane, 'lost');
        else await this.workLane(lane, queue.to, lock === 'held');
        this.lanes.delete(lane.subject);
      }
      this.queues.delete(key);
    } finally {
      if (lock === 'held') await this.run.deps.channelLocks!.unlock(key).catch(() => undefined);
      if (admitted) this.run.admission.release(rate);
      this.workers.delete(key);
      // Rows for this channel that arrived while the lock was being given back: a new round.
      if (this.queues.get(key)?.lanes.length) void this.work(key);
      this.changed();
    }
  }

  /** Takes the channel's lock without waiting ('none': no locks, or they failed; 'elsewhere': another process has it). */
  private async lockChannel(key: string): Promise<Lock> {
    const locks = this.run.deps.channelLocks;
    if (!locks) return 'none';
    try {
      return (await locks.tryLock(key)) ? 'held' : 'elsewhere';
    } catch (error) {
      this.run.log(`channel locks unavailable (${(error as Error).message}): pacing within this process only`, 'warn');
      return 'none';
    }
  }

  private async workLane(lane: Lane, to: Destination, locked: boolean): Promise<void> {
    const { run } = this;
    const key = channelKey(to);
    const paced = run.paced(to);
    while (lane.items.length > 0) {
      const wait = run.pacer.delayFor(paced);
      if (run.stopped || run.deferredChannels.has(key) || wait > run.maxChannelWaitMs) {
        if (wait > run.maxChannelWaitMs) run.deferredChannels.add(key);
        this.leave(lane, 'deferred');
        return;
      }
      const [row] = this.take(lane, 1);
      // Prepared (with other channels' rows) while the channel's slot comes; posted in the slot.
      const outcome = await this.handle(row!, Date.now() + wait);
      run.count(outcome);
      if (outcome === 'lost') {
        // Another process is posting this subject (and, without channel locks, most likely in this
        // channel right now: wait a slot, so that between them they keep to the channel's pace).
        if (!locked) run.pacer.yieldSlot(paced);
        this.take(lane, lane.items.length);
        return;
      }
      if (outcome === 'retrying' || outcome === 'deferred') {
        run.deferredChannels.add(key);
        this.leave(lane, 'deferred');
        return;
      }
    }
  }

  /** The rest of a lane waits for a later pass, counted with `outcome`. */
  private leave(lane: Lane, outcome: RowOutcome): void {
    this.run.count(outcome, lane.items.length);
    this.take(lane, lane.items.length);
  }

  private take(lane: Lane, count: number): Reminder[] {
    const taken = lane.items.splice(0, count);
    this.pending -= taken.length;
    this.changed();
    return taken;
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
