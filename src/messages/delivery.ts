import type { Message } from './model.js';

/** Where a message goes: a channel (Slack channel id, Teams conversation id) of a workspace. */
export interface Destination {
  workspaceId: string;
  channelId: string;
}

export type DeliveryResult =
  | { ok: true; messageId: string | null }
  | { ok: false; error: string; retryAfterMs?: number; permanent?: boolean };

/** What the scheduler and the command layer need from a chat platform to talk to a channel. */
export interface Delivery {
  post(to: Destination, message: Message): Promise<DeliveryResult>;
  update(to: Destination, messageId: string, message: Message): Promise<DeliveryResult>;
}

/** Routes each workspace to its platform's delivery ("slack:T1" → Slack, "teams:…" → Teams). */
export class DeliveryRouter implements Delivery {
  private readonly platforms = new Map<string, Delivery>();

  register(platform: string, delivery: Delivery): void {
    this.platforms.set(platform, delivery);
  }

  private pick(to: Destination): Delivery | null {
    return this.platforms.get(to.workspaceId.split(':')[0] ?? '') ?? null;
  }

  async post(to: Destination, message: Message): Promise<DeliveryResult> {
    const target = this.pick(to);
    return target ? target.post(to, message) : { ok: false, error: 'platform not connected' };
  }

  async update(to: Destination, messageId: string, message: Message): Promise<DeliveryResult> {
    const target = this.pick(to);
    return target ? target.update(to, messageId, message) : { ok: false, error: 'platform not connected' };
  }
}
