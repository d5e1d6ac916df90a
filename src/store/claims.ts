import { randomUUID } from 'node:crypto';
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
    const token = randomUUID();
    const { count } = await db.reminder.updateMany({
      where: { id: row.id, OR: claimable(options) },
      data: { status: 'sending', claimToken: token, claimedAt: options.realNow, attempts: { increment: 1 } },
    });
    return count === 1 ? new Claim(db, row, token, options.realNow.getTime()) : null;
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

  async sent(result: { channelId: string; messageId: string | null; late: boolean; at: Date }): Promise<void> {
    await this.db.reminder.updateMany({
      where: { id: this.row.id, claimToken: this.token },
      data: { status: 'sent', channelId: result.channelId, messageId: result.messageId, late: result.late, sentAt: result.at, lastError: null },
    });
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
