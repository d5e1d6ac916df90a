import type { MessageRef } from '../../commands/context.js';
import type { Delivery, DeliveryResult, Destination } from '../../messages/delivery.js';
import type { Message } from '../../messages/model.js';

/**
 * Passes posts and updates through, remembering which messages a click updated: when it is the
 * clicked card, the click is answered with that same card so the clicker sees it at once.
 */
export class RecordingDelivery implements Delivery {
  private readonly updated: { channelId: string; messageId: string; message: Message }[] = [];

  constructor(private readonly inner: Delivery) {}

  post(to: Destination, message: Message): Promise<DeliveryResult> {
    return this.inner.post(to, message);
  }

  async update(to: Destination, messageId: string, message: Message): Promise<DeliveryResult> {
    // Kept even when the update failed: the clicker then at least sees the new version.
    this.updated.push({ channelId: to.channelId, messageId, message });
    return this.inner.update(to, messageId, message);
  }

  /** The latest version written to `ref` during this request, if any. */
  updateOf(ref: MessageRef | null): Message | null {
    if (!ref) return null;
    return this.updated.filter((u) => u.channelId === ref.channelId && u.messageId === ref.messageId).at(-1)?.message ?? null;
  }
}
