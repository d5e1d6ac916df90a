import type { Message } from './model.js';

/** Where a message goes: a channel (Slack channel id, Teams conversation id) of a workspace. */
export interface Destination {
  workspaceId: string;
  channelId: string;
}

export type DeliveryResult =
  | { ok: true; messageId: string | null }
  | {
      ok: false;
      error: string;
      retryAfterMs?: number;
      permanent?: boolean;
      /**
       * Nothing was tried: this process has no connection to the workspace's platform (it is not
       * configured here). Not a failed attempt: the message waits until the platform is connected.
       */
      notConnected?: true;
    };

/**
 * A platform's posting limit: at most `posts` in any `windowMs`, to one channel (`per: 'channel'`) or
 * to all channels of a workspace together (`per: 'workspace'`: a Teams tenant).
 */
export interface RateLimit {
  per: 'channel' | 'workspace';
  posts: number;
  windowMs: number;
}

/**
 * What the scheduler and the command layer need from a chat platform to talk to a channel. A
 * delivery makes one call per post or update and never waits: it declares its platform's limits,
 * and the scheduler's pass does the waiting (src/scheduler/pacer.ts); retries are the pass's too.
 */
export interface Delivery {
  post(to: Destination, message: Message): Promise<DeliveryResult>;
  update(to: Destination, messageId: string, message: Message): Promise<DeliveryResult>;
  /** The limits posts to this workspace's channels keep to (none: not paced). */
  limits(workspaceId: string): readonly RateLimit[];
}

/** The platform of a workspace id: "slack:T1" → "slack", "teams:<tenant>" → "teams". */
export function platformOf(workspaceId: string): string {
  return workspaceId.split(':')[0] ?? '';
}

/** What a delivery answers for a workspace whose platform this process is not connected to. */
export function notConnected(platform: string): DeliveryResult {
  return { ok: false, notConnected: true, error: `${platform || 'this platform'} is not connected in this process` };
}

/**
 * Routes each workspace to its platform's delivery ("slack:T1" → Slack, "teams:…" → Teams). A
 * workspace of a platform not registered gets a `notConnected` result.
 */
export class DeliveryRouter implements Delivery {
  private readonly platforms = new Map<string, Delivery>();

  register(platform: string, delivery: Delivery): void {
    this.platforms.set(platform, delivery);
  }

  private pick(to: Destination): Delivery | null {
    return this.platforms.get(platformOf(to.workspaceId)) ?? null;
  }

  async post(to: Destination, message: Message): Promise<DeliveryResult> {
    const target = this.pick(to);
    return target ? target.post(to, message) : notConnected(platformOf(to.workspaceId));
  }

  async update(to: Destination, messageId: string, message: Message): Promise<DeliveryResult> {
    const target = this.pick(to);
    return target ? target.update(to, messageId, message) : notConnected(platformOf(to.workspaceId));
  }

  limits(workspaceId: string): readonly RateLimit[] {
    return this.platforms.get(platformOf(workspaceId))?.limits(workspaceId) ?? [];
  }
}
