/** What a post is assumed to take before one has been measured in the pass. */
const FIRST_GUESS_MS = 20;
/** Channels are taken on up to this share of what the posts can carry, keeping room for retries and reports. */
const HEADROOM = 0.9;

/**
 * How many channels one process works at once: as many as it can keep at their pace. A process can
 * make `postsInFlight` posts at a time, each taking what its posts have been taking (measured, with
 * the database write that records it), so it can carry so many posts a second; each channel it works
 * asks for up to its pace (Slack: one a second). Channels beyond that wait here, unlocked, so that
 * another process with room takes them: instances share the channels out instead of one taking them
 * all and keeping them at a slower pace. One channel is always let in.
 */
export class ChannelAdmission {
  private held = 0;
  /** Posts a second the channels held can ask for together. */
  private demand = 0;
  /** What a post (with its record) takes lately, ms. */
  postMs = FIRST_GUESS_MS;
  private readonly waiting: { rate: number; admitted: (yes: boolean) => void }[] = [];
  private closed = false;

  constructor(private readonly postsInFlight: number) {}

  /** Posts a second this process can make. */
  capacity(): number {
    return (this.postsInFlight * 1000) / Math.max(this.postMs, 0.1);
  }

  /**
   * Waits, in turn, until a channel asking for `rate` posts a second fits (0: a channel without a
   * pace), and counts it. False when the pass stopped meanwhile: nothing was counted.
   */
  admit(rate: number): Promise<boolean> {
    return new Promise((admitted) => {
      this.waiting.push({ rate, admitted });
      this.pump();
    });
  }

  release(rate: number): void {
    this.held -= 1;
    this.demand -= rate;
    this.pump();
  }

  /** A post (and the write that recorded it) took `ms`: the capacity follows what posts take now. */
  measured(ms: number): void {
    this.postMs = 0.8 * this.postMs + 0.2 * ms;
    this.pump();
  }

  /** The pass is stopping: channels still waiting are not let in. */
  close(): void {
    this.closed = true;
    this.pump();
  }

  private pump(): void {
    for (let next = this.waiting[0]; next; next = this.waiting[0]) {
      if (!this.closed && this.held > 0 && this.demand + next.rate > this.capacity() * HEADROOM) return;
      this.waiting.shift();
      if (!this.closed) {
        this.held += 1;
        this.demand += next.rate;
      }
      next.admitted(!this.closed);
    }
  }
}
