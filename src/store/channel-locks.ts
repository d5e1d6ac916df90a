import { createHash } from 'node:crypto';
import type { PrismaPg } from '@prisma/adapter-pg';
import { isPostgresqlUrl, withUtcSessions } from './client.js';
import { pgAdapterClass } from './pg-adapter.js';

/**
 * Which process posts into a channel right now, between processes sharing one database: a pass works
 * through a channel only while it holds the channel's lock, so several instances stay within Slack's
 * per-channel limit between them instead of each posting at the full rate. Exactness does not depend
 * on it (each reminder is still claimed), only pacing.
 */
export interface ChannelLocks {
  /** True when this process holds `key` now (taken, or already held); false when another process has it. */
  tryLock(key: string): Promise<boolean>;
  unlock(key: string): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL: session advisory locks on one connection of this process (released if the process dies). SQLite: none. */
export function channelLocksFor(databaseUrl: string): ChannelLocks | null {
  return isPostgresqlUrl(databaseUrl) ? new AdvisoryChannelLocks(databaseUrl) : null;
}

type Session = Awaited<ReturnType<PrismaPg['connect']>>;

class AdvisoryChannelLocks implements ChannelLocks {
  private session: Promise<Session> | null = null;
  /** Locks held, with how many passes of this process hold each (session locks are per process). */
  private readonly held = new Map<string, number>();

  constructor(private readonly databaseUrl: string) {}

  /** Lock operations one at a time (they share one connection, and the counts must not race). */
  private queue: Promise<unknown> = Promise.resolve();

  tryLock(key: string): Promise<boolean> {
    return this.serially(async () => {
      const count = this.held.get(key);
      if (count) {
        this.held.set(key, count + 1);
        return true;
      }
      const result = await this.query(`SELECT pg_try_advisory_lock(${lockId(key)}) AS locked`);
      const locked = result.rows[0]?.[0] === true;
      if (locked) this.held.set(key, 1);
      return locked;
    });
  }

  unlock(key: string): Promise<void> {
    return this.serially(async () => {
      const count = this.held.get(key) ?? 0;
      if (count > 1) this.held.set(key, count - 1);
      if (count !== 1) return;
      this.held.delete(key);
      await this.query(`SELECT pg_advisory_unlock(${lockId(key)})`);
    });
  }

  private serially<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    this.held.clear();
    if (session) await (await session).dispose();
  }

  private async query(sql: string): Promise<{ rows: unknown[][] }> {
    // One connection, never closed while idle: session locks live as long as it does.
    this.session ??= new (pgAdapterClass())({ connectionString: withUtcSessions(this.databaseUrl), max: 1, idleTimeoutMillis: 0 }).connect();
    try {
      return await (await this.session).queryRaw({ sql, args: [], argTypes: [] });
    } catch (error) {
      // A broken connection took its locks with it: start over with a new one next time.
      await this.close().catch(() => undefined);
      throw error;
    }
  }
}

/** A signed 64-bit lock id (an integer literal: nothing from the key reaches the SQL text). */
function lockId(key: string): string {
  return createHash('sha256').update(`renewal-desk channel ${key}`).digest().readBigInt64BE(0).toString();
}
