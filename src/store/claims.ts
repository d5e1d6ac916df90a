import { randomUUID } from 'node:crypto';
import { claimRows, recordSentRows } from './claim-statements.js';
import type { Db } from './client.js';
import type { Reminder } from './reminder-ledger.js';

export interface ClaimOptions {
  /** The pass's "as of" instant: what is due. */
  now: Date;
  /** Wall-clock time, for leases between processes. */
  realNow: Date;
  leaseMs: number;
}

/** Rows a pass may take: waiting, failed and due again, or claimed by a process whose lease ran out. */
export function claimable(options: ClaimOptions) {
  return [
    { status: 'planned' },
    { status: 'failed', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: options.now } }] },
    { status: 'sending', claimedAt: { lt: new Date(options.realNow.getTime() - options.leaseMs) } },
  ];
}

/** What a post left to record on its row. */
export interface SentResult {
  channelId: string;
  messageId: string | null;
  late: boolean;
  at: Date;
}

/** Why a row was given up when its error will not heal (channel gone, bot removed, token revoked). */
export const PERMANENT_ERROR = 'permanent error';

/**
 * A due ledger row this process has taken (`sending`), bound to the row and its lease token. Every
 * change goes through the token: once the lease ran out and another process took the row over, this
 * claim changes nothing.
 */
export class Claim {
  private constructor(
    private readonly db: Db,
    readonly row: Reminder,
    private readonly token: string,
    /** Wall-clock time of the claim or its last renewal. */
    private heldSince: number,
  ) {}

  /** Atomically takes a due row (one conditional UPDATE); null when another pass or process got it first. */
  static async take(db: Db, row: Reminder, options: ClaimOptions): Promise<Claim | null> {
    return (await Claim.takeMany(db, [row], options)).get(row.id) ?? null;
  }

  /**
   * Atomically takes the due rows among `rows` with one conditional UPDATE; the claims by row id. A
   * row another pass or process got first (or is changing right now) has none.
   */
  static async takeMany(db: Db, rows: readonly Reminder[], options: ClaimOptions): Promise<Map<string, Claim>> {
    const token = randomUUID();
    const taken = await claimRows(db, rows.map((r) => r.id), token, options);
    return new Map(rows.filter((r) => taken.has(r.id)).map((r) => [r.id, new Claim(db, r, token, options.realNow.getTime())]));
  }

  /** How long ago the claim was taken or last renewed. */
  heldFor(realNow: Date): number {
    return realNow.getTime() - this.heldSince;
  }

  /**
   * Extends a claim that has been waiting (for a free connection, or the channel's pace) before its
   * post: false when the lease ran out and another process took the row over, which then posts it.
   */
  async renew(realNow: Date): Promise<boolean> {
    const { count } = await this.db.reminder.updateMany({ where: { id: this.row.id, claimToken: this.token, status: 'sending' }, data: { claimedAt: realNow } });
    if (count === 1) this.heldSince = realNow.getTime();
    return count === 1;
  }

  async sent(result: SentResult): Promise<void> {
    await Claim.sentMany([{ claim: this, ...result }]);
  }

  /** Records several posted claims as sent in one statement (they share one database). */
  static async sentMany(posted: readonly ({ claim: Claim } & SentResult)[]): Promise<void> {
    const first = posted[0];
    if (!first) return;
    const rows = posted.map(({ claim, ...result }) => ({ id: claim.row.id, token: claim.token, ...result }));
    await recordSentRows(first.claim.db, rows, new Date());
  }

  /** A failed post: retried from `retryAt`, or, with null, given up (`dead`, recording where it was going). */
  async failed(error: string, retryAt: Date | null, channelId?: string): Promise<void> {
    await this.db.reminder.updateMany({
      where: { id: this.row.id, claimToken: this.token },
      data: retryAt
        ? { status: 'failed', lastError: error, nextAttemptAt: retryAt }
        : { status: 'dead', lastError: error, reason: PERMANENT_ERROR, ...(channelId && { channelId }) },
    });
  }

  /**
   * Gives the row back without a post attempt: due again from `retryAt` when the platform held it
   * back (a rate limit longer than the pass waits; `failed`), or at once with null (the pass is
   * stopping, the platform is not connected here: `planned`, as if never tried).
   */
  async release(reason: string, retryAt: Date | null): Promise<void> {
    await this.db.reminder.updateMany({
      where: { id: this.row.id, claimToken: this.token, status: 'sending' },
      data: { status: retryAt ? 'failed' : 'planned', lastError: reason, nextAttemptAt: retryAt, attempts: { decrement: 1 } },
    });
  }

  /** Its family decided not to post it after all (it no longer applies). */
  async skip(reason: string): Promise<void> {
    await this.db.reminder.updateMany({ where: { id: this.row.id, claimToken: this.token }, data: { status: 'skipped', reason } });
  }
}

/** `Claim.take`, as a function. */
export function claim(db: Db, row: Reminder, options: ClaimOptions): Promise<Claim | null> {
  return Claim.take(db, row, options);
}
