import type { Config } from '../config.js';
import { channelLocksFor } from '../store/channel-locks.js';
import { PostPacer } from './pacer.js';
import type { PassDeps } from './pass.js';

/** How one process runs its passes: leases, concurrency, its pacer and channel locks (README, "Running several instances"). */
export type PassTuning = Pick<PassDeps, 'leaseMs' | 'concurrency' | 'postsInFlight' | 'pacer' | 'channelLocks'> & {
  /** Releases what it holds (the channel-lock connection). */
  close: () => Promise<void>;
};

export function passTuning(config: Config): PassTuning {
  const channelLocks = channelLocksFor(config.DATABASE_URL);
  return {
    leaseMs: config.REMINDER_LEASE_SECONDS * 1000,
    concurrency: config.DELIVERY_CONCURRENCY,
    postsInFlight: config.DELIVERY_POSTS_IN_FLIGHT,
    // One pacer per process, shared by its passes.
    pacer: new PostPacer(),
    channelLocks,
    close: async () => {
      await channelLocks?.close();
    },
  };
}
