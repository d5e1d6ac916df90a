import type { Config } from '../config.js';
import { channelLocksFor } from '../store/channel-locks.js';
import { ChannelPacer } from './pacer.js';
import type { PassDeps } from './pass.js';

export type PassSettings = Pick<PassDeps, 'leaseMs' | 'concurrency' | 'postsInFlight' | 'pacer' | 'channelLocks'> & {
  /** Releases what the settings hold (the channel-lock connection). */
  close: () => Promise<void>;
};

/** The pass settings of one process (see README, "Running several instances"). */
export function passSettings(config: Config): PassSettings {
  const channelLocks = channelLocksFor(config.DATABASE_URL);
  return {
    leaseMs: config.REMINDER_LEASE_SECONDS * 1000,
    concurrency: config.DELIVERY_CONCURRENCY,
    postsInFlight: config.DELIVERY_POSTS_IN_FLIGHT,
    // One pacer per process, shared by its passes.
    pacer: new ChannelPacer({ intervalMs: config.CHANNEL_POST_INTERVAL_MS }),
    channelLocks,
    close: async () => {
      await channelLocks?.close();
    },
  };
}
