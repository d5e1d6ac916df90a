import { Claim, type SentResult } from '../store/claims.js';

/**
 * Records posted rows as sent, several in one statement: whatever was posted while the last record
 * was being written goes in the next one. Each post waits for its own record (a post not recorded is
 * what a crash may duplicate), so with one post in flight each record holds one row.
 */
export class SentRecorder {
  private queued: { posted: { claim: Claim } & SentResult; settle: (error?: unknown) => void }[] = [];
  private writing = false;

  record(claim: Claim, result: SentResult): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queued.push({ posted: { claim, ...result }, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.writing) void this.write();
    });
  }

  private async write(): Promise<void> {
    this.writing = true;
    try {
      while (this.queued.length > 0) {
        const batch = this.queued;
        this.queued = [];
        try {
          await Claim.sentMany(batch.map((q) => q.posted));
          for (const q of batch) q.settle();
        } catch (error) {
          for (const q of batch) q.settle(error ?? new Error('could not record'));
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
